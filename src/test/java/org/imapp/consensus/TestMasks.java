package org.imapp.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.imapp.mask.BinaryMask;

/** Small masks built inline for the consensus tests. */
final class TestMasks {

	private TestMasks() {}

	/** A filled ellipse; widths not a multiple of 8 exercise the tail loops. */
	static BinaryMask ellipse(int w, int h, double cx, double cy, double rx, double ry) {
		BinaryMask m = BinaryMask.empty(w, h);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double dx = (x - cx) / rx, dy = (y - cy) / ry;
				if (dx * dx + dy * dy <= 1) m.set(x, y, true);
			}
		}
		return m;
	}

	/** {@code k} lesion-like raters: the same ellipse traced looser, tighter and shifted, with ragged edges. */
	static List<BinaryMask> raters(int k, int w, int h, long seed) {
		Random r = new Random(seed);
		List<BinaryMask> out = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			double scale = 0.8 + 0.4 * r.nextDouble();
			BinaryMask m = ellipse(w, h, w * (0.45 + 0.1 * r.nextDouble()), h * (0.45 + 0.1 * r.nextDouble()), w * 0.3 * scale, h * 0.28 * scale);
			// Ragged contour: flip a few pixels next to edges.
			byte[] d = m.data();
			for (int j = 1; j < d.length; j++) if (d[j] != d[j - 1] && r.nextInt(3) == 0) d[j] = d[j - 1];
			out.add(m);
		}
		return out;
	}

	/** Independent random pixels: the worst case for runs. */
	static BinaryMask noise(int w, int h, double p, long seed) {
		Random r = new Random(seed);
		byte[] d = new byte[w * h];
		for (int i = 0; i < d.length; i++) d[i] = r.nextDouble() < p ? (byte) 1 : 0;
		return new BinaryMask(w, h, d);
	}

	static List<String> names(int k) {
		List<String> n = new ArrayList<>();
		for (int i = 0; i < k; i++) n.add("rater" + i + ".png");
		return n;
	}
}
