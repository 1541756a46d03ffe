package org.imapp.metrics;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.imapp.mask.BinaryMask;
import org.imapp.progress.TaskFailure;

/**
 * Surface-to-surface distances with the semantics of medpy 0.5.2's
 * {@code __surface_distances(result, reference)} (connectivity 1, unit spacing): for each
 * surface pixel of {@code from}, in raster order, the Euclidean distance to the nearest surface
 * pixel of {@code to}.
 * <p>
 * Distances are kept squared, as exact integers; {@code Math.sqrt((double) d2)} is the value
 * scipy's EDT produces. Instead of transforming a whole region, the nearest pixel of each query
 * is searched where it can be:
 * <ul>
 * <li>{@code to}'s surface is indexed by column (rows ascending), so the vertical distance
 * {@code h(x, y)} from row y to the nearest surface pixel in column x costs O(1) amortised while
 * queries advance in raster order — the column pass of {@link DistanceTransform}, done lazily;</li>
 * <li>a query's distance is at most that of the previous query plus the distance between them
 * (triangle inequality), and at most {@code h} in its own column; with that bound D only columns
 * within ±D can hold the nearest pixel, and the minimum of {@code (x-qx)² + h(x)²} over them is
 * exact;</li>
 * <li>when a row's windows grow wider than a few times the width of {@code to}'s bounding box
 * (masks far apart), the row switches to the exact lower envelope of Felzenszwalb and
 * Huttenlocher over all columns of that box, so no row costs more than O(box width).</li>
 * </ul>
 * Work is thus proportional to the surfaces and to how far apart they are, bounded by the box
 * spanned by {@code to}'s columns and {@code from}'s rows; memory is a few ints per surface pixel
 * and per column of {@code to}'s box, never an image-sized buffer.
 */
public final class SurfaceDistances {

	/** A row switches to the envelope once its windows have scanned this many box widths. */
	private static final int WINDOW_BUDGET = 2;

	private SurfaceDistances() {}

	/** Squared distances from each surface pixel of {@code from} to {@code to}'s surface. */
	public static int[] directedSquared(MaskSurface from, MaskSurface to) {
		check(from, to);
		return new Search(to).run(from.pixels());
	}

	/** Both directions, {@code a→b} then {@code b→a}, the order medpy concatenates them. */
	public static Directed both(MaskSurface a, MaskSurface b) {
		return new Directed(directedSquared(a, b), directedSquared(b, a));
	}

	/** As {@link #both(MaskSurface, MaskSurface)}, the two directions computed concurrently. */
	public static Directed both(MaskSurface a, MaskSurface b, ExecutorService es) {
		check(a, b);
		Future<int[]> ba = es.submit(() -> directedSquared(b, a));
		int[] ab = directedSquared(a, b);
		try {
			return new Directed(ab, ba.get());
		}
		catch (InterruptedException e) {
			ba.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Surface distances interrupted", e);
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrapUnchecked(e);
		}
	}

	/** medpy's {@code __surface_distances(from, to)}: distances in pixels, raster order of {@code from}'s surface. */
	public static double[] directed(BinaryMask from, BinaryMask to) {
		return sqrt(directedSquared(MaskSurface.of(from), MaskSurface.of(to)));
	}

	static double[] sqrt(int[] d2) {
		double[] d = new double[d2.length];
		for (int i = 0; i < d2.length; i++) d[i] = Math.sqrt(d2[i]);
		return d;
	}

	private static void check(MaskSurface from, MaskSurface to) {
		if (from.width() != to.width() || from.height() != to.height()) {
			throw new IllegalArgumentException("Masks must have the same shape, got " + from.width() + "x" + from.height() + " vs " + to.width() + "x" + to.height());
		}
		if (from.isEmpty() || to.isEmpty()) {
			throw new IllegalArgumentException("Surface distances need two non-empty masks (" + (from.isEmpty() ? "first" : "second") + " is empty)");
		}
	}

	/** Nearest-surface-pixel search against one target surface. */
	private static final class Search {
		private final int width, c0, bw;
		private final int[] start; // column x - c0 holds rows[start[x-c0] .. start[x-c0+1])
		private final int[] rows;
		private final int[] ptr; // per column: first index whose row is >= the current query row
		private final int[] hRow;
		private final DistanceTransform.RowEnvelope env;

