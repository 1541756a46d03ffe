package org.imapp.figures;

import java.awt.Color;
import java.util.Random;

import org.imapp.analysis.BoxStatistics;

/**
 * Draws a notched box plot (seaborn/matplotlib style: white box, median line, whiskers to the
 * most extreme data within 1.5 IQR, no caps) with every value as a jittered point on top.
 */
public final class BoxPlot {

	private BoxPlot() {}

	/**
	 * @param center x pixel of the box's centre
	 * @param halfWidth half the box width in pixels
	 * @param seed jitter seed, so the same data always gives the same picture
	 */
	public static void draw(PlotArea p, double center, double halfWidth, double[] values, BoxStatistics b, Color color, long seed) {
		Drawing d = p.drawing();
		if (b.n() == 0) return;
		double q1 = p.py(b.q1()), q3 = p.py(b.q3()), med = p.py(b.median());
		// The notch may reach beyond the box for small n, as matplotlib draws it; clamp to the box.
		double nLo = p.py(Math.max(b.notchLow(), b.q1())), nHi = p.py(Math.min(b.notchHigh(), b.q3()));
		double inset = halfWidth * 0.5;
		double[] xs = { center - halfWidth, center + halfWidth, center + halfWidth, center + inset, center + halfWidth, center + halfWidth,
			center - halfWidth, center - halfWidth, center - inset, center - halfWidth };
		double[] ys = { q1, q1, nLo, med, nHi, q3, q3, nHi, med, nLo };
		d.line(center, p.py(b.whiskerLow()), center, q1, color, 1.4);
		d.line(center, q3, center, p.py(b.whiskerHigh()), color, 1.4);
		d.poly(xs, ys, true, Color.WHITE, null, 0, false);
		// Points between the white box and its outline, so the box stays readable under dense points.
		Random rnd = new Random(seed);
		Color dot = Palette.withAlpha(color, 120);
		for (double v : values) {
			if (Double.isNaN(v)) continue;
			double jitter = (rnd.nextDouble() * 2 - 1) * halfWidth * 0.8;
			d.circle(center + jitter, p.py(v), 1.7, dot, null, 0);
		}
		d.poly(xs, ys, true, null, color, 1.6, false);
		d.line(center - inset, med, center + inset, med, color, 2.6);
	}
}
