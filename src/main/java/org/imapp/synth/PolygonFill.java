package org.imapp.synth;

import java.util.Arrays;
import java.util.List;

import org.imapp.mask.BinaryMask;

/**
 * Rasterises closed polygons into a {@link BinaryMask} with a scanline fill and the non-zero
 * winding rule: a pixel is set when its centre is inside. Rings with the opposite orientation cut
 * holes, rings with the same orientation add islands (overlaps are a union, not an XOR).
 * Cost is one pass over the edges per row plus span fills, so a 30-megapixel mask takes
 * milliseconds rather than the seconds a per-pixel inside test would.
 */
public final class PolygonFill {

	private PolygonFill() {}

	/** A closed ring: vertex i is (x[i], y[i]) in pixel coordinates (pixel centres at +0.5). */
	public record Ring(double[] x, double[] y) {
		public Ring {
			if (x.length != y.length) throw new IllegalArgumentException("Ring needs as many x as y coordinates");
			if (x.length < 3) throw new IllegalArgumentException("Ring needs at least 3 vertices");
		}

		public int size() {
			return x.length;
		}

		/** The same ring traversed the other way (turns an outline into a hole). */
		public Ring reversed() {
			int n = x.length;
			double[] rx = new double[n], ry = new double[n];
			for (int i = 0; i < n; i++) {
				rx[i] = x[n - 1 - i];
				ry[i] = y[n - 1 - i];
			}
			return new Ring(rx, ry);
		}
	}

	/** A new mask of the given size with the rings filled. */
	public static BinaryMask fill(int width, int height, List<Ring> rings) {
		BinaryMask m = BinaryMask.empty(width, height);
		fillInto(m, rings);
		return m;
	}

	/** Sets (to 1) the pixels of {@code mask} inside the rings; pixels outside are left as they are. */
	public static void fillInto(BinaryMask mask, List<Ring> rings) {
		int w = mask.width(), h = mask.height();
		byte[] data = mask.data();
		int edges = 0;
		for (Ring r : rings) edges += r.size();
		// Edges as (top y, bottom y, x at top, dx/dy, winding), ordered by top y for an active-edge walk.
		double[] top = new double[edges], bottom = new double[edges], xTop = new double[edges], slope = new double[edges];
		int[] wind = new int[edges];
		int n = 0;
		for (Ring r : rings) {
			double[] xs = r.x(), ys = r.y();
			for (int i = 0; i < xs.length; i++) {
				int j = i + 1 == xs.length ? 0 : i + 1;
				double x0 = xs[i], y0 = ys[i], x1 = xs[j], y1 = ys[j];
				if (y0 == y1) continue; // horizontal edges never cross a scanline centre
				int dir = y1 > y0 ? 1 : -1;
				if (dir < 0) {
					double t = x0; x0 = x1; x1 = t;
					t = y0; y0 = y1; y1 = t;
				}
				top[n] = y0;
				bottom[n] = y1;
				xTop[n] = x0;
				slope[n] = (x1 - x0) / (y1 - y0);
				wind[n] = dir;
				n++;
			}
		}
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		Arrays.sort(order, (a, b) -> Double.compare(top[a], top[b]));

		int[] active = new int[n];
		int activeCount = 0;
		double[] xs = new double[Math.max(4, n)];
		int[] ws = new int[Math.max(4, n)];
		int next = 0;
		int yStart = n == 0 ? h : Math.max(0, (int) Math.floor(top[order[0]]));
		for (int y = yStart; y < h; y++) {
			double yc = y + 0.5;
			while (next < n && top[order[next]] <= yc) active[activeCount++] = order[next++];
			int k = 0, cnt = 0;
			for (int a = 0; a < activeCount; a++) {
				int e = active[a];
				if (bottom[e] <= yc) continue; // finished: drop it
				active[k++] = e;
				if (top[e] <= yc) {
					xs[cnt] = xTop[e] + (yc - top[e]) * slope[e];
					ws[cnt] = wind[e];
					cnt++;
				}
			}
			activeCount = k;
			if (activeCount == 0 && next == n) break;
			if (cnt < 2) continue;
			sortCrossings(xs, ws, cnt);
			int winding = 0;
			int off = y * w;
			for (int c = 0; c < cnt - 1; c++) {
				winding += ws[c];
				if (winding == 0) continue;
				// Pixels whose centre x + 0.5 lies in [xs[c], xs[c+1]).
				int from = (int) Math.ceil(xs[c] - 0.5);
				int to = (int) Math.ceil(xs[c + 1] - 0.5);
				if (from < 0) from = 0;
				if (to > w) to = w;
				if (from < to) Arrays.fill(data, off + from, off + to, (byte) 1);
			}
		}
	}

	/** Insertion sort: a row crosses few edges, and they arrive nearly sorted. */
	private static void sortCrossings(double[] xs, int[] ws, int n) {
		for (int i = 1; i < n; i++) {
			double x = xs[i];
			int wv = ws[i];
			int j = i - 1;
			while (j >= 0 && xs[j] > x) {
				xs[j + 1] = xs[j];
				ws[j + 1] = ws[j];
				j--;
			}
			xs[j + 1] = x;
			ws[j + 1] = wv;
		}
	}
}
