package org.imapp.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

import org.imapp.mask.BinaryMask;

/**
 * A lesion image with the outline of each mask in its own colour. The image is scaled so its
 * longer side has {@code side} pixels and framed by a white margin, so outlines of masks that
 * touch the image edge (common in IMA++: 1,129 published masks) stay visible outside it.
 * Outlines are the mask pixels with a 4-neighbour outside the mask (the image frame counts as
 * outside), thickened by a square of {@code thickness} pixels; later masks are painted over earlier ones.
 */
public final class MaskOverlay {

	private MaskOverlay() {}

	/**
	 * @param image the lesion image, or null to draw on grey
	 * @param masks all of the same size (the image is scaled to it)
	 * @return an image of (scaled width + 2·pad) × (scaled height + 2·pad)
	 */
	public static BufferedImage render(BufferedImage image, List<BinaryMask> masks, List<Color> colors, int side, int pad, int thickness) {
		if (masks.isEmpty()) throw new IllegalArgumentException("No masks to outline");
		BinaryMask first = masks.get(0);
		for (BinaryMask m : masks) {
			if (!m.sameSize(first)) throw new IllegalArgumentException("Masks of one image differ in size: " + first.width() + "x" + first.height() + " vs " + m.width() + "x" + m.height());
		}
		int w = first.width(), h = first.height();
		double s = (double) side / Math.max(w, h);
		int dw = Math.max(1, (int) Math.round(w * s)), dh = Math.max(1, (int) Math.round(h * s));
		int cw = dw + 2 * pad, ch = dh + 2 * pad;
		BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, cw, ch);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			if (image != null) g.drawImage(image, pad, pad, dw, dh, null);
			else {
				g.setColor(new Color(0x9e9e9e));
				g.fillRect(pad, pad, dw, dh);
			}
		}
		finally {
			g.dispose();
		}
		int[] xs = new int[dw], ys = new int[dh];
		for (int x = 0; x < dw; x++) xs[x] = Math.min(w - 1, (int) ((x + 0.5) / s));
		for (int y = 0; y < dh; y++) ys[y] = Math.min(h - 1, (int) ((y + 0.5) / s));
		int r = thickness / 2;
		// The TYPE_INT_RGB pixels themselves: setRGB converts each pixel through the colour model.
		int[] px0 = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
		for (int k = 0; k < masks.size(); k++) {
			byte[] m = masks.get(k).data();
			boolean[] fg = new boolean[dw * dh];
			for (int y = 0; y < dh; y++) for (int x = 0; x < dw; x++) fg[y * dw + x] = m[ys[y] * w + xs[x]] != 0;
			int rgb = colors.get(k).getRGB() & 0xFFFFFF; // TYPE_INT_RGB keeps no alpha
			for (int y = 0; y < dh; y++) {
				for (int x = 0; x < dw; x++) {
					if (!fg[y * dw + x]) continue;
					boolean edge = x == 0 || y == 0 || x == dw - 1 || y == dh - 1 || !fg[y * dw + x - 1] || !fg[y * dw + x + 1] || !fg[(y - 1) * dw + x] || !fg[(y + 1) * dw + x];
					if (!edge) continue;
					for (int yy = y - r; yy <= y - r + thickness - 1; yy++) {
						for (int xx = x - r; xx <= x - r + thickness - 1; xx++) {
							int px = xx + pad, py = yy + pad;
							if (px >= 0 && py >= 0 && px < cw && py < ch) px0[py * cw + px] = rgb;
						}
					}
				}
			}
		}
		return out;
	}
}