		Search(MaskSurface to) {
			width = to.width();
			c0 = to.minX();
			bw = to.maxX() - c0 + 1;
			int[] px = to.pixels();
			start = new int[bw + 1];
			for (int p : px) start[p % width - c0 + 1]++;
			for (int i = 0; i < bw; i++) start[i + 1] += start[i];
			ptr = java.util.Arrays.copyOf(start, bw);
			rows = new int[px.length];
			int[] fill = ptr.clone();
			// Raster order makes every column's rows ascending.
			for (int p : px) rows[fill[p % width - c0]++] = p / width;
			hRow = new int[bw];
			env = new DistanceTransform.RowEnvelope(bw);
		}

		/** Vertical distance from row y to the nearest target pixel in box column {@code col}; queries' y must not decrease. */
		private int h(int col, int y) {
			int p = ptr[col], end = start[col + 1];
			while (p < end && rows[p] < y) p++;
			ptr[col] = p;
			int best = DistanceTransform.FAR;
			if (p < end) best = rows[p] - y;
			if (p > start[col]) best = Math.min(best, y - rows[p - 1]);
			return best;
		}

		int[] run(int[] queries) {
			int[] out = new int[queries.length];
			int c1 = c0 + bw - 1;
			int row = -1, rowCost = 0;
			boolean envelope = false;
			// Anchors for the triangle-inequality bound: the previous query of this row, the first of the previous row.
			int lastX = 0;
			double lastD = Double.NaN;
			int firstX = 0, firstY = 0;
			double firstD = Double.NaN;
			int curFirstX = 0;
			double curFirstD = Double.NaN;
			for (int j = 0; j < queries.length; j++) {
				int y = queries[j] / width, qx = queries[j] - y * width;
				if (y != row) {
					if (row >= 0) {
						firstX = curFirstX;
						firstY = row;
						firstD = curFirstD;
					}
					row = y;
					rowCost = 0;
					envelope = false;
					lastD = Double.NaN;
				}
				int best;
				if (envelope) {
					best = env.at(qx);
				}
				else {
					double bound = Double.POSITIVE_INFINITY;
					if (qx >= c0 && qx <= c1) {
						int hq = h(qx - c0, y);
						if (hq < DistanceTransform.FAR) bound = hq;
					}
					if (!Double.isNaN(lastD)) bound = Math.min(bound, lastD + (qx - lastX));
					if (!Double.isNaN(firstD)) {
						double dx = qx - firstX, dy = y - firstY;
						bound = Math.min(bound, firstD + Math.sqrt(dx * dx + dy * dy));
					}
					// Columns farther than the bound cannot hold the nearest pixel (margin for rounding of the bound).
					int lo = c0, hi = c1;
					if (bound < bw + (double) Math.abs(qx - c0) + Math.abs(qx - c1)) {
						long r = (long) Math.floor(bound + 1e-6);
						lo = (int) Math.max(c0, qx - r);
						hi = (int) Math.min(c1, qx + r);
					}
					if (rowCost + (hi - lo + 1) > WINDOW_BUDGET * bw) {
						for (int col = 0; col < bw; col++) hRow[col] = h(col, y);
						env.build(hRow, 0, bw, c0);
						envelope = true;
						best = env.at(qx);
					}
					else {
						rowCost += hi - lo + 1;
						best = Integer.MAX_VALUE;
						for (int x = lo; x <= hi; x++) {
							int hx = h(x - c0, y);
							if (hx >= DistanceTransform.FAR) continue;
							int dx = x - qx;
							int v = dx * dx + hx * hx;
							if (v < best) best = v;
						}
					}
				}
				out[j] = best;
				double d = Math.sqrt(best);
				if (Double.isNaN(lastD)) {
					curFirstX = qx;
					curFirstD = d;
				}
				lastX = qx;
				lastD = d;
			}
			return out;
		}
	}

	/** Squared distances of both directions; each array in raster order of its source surface. */
	public record Directed(int[] aToB, int[] bToA) {
		public int size() {
			return aToB.length + bToA.length;
		}
	}
}
