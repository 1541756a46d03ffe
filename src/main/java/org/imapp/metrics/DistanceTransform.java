package org.imapp.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import net.imglib2.Cursor;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.view.Views;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.RunFill;
import org.imapp.progress.TaskFailure;

/**
 * Exact squared Euclidean distance transform of 2-D binary feature images (Felzenszwalb and
 * Huttenlocher, "Distance Transforms of Sampled Functions", 2012), in integer arithmetic.
 * <p>
 * Each result value is {@code dx² + dy²} to the nearest feature pixel (value &gt; 0), so
 * {@code Math.sqrt((double) d2)} is exactly scipy's {@code distance_transform_edt} of the
 * complement. Work is confined to a box: only features inside the box count, and only pixels
 * inside it are computed — callers pass the bounding box of the features (plus whatever
 * pixels they need), which is exact because no feature lies outside it.
 * <p>
 * The 1-D pass along columns is the cheap one for binary input (a forward and a backward
 * sweep), done row by row so that memory is walked contiguously; the lower-envelope pass
 * then runs along rows. The envelope compares parabola intersections by cross-multiplication
 * in {@code long}s, avoiding the divisions and the floating point of the textbook version.
 * Pixels whose box holds no feature get {@link #NO_FEATURE}.
 */
public final class DistanceTransform {

	/** Result value of pixels with no feature pixel in the box. */
	public static final int NO_FEATURE = Integer.MAX_VALUE;

	/** Column distance meaning "no feature in this column"; adding a few rows to it cannot overflow. */
	static final int FAR = 1 << 30;

	private DistanceTransform() {}

	/**
	 * Squared distance transform of {@code mask}'s foreground restricted to {@code box}.
	 *
	 * @return an image of {@code box}'s size; pixel (0,0) is the box's minimum corner
	 */
	public static ArrayImg<IntType, IntArray> squared(BinaryMask mask, Interval box) {
		return squared(mask, box, null);
	}

	/** As {@link #squared(BinaryMask, Interval)}, with rows and columns split over {@code es}. */
	public static ArrayImg<IntType, IntArray> squared(BinaryMask mask, Interval box, ExecutorService es) {
		checkBox(box, mask.width(), mask.height());
		int x0 = (int) box.min(0), y0 = (int) box.min(1);
		int bw = (int) box.dimension(0), bh = (int) box.dimension(1);
		int[] buf = new int[Math.multiplyExact(bw, bh)];
		byte[] m = mask.data();
		for (int y = 0; y < bh; y++) {
			int src = (y0 + y) * mask.width() + x0;
			int dst = y * bw;
			for (int x = 0; x < bw; x++) buf[dst + x] = m[src + x] != 0 ? 0 : FAR;
		}
		transform(buf, bw, bh, es);
		return ArrayImgs.ints(buf, bw, bh);
	}

	/**
	 * Squared distance transform of the pixels of {@code features} with value &gt; 0, computed
	 * over {@code target}'s interval (which must lie inside {@code features}) and written there.
	 */
	public static <T extends RealType<T>> void squared(RandomAccessibleInterval<T> features, RandomAccessibleInterval<IntType> target) {
		squared(features, target, null);
	}

	/** As {@link #squared(RandomAccessibleInterval, RandomAccessibleInterval)}, parallel over {@code es}. */
	public static <T extends RealType<T>> void squared(RandomAccessibleInterval<T> features, RandomAccessibleInterval<IntType> target, ExecutorService es) {
		if (features.numDimensions() != 2 || target.numDimensions() != 2) throw new IllegalArgumentException("Distance transform needs 2-D images");
		for (int d = 0; d < 2; d++) {
			if (target.min(d) < features.min(d) || target.max(d) > features.max(d)) {
				throw new IllegalArgumentException("Target interval " + Arrays.toString(target.minAsLongArray()) + "-" + Arrays.toString(target.maxAsLongArray())
					+ " is not inside the feature image");
			}
		}
		int bw = Math.toIntExact(target.dimension(0)), bh = Math.toIntExact(target.dimension(1));
		int[] buf = new int[Math.multiplyExact(bw, bh)];
		Cursor<T> in = Views.flatIterable(Views.interval(features, target)).cursor();
		for (int i = 0; i < buf.length; i++) buf[i] = in.next().getRealDouble() > 0 ? 0 : FAR;
		transform(buf, bw, bh, es);
		Cursor<IntType> out = Views.flatIterable(target).cursor();
		for (int v : buf) out.next().set(v);
	}

