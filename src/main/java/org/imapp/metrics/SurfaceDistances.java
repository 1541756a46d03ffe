package org.imapp.metrics;

import java.util.Arrays;
import java.util.List;
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
 * <li>{@code to}'s surface is indexed by column as vertical runs (once per mask, kept with it), so
 * the vertical distance {@code h(x, y)} from row y to the nearest surface pixel in column x costs
 * O(1) amortised while queries advance in raster order — the column pass of
 * {@link DistanceTransform}, done lazily;</li>
 * <li>a query's distance is at most that of a query of the previous query row plus the distance
 * between them, at most a row neighbour's bound plus their x gap (triangle inequality), and at
 * most {@code h} in its own column; with that bound D only columns within ±D can hold the
 * nearest pixel, and the minimum of {@code (x-qx)² + h(x)²} over them is exact;</li>
 * <li>a query scans its window by blocks of 16 columns, indexed like the columns: a block whose
 * nearest surface row, at the block's nearest column, is farther than the best so far is skipped
 * whole (between two near-vertical edges most columns only hold the far top and bottom);</li>
 * <li>many queries of a row whose windows overlap share one exact lower envelope of Felzenszwalb
 * and Huttenlocher over the union of their windows (inside {@code to}'s box), so a horizontal
 * run of surface costs its width once, not once per query.</li>
 * </ul>
 * Work is thus proportional to the surfaces and to how far apart they are, bounded by the box
 * spanned by {@code to}'s columns and {@code from}'s rows; memory is a few ints per surface pixel
 * and per column of {@code to}'s box, never an image-sized buffer.
 */
public final class SurfaceDistances {

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
		List<int[]> d = concurrently(() -> directedSquared(a, b), () -> directedSquared(b, a), es);
		return new Directed(d.get(0), d.get(1));
	}

	/**
	 * Both directions of {@link #directed(VolumeSurface, VolumeSurface, double[], ExecutorService)},
	 * {@code a→b} then {@code b→a}; concurrently when {@code es} is given.
	 */
	public static List<double[]> both(VolumeSurface a, VolumeSurface b, double[] spacing, ExecutorService es) {
		if (es == null) return List.of(directed(a, b, spacing, null), directed(b, a, spacing, null));
		return concurrently(() -> directed(a, b, spacing, null), () -> directed(b, a, spacing, null), es);
	}

	/** {@code first} on the caller's thread while {@code second} runs on {@code es}; both results in that order. */
	private static <R> List<R> concurrently(java.util.function.Supplier<R> first, java.util.concurrent.Callable<R> second, ExecutorService es) {
		Future<R> other = es.submit(second);
		R mine = first.get();
		try {
			return List.of(mine, other.get());
		}
		catch (InterruptedException e) {
			other.cancel(true);
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
		private final LaneCursor columns, blocks;
		private final int[] hRow;
		private final DistanceTransform.RowEnvelope env;

		Search(MaskSurface to) {
			width = to.width();
			c0 = to.minX();
			bw = to.maxX() - c0 + 1;
			TargetIndex index = TargetIndex.of(to);
			columns = new LaneCursor(index.columns);
			blocks = new LaneCursor(index.blocks);
			hRow = new int[bw];
			env = new DistanceTransform.RowEnvelope(bw);
		}

		/** Vertical distance from row y to the nearest target pixel in box column {@code col}; at least FAR if none. */
		private int h(int col, int y) {
			return columns.h(col, y);
		}

		/**
		 * The exact squared distance of the query (qx, y) whose nearest target pixel lies in columns
		 * lo..hi, at most {@code limit}. Blocks of columns are skipped whole where the nearest row
		 * of the block's surface, at the block's nearest column, is already too far: between two
		 * near-vertical edges most columns only hold the target's far top and bottom.
		 */
		private long nearest(int qx, int y, int lo, int hi, long limit) {
			long best = Long.MAX_VALUE;
			for (int k = (lo - c0) >> BLOCK_SHIFT, kEnd = (hi - c0) >> BLOCK_SHIFT; k <= kEnd; k++) {
				int x0 = Math.max(lo, c0 + (k << BLOCK_SHIFT)), x1 = Math.min(hi, c0 + (k << BLOCK_SHIFT) + BLOCK - 1);
				long gap = qx < x0 ? x0 - qx : qx > x1 ? qx - x1 : 0;
				long hb = blocks.h(k, y);
				if (gap * gap + hb * hb > Math.min(best, limit)) continue;
				for (int x = x0; x <= x1; x++) {
					long dx = x - qx, hx = h(x - c0, y);
					best = Math.min(best, dx * dx + hx * hx);
				}
			}
			return best;
		}

		/**
		 * Nearest distances, one query row at a time. Each query gets an upper bound B on its distance
		 * (its own column's h; the nearest-in-x query of the previous query row plus the step between
		 * them; its row neighbours' bounds plus their x gap, forwards and backwards), so its nearest
		 * pixel lies in columns qx ± B. Overlapping windows of a row form one cluster: a lone query
		 * scans its window, a cluster of several builds the lower envelope over the union once
		 * (a row of a horizontal boundary then costs its width, not its width times its windows).
		 */
		int[] run(int[] queries) {
			int n = queries.length;
			int[] out = new int[n];
			int c1 = c0 + bw - 1;
			double[] bound = new double[n];
			int prevStart = -1, prevEnd = -1, prevY = 0;
			for (int j0 = 0; j0 < n;) {
				int y = queries[j0] / width;
				int j1 = j0 + 1;
				while (j1 < n && queries[j1] / width == y) j1++;
				// Upper bounds: own column, previous query row, then chained along the row both ways.
				int p = prevStart;
				for (int j = j0; j < j1; j++) {
					int qx = queries[j] - y * width;
					double b = Double.POSITIVE_INFINITY;
					if (qx >= c0 && qx <= c1) {
						int hq = h(qx - c0, y);
						if (hq < DistanceTransform.FAR) b = hq;
					}
					if (p >= 0) {
						while (p + 1 < prevEnd && queries[p + 1] - prevY * width <= qx) p++;
						b = Math.min(b, viaAnchor(queries[p] - prevY * width, prevY, out[p], qx, y));
						if (p + 1 < prevEnd) b = Math.min(b, viaAnchor(queries[p + 1] - prevY * width, prevY, out[p + 1], qx, y));
					}
					if (j > j0) b = Math.min(b, bound[j - 1] + (queries[j] - queries[j - 1]));
					bound[j] = b;
				}
				for (int j = j1 - 2; j >= j0; j--) bound[j] = Math.min(bound[j], bound[j + 1] + (queries[j + 1] - queries[j]));
				// Clusters of overlapping windows.
				for (int k0 = j0; k0 < j1;) {
					int lo = lo(queries[k0] - y * width, bound[k0], c0, c1), hi = hi(queries[k0] - y * width, bound[k0], c0, c1);
					int k1 = k0 + 1;
					while (k1 < j1) {
						int qx = queries[k1] - y * width;
						if (lo(qx, bound[k1], c0, c1) > hi + 1) break;
						hi = Math.max(hi, hi(qx, bound[k1], c0, c1));
						k1++;
					}
					// Queries searched one by one skip most columns (see nearest); the envelope costs
					// the union's width several times over and pays only for many queries per column.
					if ((long) (k1 - k0) * ENVELOPE_WIDTH <= hi - lo + 1) {
						for (int k = k0; k < k1; k++) {
							int qx = queries[k] - y * width;
							double b = bound[k];
							out[k] = (int) nearest(qx, y, lo(qx, b, c0, c1), hi(qx, b, c0, c1), b < 3e9 ? (long) Math.ceil(b * b) + 1 : Long.MAX_VALUE);
						}
					}
					else {
						for (int x = lo; x <= hi; x++) hRow[x - lo] = h(x - c0, y);
						env.build(hRow, 0, hi - lo + 1, lo);
						for (int k = k0; k < k1; k++) out[k] = env.at(queries[k] - y * width);
					}
					k0 = k1;
				}
				prevStart = j0;
				prevEnd = j1;
				prevY = y;
				j0 = j1;
			}
			return out;
		}

		/** Union width per query below which a cluster builds an envelope instead (measured on IMA++-like masks). */
		private static final int ENVELOPE_WIDTH = 4;
		/** Columns per block of {@link #nearest}. */
		static final int BLOCK_SHIFT = 4, BLOCK = 1 << BLOCK_SHIFT;

		/** Bound on the distance of (qx, y) from an anchor's exact squared distance (triangle inequality). */
		private static double viaAnchor(int ax, int ay, int anchorSquared, int qx, int y) {
			double dx = qx - ax, dy = y - ay;
			return Math.sqrt(anchorSquared) + Math.sqrt(dx * dx + dy * dy);
		}

		/** First column that can hold the nearest pixel of a query at qx with distance at most {@code b} (margin for the bound's rounding). */
		private static int lo(int qx, double b, int c0, int c1) {
			return b >= c1 - c0 + 1 + (double) Math.abs(qx - c0) ? c0 : (int) Math.max(c0, qx - (long) Math.floor(b + 1e-6));
		}

		private static int hi(int qx, double b, int c0, int c1) {
			return b >= c1 - c0 + 1 + (double) Math.abs(qx - c1) ? c1 : (int) Math.min(c1, qx + (long) Math.floor(b + 1e-6));
		}
	}

	/**
	 * A target's surface by column and by block of {@link Search#BLOCK} columns (box-relative),
	 * built once per mask and kept with it: a mask is the target of every pair it takes part in.
	 * Immutable; each search walks it with its own {@link LaneCursor}s.
	 */
	static final class TargetIndex {
		final Lanes columns, blocks;

		private TargetIndex(MaskSurface to) {
			int width = to.width(), c0 = to.minX(), bw = to.maxX() - c0 + 1;
			int[] px = to.pixels();
			int n = px.length;
			int[] col = new int[n], row = new int[n], block = new int[n];
			for (int i = 0; i < n; i++) {
				int y = px[i] / width;
				row[i] = y;
				col[i] = px[i] - y * width - c0;
				block[i] = col[i] >> Search.BLOCK_SHIFT;
			}
			columns = new Lanes(bw, col, row);
			blocks = new Lanes(((bw - 1) >> Search.BLOCK_SHIFT) + 1, block, row);
		}

		static TargetIndex of(MaskSurface to) {
			TargetIndex index = to.targetIndex();
			if (index == null) {
				// Two threads may build it at once; either result is the same.
				index = new TargetIndex(to);
				to.targetIndex(index);
			}
			return index;
		}
	}

	/**
	 * A surface by lane (a column, or a block of columns): each lane's rows merged into vertical
	 * runs. A run, not a pixel, is a search's step: a near-vertical edge is passed once, not row by row.
	 */
	static final class Lanes {
		final int[] start, runLo, runHi; // lane l holds runs [start[l], start[l+1])

		/** {@code lane[i]} and {@code row[i]} of the surface pixels in raster order (so rows ascend within a lane). */
		Lanes(int lanes, int[] lane, int[] row) {
			int n = lane.length;
			int[] pixelStart = new int[lanes + 1];
			for (int l : lane) pixelStart[l + 1]++;
			for (int l = 0; l < lanes; l++) pixelStart[l + 1] += pixelStart[l];
			int[] rows = new int[n];
			int[] fill = Arrays.copyOf(pixelStart, lanes);
			for (int i = 0; i < n; i++) rows[fill[lane[i]]++] = row[i];
			start = new int[lanes + 1];
			int[] lo = new int[n], hi = new int[n];
			int r = 0;
			for (int l = 0; l < lanes; l++) {
				start[l] = r;
				for (int p = pixelStart[l]; p < pixelStart[l + 1]; p++) {
					if (r > start[l] && rows[p] <= hi[r - 1] + 1) hi[r - 1] = rows[p];
					else {
						lo[r] = hi[r] = rows[p];
						r++;
					}
				}
			}
			start[lanes] = r;
			runLo = Arrays.copyOf(lo, r);
			runHi = Arrays.copyOf(hi, r);
		}
	}

	/** One search's cursor over {@link Lanes}, for query rows that never decrease. */
	private static final class LaneCursor {
		/** Sentinels: with rows below 2^30, y - NONE_ABOVE and NONE_BELOW - y are at least FAR and never overflow. */
		private static final int NONE_ABOVE = -DistanceTransform.FAR, NONE_BELOW = Integer.MAX_VALUE;
		private final int[] start, runLo, runHi;
		private final int[] ptr; // per lane: the first run that does not end above the current row
		// Per lane, that run (NONE_BELOW if none) and the end of the run before it (NONE_ABOVE),
		// so that h costs three loads.
		private final int[] curLo, curHi, prevHi;

		LaneCursor(Lanes lanes) {
			start = lanes.start;
			runLo = lanes.runLo;
			runHi = lanes.runHi;
			int n = start.length - 1;
			ptr = Arrays.copyOf(start, n);
			curLo = new int[n];
			curHi = new int[n];
			prevHi = new int[n];
			for (int l = 0; l < n; l++) {
				boolean any = start[l] < start[l + 1];
				curLo[l] = any ? runLo[start[l]] : NONE_BELOW;
				curHi[l] = any ? runHi[start[l]] : NONE_BELOW;
				prevHi[l] = NONE_ABOVE;
			}
		}

		/** Vertical distance from row y to the lane's nearest surface row, at least FAR if it has none; y must not decrease. */
		int h(int l, int y) {
			if (curHi[l] < y) advance(l, y);
			return Math.min(y - prevHi[l], Math.max(0, curLo[l] - y));
		}

		/** Moves a lane on to the first run that does not end above row y (once per run passed). */
		private void advance(int l, int y) {
			int p = ptr[l], end = start[l + 1];
			while (p < end && runHi[p] < y) p++;
			ptr[l] = p;
			curLo[l] = p < end ? runLo[p] : NONE_BELOW;
			curHi[l] = p < end ? runHi[p] : NONE_BELOW;
			prevHi[l] = p > start[l] ? runHi[p - 1] : NONE_ABOVE;
		}
	}

	/**
	 * medpy's {@code __surface_distances(from, to, voxelspacing)} on 1-D to 3-D images: for each
	 * surface voxel of {@code from} (flat order) the distance in calibrated units to the nearest
	 * surface voxel of {@code to}, formed as scipy's {@code distance_transform_edt} forms it.
	 *
	 * @param spacing per axis in image order (x, y, z); null = all 1
	 * @param es splits the slices (null: caller's thread)
	 */
	public static double[] directed(VolumeSurface from, VolumeSurface to, double[] spacing, ExecutorService es) {
		if (!from.volume().sameInterval(to.volume())) {
			throw new IllegalArgumentException("Images must have the same size, got " + from.volume().sizeString() + " vs " + to.volume().sizeString());
		}
		if (from.isEmpty() || to.isEmpty()) {
			throw new IllegalArgumentException("Surface distances need two non-empty masks (" + (from.isEmpty() ? "first" : "second") + " is empty)");
		}
		return new VolumeSearch(from, to, spacing).run(es);
	}

	/**
	 * Exact anisotropic nearest-surface search, slice by slice, as the three 1-D passes of a
	 * separable distance transform (z, then y, then x, so terms add in numpy's axis order) over
	 * the box spanned by both surfaces — exact because every feature lies in it:
	 * <ul>
	 * <li>z: the target's surface is indexed by (x, y) column, z ascending, so the z distance of a
	 * slice's columns costs O(1) amortised as slices advance (no volume-sized buffer);</li>
	 * <li>y: per column of the slice, the lower envelope over y, evaluated on the rows that hold
	 * queries only;</li>
	 * <li>x: per query row, the lower envelope over x, evaluated at the queries.</li>
	 * </ul>
	 * Slices without queries are skipped; memory is one slice of the box plus the surfaces.
	 */
	private static final class VolumeSearch {
		private final int[] queries;
		private final int w, h; // image row length and rows per slice
		private final int x0, y0, z0, bx, by, bz;
		private final double sx, sy, sz;
		private final int[] start; // box column c = (y - y0) * bx + (x - x0) holds zs[start[c] .. start[c+1])
		private final int[] zs;
		/** Box columns holding features (ascending); box x values holding any; per x its rows: xRows[xStart[x] .. xStart[x+1]). */
		private final int[] occupied, xs, xStart, xRows;

		VolumeSearch(VolumeSurface from, VolumeSurface to, double[] spacing) {
			int n = from.volume().numDimensions();
			if (spacing != null && spacing.length != n) throw new IllegalArgumentException("spacing has " + spacing.length + " entries for a " + n + "-D image");
			double[] s = { 1, 1, 1 };
			for (int d = 0; spacing != null && d < n; d++) {
				if (!(spacing[d] > 0) || Double.isInfinite(spacing[d])) throw new IllegalArgumentException("spacing must be positive, got " + Arrays.toString(spacing));
				s[d] = spacing[d];
			}
			sx = s[0];
			sy = s[1];
			sz = s[2];
			queries = from.voxels();
			w = from.extent(0);
			h = from.extent(1);
			x0 = Math.min(from.boxMin(0), to.boxMin(0));
			y0 = Math.min(from.boxMin(1), to.boxMin(1));
			z0 = Math.min(from.boxMin(2), to.boxMin(2));
			bx = Math.max(from.boxMax(0), to.boxMax(0)) - x0 + 1;
			by = Math.max(from.boxMax(1), to.boxMax(1)) - y0 + 1;
			bz = Math.max(from.boxMax(2), to.boxMax(2)) - z0 + 1;
			int[] features = to.voxels();
			start = new int[bx * by + 1];
			for (int f : features) start[column(f) + 1]++;
			for (int c = 0; c < bx * by; c++) start[c + 1] += start[c];
			zs = new int[features.length];
			int[] fill = Arrays.copyOf(start, bx * by);
			// Flat order visits z ascending, so each column's list comes out sorted.
			for (int f : features) zs[fill[column(f)]++] = f / (w * h);
			// Only columns that hold features take part in the passes: per x, its occupied y (ascending).
			MaskSurface.IntList occ = new MaskSurface.IntList(1024);
			xStart = new int[bx + 1];
			for (int c = 0; c < bx * by; c++) {
				if (start[c] == start[c + 1]) continue;
				occ.add(c);
				xStart[c % bx + 1]++;
			}
			occupied = occ.toArray();
			MaskSurface.IntList xl = new MaskSurface.IntList(bx);
			for (int x = 0; x < bx; x++) {
				if (xStart[x + 1] > 0) xl.add(x);
				xStart[x + 1] += xStart[x];
			}
			xs = xl.toArray();
			xRows = new int[occupied.length];
			int[] next = Arrays.copyOf(xStart, bx);
			for (int c : occupied) xRows[next[c % bx]++] = c / bx;
		}

		private int column(int index) {
			int rest = index % (w * h);
			return (rest / w - y0) * bx + (rest % w - x0);
		}

		double[] run(ExecutorService es) {
			int n = queries.length;
			double[] out = new double[n];
			// Slice boundaries of the queries.
			MaskSurface.IntList slices = new MaskSurface.IntList(64);
			for (int j = 0; j < n; j++) if (j == 0 || queries[j] / (w * h) != queries[j - 1] / (w * h)) slices.add(j);
			slices.add(n);
			int count = slices.size() - 1;
			int tasks = es == null ? 1 : Math.min(count, 4 * Runtime.getRuntime().availableProcessors());
			if (tasks <= 1) {
				new Worker().slices(slices, 0, count, out);
				return out;
			}
			DistanceTransform.runAll(es, tasks, t -> new Worker().slices(slices, (int) ((long) count * t / tasks), (int) ((long) count * (t + 1) / tasks), out));
			return out;
		}

		/** Per-task scratch: column pointers, one slice of z terms, y terms of the query rows. */
		private final class Worker {
			private final int[] ptr = Arrays.copyOf(start, bx * by);
			private final double[] g1 = new double[bx * by];
			private double[] g2 = new double[0];
			private final DistanceTransform.WeightedEnvelope envY = new DistanceTransform.WeightedEnvelope(by);
			private final DistanceTransform.WeightedEnvelope envX = new DistanceTransform.WeightedEnvelope(bx);

			/** Queries of slices [a, b) of the slice list. */
			void slices(MaskSurface.IntList slices, int a, int b, double[] out) {
				for (int s = a; s < b; s++) slice(slices.get(s), slices.get(s + 1), out);
			}

			private void slice(int j0, int j1, double[] out) {
				int z = queries[j0] / (w * h);
				// z pass: distance along z to the nearest feature, for the columns of the box that hold features.
				for (int c : occupied) {
					int p = ptr[c], end = start[c + 1];
					while (p < end && zs[p] < z) p++;
					ptr[c] = p;
					int dz = Integer.MAX_VALUE;
					if (p < end) dz = zs[p] - z;
					if (p > start[c]) dz = Math.min(dz, z - zs[p - 1]);
					double t = dz * sz;
					g1[c] = t * t;
				}
				// Rows of this slice that hold queries.
				MaskSurface.IntList rows = new MaskSurface.IntList(64);
				for (int j = j0; j < j1; j++) {
					int y = queries[j] / w % h;
					if (rows.size() == 0 || rows.get(rows.size() - 1) != y) rows.add(y);
				}
				int nr = rows.size();
				if (g2.length < nr * bx) g2 = new double[nr * bx];
				// y pass: per x that holds features, the envelope over its occupied y, read at the query rows.
				for (int x : xs) {
					envY.reset(sy);
					for (int i = xStart[x], end = xStart[x + 1]; i < end; i++) envY.add(xRows[i] + y0, g1[xRows[i] * bx + x]);
					for (int r = 0; r < nr; r++) g2[r * bx + x] = envY.at(rows.get(r));
				}
				// x pass: per query row, the envelope over x, read at the queries.
				int j = j0;
				for (int r = 0; r < nr; r++) {
					int y = rows.get(r);
					envX.reset(sx);
					for (int x : xs) envX.add(x + x0, g2[r * bx + x]);
					for (; j < j1 && queries[j] / w % h == y; j++) out[j] = Math.sqrt(envX.at(queries[j] % w));
				}
			}
		}
	}

	/** Squared distances of both directions; each array in raster order of its source surface. */
	public record Directed(int[] aToB, int[] bToA) {
		public int size() {
			return aToB.length + bToA.length;
		}
	}
}
