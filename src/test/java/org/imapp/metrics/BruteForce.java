package org.imapp.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.imapp.mask.BinaryMask;

/**
 * Textbook re-statements of the definitions, deliberately naive (no boxes, no envelopes, no
 * selection), against which the fast implementations are checked.
 */
final class BruteForce {

	private BruteForce() {}

	/** medpy surface: foreground with a 4-neighbour that is background or outside the image. */
	static List<int[]> surface(BinaryMask m) {
		List<int[]> s = new ArrayList<>();
		for (int y = 0; y < m.height(); y++) {
			for (int x = 0; x < m.width(); x++) {
				if (!m.get(x, y)) continue;
				boolean border = !fg(m, x - 1, y) || !fg(m, x + 1, y) || !fg(m, x, y - 1) || !fg(m, x, y + 1);
				if (border) s.add(new int[] { x, y });
			}
		}
		return s;
	}

	private static boolean fg(BinaryMask m, int x, int y) {
		return x >= 0 && y >= 0 && x < m.width() && y < m.height() && m.get(x, y);
	}

	/** O(n·m) nearest surface pixel, squared. */
	static int[] directedSquared(BinaryMask from, BinaryMask to) {
		List<int[]> a = surface(from), b = surface(to);
		int[] out = new int[a.size()];
		for (int i = 0; i < a.size(); i++) {
			int best = Integer.MAX_VALUE;
			for (int[] q : b) {
				int dx = a.get(i)[0] - q[0], dy = a.get(i)[1] - q[1];
				best = Math.min(best, dx * dx + dy * dy);
			}
			out[i] = best;
		}
		return out;
	}

	/** Exact squared EDT to the nearest foreground pixel inside the box [x0,x1]×[y0,y1]. */
	static int[] edtSquared(BinaryMask m, int x0, int y0, int x1, int y1) {
		int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
		int[] out = new int[bw * bh];
		for (int y = y0; y <= y1; y++) {
			for (int x = x0; x <= x1; x++) {
				int best = Integer.MAX_VALUE;
				for (int v = y0; v <= y1; v++) {
					for (int u = x0; u <= x1; u++) {
						if (m.get(u, v)) best = Math.min(best, (x - u) * (x - u) + (y - v) * (y - v));
					}
				}
				out[(y - y0) * bw + (x - x0)] = best;
			}
		}
		return out;
	}

	/** np.percentile(x, p) "linear" by a full sort and the textbook formula. */
	static double percentile(double[] x, double p) {
		double[] s = x.clone();
		java.util.Arrays.sort(s);
		double h = (s.length - 1) * (p / 100);
		int i = (int) Math.floor(h);
		if (i >= s.length - 1) return s[s.length - 1];
		return s[i] + (s[i + 1] - s[i]) * (h - i);
	}

	/** A random mask: a few filled ellipses (blobs, islands), some holes cut, some noise pixels. */
	static BinaryMask randomMask(Random r, int w, int h) {
		BinaryMask m = BinaryMask.empty(w, h);
		int blobs = 1 + r.nextInt(3);
		for (int k = 0; k < blobs; k++) ellipse(m, r, true);
		if (r.nextBoolean()) ellipse(m, r, false);
		int noise = r.nextInt(4);
		for (int k = 0; k < noise; k++) m.set(r.nextInt(w), r.nextInt(h), r.nextBoolean());
		return m;
	}

	private static void ellipse(BinaryMask m, Random r, boolean value) {
		int w = m.width(), h = m.height();
		double cx = r.nextDouble() * w, cy = r.nextDouble() * h;
		double rx = 0.5 + r.nextDouble() * w / 2.5, ry = 0.5 + r.nextDouble() * h / 2.5;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double dx = (x - cx) / rx, dy = (y - cy) / ry;
				if (dx * dx + dy * dy <= 1) m.set(x, y, value);
			}
		}
	}
}