	/**
	 * In-place transform of a row-major {@code w×h} buffer holding 0 at features and
	 * {@link #FAR} elsewhere; afterwards it holds squared distances or {@link #NO_FEATURE}.
	 */
	static void transform(int[] buf, int w, int h, ExecutorService es) {
		int tasks = es == null ? 1 : Math.max(1, Math.min(4 * Runtime.getRuntime().availableProcessors(), Math.min(w / 64, h)));
		if (tasks <= 1) {
			columnPass(buf, w, h, 0, w);
			RowEnvelope env = new RowEnvelope(w);
			for (int y = 0; y < h; y++) env.transformRow(buf, y * w, w);
			return;
		}
		// Column stripes for the first pass, row stripes for the second: each task owns its pixels.
		runAll(es, tasks, t -> columnPass(buf, w, h, (int) ((long) w * t / tasks), (int) ((long) w * (t + 1) / tasks)));
		runAll(es, tasks, t -> {
			RowEnvelope env = new RowEnvelope(w);
			for (int y = (int) ((long) h * t / tasks), end = (int) ((long) h * (t + 1) / tasks); y < end; y++) env.transformRow(buf, y * w, w);
		});
	}

	/**
	 * Replaces, for columns {@code [fromX, toX)}, each value by the vertical distance to the
	 * nearest 0 in its column (saturating at about {@link #FAR}). Row-by-row sweeps keep
	 * memory access sequential.
	 */
	static void columnPass(int[] buf, int w, int h, int fromX, int toX) {
		for (int y = 1; y < h; y++) {
			int row = y * w;
			for (int i = row + fromX, end = row + toX; i < end; i++) {
				int up = buf[i - w] + 1;
				if (up < buf[i]) buf[i] = up;
			}
		}
		for (int y = h - 2; y >= 0; y--) {
			int row = y * w;
			for (int i = row + fromX, end = row + toX; i < end; i++) {
				int down = buf[i + w] + 1;
				if (down < buf[i]) buf[i] = down;
			}
		}
	}

	/**
	 * The lower envelope of the parabolas {@code (x - v)² + g(v)} of one row, g the squared
	 * column distance. Built once per row, then queried at increasing x. Reusable scratch.
	 */
	static final class RowEnvelope {
		private final int[] v;
		private final long[] f; // g(v) + v², the parabola's value at x = 0 minus x²
		private int top = -1;
		private int k;

		RowEnvelope(int capacity) {
			v = new int[Math.max(1, capacity)];
			f = new long[Math.max(1, capacity)];
		}

		/** Builds the envelope from the column distances {@code h[off .. off+n)}; column x is at {@code xOffset + i}. */
		void build(int[] h, int off, int n, int xOffset) {
			int t = -1;
			for (int i = 0; i < n; i++) {
				int hv = h[off + i];
				if (hv >= FAR) continue;
				int q = xOffset + i;
				long fq = (long) hv * hv + (long) q * q;
				// Drop the top parabola while q's intersection with it is not right of where it starts.
				while (t >= 1 && (fq - f[t]) * (v[t] - v[t - 1]) <= (f[t] - f[t - 1]) * (q - v[t])) t--;
				t++;
				v[t] = q;
				f[t] = fq;
			}
			top = t;
			k = 0;
		}

		boolean isEmpty() {
			return top < 0;
		}

