package org.imapp.figures;

import java.awt.Color;

/** The colours of the published IMA++ figures and the colour maps the suite draws with. */
public final class Palette {

	private Palette() {}

	/** {@code IEEE_DATA_DESC}: the dark red of the published figures (malignant, Dice). */
	public static final Color RED = new Color(0x6e001e);
	/** {@code IEEE_DATA_DESC_COLOR_COMP}: its green complement (benign, HD95). */
	public static final Color GREEN = new Color(0x006e50);
	public static final Color GREY = new Color(0x666666);
	public static final Color LIGHT_GREY = new Color(0xd3d3d3);
	public static final Color GRID = new Color(0xe6e6e6);
	public static final Color DOT_OFF = new Color(0xdddddd);
	public static final Color DOT_ON = new Color(0x222222);
	/** The published highlight of IMA++ in the dataset UpSet plot: #902241 with alpha 0x90. */
	public static final Color HIGHLIGHT = new Color(0x90, 0x22, 0x41, 0x90);

	/** Matplotlib's magma at nine even stops (0 = black, 1 = pale yellow). */
	private static final int[] MAGMA = { 0x000004, 0x1d1147, 0x51127c, 0x822681, 0xb63679, 0xe65164, 0xfb8861, 0xfec287, 0xfcfdbf };

	/** {@code magma_r} (reversed magma, the published heat maps' map) at f ∈ [0, 1]. */
	public static Color magmaReversed(double f) {
		return interpolate(MAGMA, 1 - Math.max(0, Math.min(1, f)));
	}

	/**
	 * The published count palette: a linear map from #ed0041 to #190007 sampled at {@code n} even
	 * stops, then desaturated by 0.75 as seaborn does for bars.
	 */
	public static Color countShade(int i, int n) {
		Color c = interpolate(new int[] { 0xed0041, 0x190007 }, n <= 1 ? 0 : (double) i / (n - 1));
		return desaturate(c, 0.75);
	}

	/** Distinct colours for mask outlines on skin images (bright, mutually distinguishable). */
	private static final int[] OUTLINES = { 0x00e5ff, 0xffea00, 0xff00ff, 0x00e676, 0xff6d00, 0x2979ff, 0xffffff, 0x000000, 0xd500f9, 0x76ff03 };

	public static Color outline(int i) {
		return new Color(OUTLINES[i % OUTLINES.length]);
	}

	/** Black or white, whichever reads better on {@code bg}. */
	public static Color textOn(Color bg) {
		double lum = 0.2126 * lin(bg.getRed()) + 0.7152 * lin(bg.getGreen()) + 0.0722 * lin(bg.getBlue());
		return lum > 0.2 ? Color.BLACK : Color.WHITE;
	}

	private static double lin(int c) {
		double v = c / 255.0;
		return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
	}

	public static Color withAlpha(Color c, int alpha) {
		return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
	}

	private static Color interpolate(int[] stops, double f) {
		double x = f * (stops.length - 1);
		int i = Math.min(stops.length - 2, (int) Math.floor(x));
		double t = x - i;
		int a = stops[i], b = stops[i + 1];
		return new Color(mix(a >> 16, b >> 16, t), mix(a >> 8, b >> 8, t), mix(a, b, t));
	}

	private static int mix(int a, int b, double t) {
		return (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
	}

	/** Seaborn's desaturate: scale HLS saturation by {@code prop}. */
	private static Color desaturate(Color c, double prop) {
		double r = c.getRed() / 255.0, g = c.getGreen() / 255.0, b = c.getBlue() / 255.0;
		double max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
		double l = (max + min) / 2;
		if (max == min) return c;
		double d = max - min;
		double s = l <= 0.5 ? d / (max + min) : d / (2 - max - min);
		double h;
		if (max == r) h = ((g - b) / d) % 6;
		else if (max == g) h = (b - r) / d + 2;
		else h = (r - g) / d + 4;
		h /= 6;
		if (h < 0) h += 1;
		s *= prop;
		double q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q;
		return new Color((float) hue(p, q, h + 1.0 / 3), (float) hue(p, q, h), (float) hue(p, q, h - 1.0 / 3));
	}

	private static double hue(double p, double q, double t) {
		if (t < 0) t += 1;
		if (t > 1) t -= 1;
		if (t < 1.0 / 6) return p + (q - p) * 6 * t;
		if (t < 0.5) return q;
		if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
		return p;
	}
}