		/** The envelope at x (squared distance); successive calls must not decrease x. */
		int at(int x) {
			// Parabola differences are linear in x, so the minimiser only moves right.
			long twoX = 2L * x;
			while (k < top && f[k + 1] - twoX * v[k + 1] <= f[k] - twoX * v[k]) k++;
			long dx = x - v[k];
			return (int) (dx * dx + (f[k] - (long) v[k] * v[k]));
		}

		/** Rewinds for a new increasing sequence of queries on the same envelope. */
		void rewind() {
			k = 0;
		}

		void transformRow(int[] buf, int off, int n) {
			build(buf, off, n, 0);
			if (top < 0) {
				RunFill.fill(buf, off, off + n, NO_FEATURE);
				return;
			}
			for (int x = 0; x < n; x++) buf[off + x] = at(x);
		}
	}

	/**
	 * The lower envelope of the parabolas {@code g(q) + ((x - q)·s)²} along one axis with
	 * spacing s, in doubles — the 1-D pass of the anisotropic transform. Each value is formed as
	 * scipy forms it from the nearest feature's offset: {@code g + (dx·s)·(dx·s)}, so passes run
	 * z, y, x in turn add the axes' terms in numpy's (z, y, x) order. Reusable scratch.
	 */
	static final class WeightedEnvelope {
		private final int[] v;
		private final double[] g;
		private final double[] f; // g / s² + v², so intersections compare by cross-multiplication
		private double spacing, inverseSquare;
		private int top = -1;
		private int k;

		WeightedEnvelope(int capacity) {
			v = new int[Math.max(1, capacity)];
			g = new double[Math.max(1, capacity)];
			f = new double[Math.max(1, capacity)];
		}

		/** Starts a new envelope for an axis with spacing {@code s}. */
		void reset(double s) {
			spacing = s;
			inverseSquare = 1 / (s * s);
			top = -1;
			k = 0;
		}

		/** Adds the parabola of a feature value {@code gq} (finite) at position {@code q}; positions must increase. */
		void add(int q, double gq) {
			double fq = gq * inverseSquare + (double) q * q;
			int t = top;
			// Drop the top parabola while q's intersection with it is not right of where the top starts.
			while (t >= 1 && (fq - f[t]) * (v[t] - v[t - 1]) <= (f[t] - f[t - 1]) * (q - v[t])) t--;
			t++;
			v[t] = q;
			g[t] = gq;
			f[t] = fq;
			top = t;
		}

		boolean isEmpty() {
			return top < 0;
		}

		/** The envelope at x; successive calls must not decrease x (until {@link #rewind()}). */
		double at(int x) {
			// Along the envelope the minimiser only moves right; compare actual values, not the breakpoints.
			double t = (x - v[k]) * spacing;
			double best = g[k] + t * t;
			while (k < top) {
				t = (x - v[k + 1]) * spacing;
				double next = g[k + 1] + t * t;
				if (next > best) break;
				best = next;
				k++;
			}
			return best;
		}

		void rewind() {
			k = 0;
		}
	}

	interface Task {
		void run(int index);
	}

	/** Runs tasks 0 .. n-1 on {@code es} and waits for all (failures and interrupts rethrown unchecked). */
	static void runAll(ExecutorService es, int n, Task task) {
		List<Future<?>> fs = new ArrayList<>(n);
		for (int t = 0; t < n; t++) {
			int ti = t;
			fs.add(es.submit(() -> task.run(ti)));
		}
		try {
			for (Future<?> f : fs) f.get();
		}
		catch (InterruptedException e) {
			fs.forEach(f -> f.cancel(true));
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Distance transform interrupted", e);
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrapUnchecked(e);
		}
	}

	private static void checkBox(Interval box, int w, int h) {
		if (box.numDimensions() != 2 || box.min(0) < 0 || box.min(1) < 0 || box.max(0) >= w || box.max(1) >= h || box.dimension(0) <= 0 || box.dimension(1) <= 0) {
			throw new IllegalArgumentException("Box " + Arrays.toString(box.minAsLongArray()) + "-" + Arrays.toString(box.maxAsLongArray()) + " is not inside the " + w + "x" + h + " mask");
		}
	}
}
