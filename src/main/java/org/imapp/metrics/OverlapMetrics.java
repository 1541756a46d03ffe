package org.imapp.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.BinaryVolume;

/**
 * Agreement of two masks of one image with the semantics of IMA++'s {@code utils/metrics.py}
 * (medpy 0.5.2 {@code dc, jc, hd, hd95, assd}, connectivity 1, unit spacing), plus the
 * variants and the Normalized Surface Dice described in {@link PairMetrics}.
 * <p>
 * Argument order matters as in medpy: mask 1 is medpy's {@code result}, so its directed
 * distances come first in the pooled list (which only changes rounding of the mean) and its
 * shape gives the diagonal. Pooled statistics run on squared integer distances (selection for the
 * percentile), then {@link NumpyStatistics} reproduces numpy's summation order.
 * <p>
 * If either mask is empty, medpy raises; IMA++'s published convention is used instead:
 * Dice and Jaccard 0, boundary distances NaN (normalized forms 1.0), and a note naming the
 * empty mask(s). Masks of different sizes are an {@link IllegalArgumentException} naming both.
 */
public final class OverlapMetrics {

	private OverlapMetrics() {}

	/** Metrics of two masks with the published definitions. */
	public static PairMetrics compute(BinaryMask mask1, BinaryMask mask2) {
		return compute(MaskSurface.of(mask1), MaskSurface.of(mask2), MetricOptions.DEFAULT);
	}

	/** Metrics of two analysed masks (analyse each mask once when it takes part in several pairs). */
	public static PairMetrics compute(MaskSurface mask1, MaskSurface mask2, MetricOptions options) {
		return compute(mask1, mask2, options, null);
	}

	/** As {@link #compute(MaskSurface, MaskSurface, MetricOptions)}, the two directions in parallel on {@code es}. */
	public static PairMetrics compute(MaskSurface mask1, MaskSurface mask2, MetricOptions options, ExecutorService es) {
		checkSameSize(mask1, mask2);
		double diagonal = diagonal(mask1.width(), mask1.height());
		double tau = options.nsdTolerance(diagonal);
		if (mask1.isEmpty() || mask2.isEmpty()) return undefined(mask1.isEmpty(), mask2.isEmpty(), tau, diagonal, mask1.size(), mask2.size());
		long inter = mask1.intersection(mask2);
		long sizes = mask1.area() + mask2.area();
		double dice = dice(inter, sizes), jaccard = jaccard(inter, sizes);

		SurfaceDistances.Directed d = es == null ? SurfaceDistances.both(mask1, mask2) : SurfaceDistances.both(mask1, mask2, es);
		int[] ab = d.aToB(), ba = d.bToA();
		int n = ab.length + ba.length;
		double[] pooled = new double[n];
		int[] pooledSquared = new int[n];
		int max = 0;
		int withinA = 0, withinB = 0;
		for (int i = 0; i < ab.length; i++) {
			int v = ab[i];
			pooledSquared[i] = v;
			pooled[i] = Math.sqrt(v);
			if (v > max) max = v;
			if (pooled[i] <= tau) withinA++;
		}
		for (int i = 0; i < ba.length; i++) {
			int v = ba[i];
			pooledSquared[ab.length + i] = v;
			pooled[ab.length + i] = Math.sqrt(v);
			if (v > max) max = v;
			if (pooled[ab.length + i] <= tau) withinB++;
		}
		double hd = Math.sqrt(max);
		double hd95MaxDirected = Math.max(NumpyStatistics.percentileOfSquared(ab.clone(), 95), NumpyStatistics.percentileOfSquared(ba.clone(), 95));
		double hd95 = NumpyStatistics.percentileOfSquared(pooledSquared, 95);
		double assd = NumpyStatistics.mean(pooled, 0, n);
		double meanAb = NumpyStatistics.mean(pooled, 0, ab.length);
		double meanBa = NumpyStatistics.mean(pooled, ab.length, ba.length);
		double masd = (0. + meanAb + meanBa) / 2; // np.mean((asd1, asd2))
		double nsd = (double) (withinA + withinB) / n;
		return new PairMetrics(dice, jaccard, hd, hd95, hd95MaxDirected, assd, masd, nsd, tau, diagonal, ab.length, ba.length, null);
	}

	/** The published convention for a pair with an empty mask: overlap 0, distances NaN, NSD 0 (NaN if both empty). */
	private static PairMetrics undefined(boolean empty1, boolean empty2, double tau, double diagonal, int surface1, int surface2) {
		String note = empty1 && empty2 ? "both masks are empty" : empty1 ? "mask1 is empty" : "mask2 is empty";
		double nsd = empty1 && empty2 ? Double.NaN : 0.0;
		double nan = Double.NaN;
		return new PairMetrics(0.0, 0.0, nan, nan, nan, nan, nan, nsd, tau, diagonal, surface1, surface2, note);
	}

	/**
	 * Metrics of two n-dimensional masks (1-D to 3-D; {@code value > 0} is foreground) with medpy's
	 * definitions at {@code voxelspacing}: surfaces by erosion with the face-connected
	 * neighbourhood (4 in 2-D, 6 in 3-D), distances in calibrated units, the NSD tolerance of
	 * {@code options} in calibrated units and the diagonal √Σ(n_d·s_d)².
	 * <p>
	 * 2-D masks at unit spacing take the tuned 2-D path ({@link MaskSurface}), everything else the
	 * n-D search ({@link VolumeSurface}); both give the same values.
	 *
	 * @param spacing per axis in image order (x, y, z), calibrated units; null = all 1
	 * @param executor splits the work (null: caller's thread)
	 * @throws IllegalArgumentException masks of different intervals, or bad spacing
	 */
	public static <A extends RealType<A>, B extends RealType<B>> PairMetrics computeNd(RandomAccessibleInterval<A> a, RandomAccessibleInterval<B> b,
			double[] spacing, MetricOptions options, ExecutorService executor) {
		if (!Intervals.equals(a, b)) {
			throw new IllegalArgumentException("Masks must have the same interval: mask1 is " + Arrays.toString(a.dimensionsAsLongArray()) + " at "
				+ Arrays.toString(a.minAsLongArray()) + " but mask2 is " + Arrays.toString(b.dimensionsAsLongArray()) + " at " + Arrays.toString(b.minAsLongArray()));
		}
		double[] s = checkSpacing(spacing, a.numDimensions());
		BinaryVolume va = BinaryVolume.of(a), vb = BinaryVolume.of(b);
		if (va.numDimensions() == 2 && s[0] == 1 && s[1] == 1) {
			int w = va.dimension(0), h = va.dimension(1);
			return compute(MaskSurface.of(new BinaryMask(w, h, va.data())), MaskSurface.of(new BinaryMask(w, h, vb.data())), options, executor);
		}
		return compute(VolumeSurface.of(va, "mask1"), VolumeSurface.of(vb, "mask2"), s, options, executor);
	}

	/** As {@link #computeNd}, on analysed masks (analyse each mask once when it takes part in several pairs). */
	public static PairMetrics compute(VolumeSurface mask1, VolumeSurface mask2, double[] spacing, MetricOptions options, ExecutorService es) {
		if (!mask1.volume().sameInterval(mask2.volume())) {
			throw new IllegalArgumentException("Masks must have the same shape: " + label(mask1.name(), "mask1") + " is " + mask1.volume().sizeString() + " but "
				+ label(mask2.name(), "mask2") + " is " + mask2.volume().sizeString());
		}
		int dims = mask1.volume().numDimensions();
		double[] s = checkSpacing(spacing, dims);
		double sumSquares = 0;
		for (int d = dims - 1; d >= 0; d--) {
			double extent = mask1.volume().dimension(d) * s[d];
			sumSquares += extent * extent;
		}
		double diagonal = Math.sqrt(sumSquares);
		double tau = options.nsdTolerance(diagonal);
		if (mask1.isEmpty() || mask2.isEmpty()) return undefined(mask1.isEmpty(), mask2.isEmpty(), tau, diagonal, mask1.size(), mask2.size());
		long inter = mask1.intersection(mask2);
		long sizes = mask1.area() + mask2.area();
		double dice = dice(inter, sizes), jaccard = jaccard(inter, sizes);

		List<double[]> d = SurfaceDistances.both(mask1, mask2, s, es);
		double[] ab = d.get(0), ba = d.get(1);
		int n = ab.length + ba.length;
		double[] pooled = Arrays.copyOf(ab, n);
		System.arraycopy(ba, 0, pooled, ab.length, ba.length);
		double max = 0;
		int within = 0;
		for (double v : pooled) {
			if (v > max) max = v;
			if (v <= tau) within++;
		}
		double hd95 = NumpyStatistics.percentileOfSorted(sorted(pooled), 95);
		double hd95MaxDirected = Math.max(NumpyStatistics.percentileOfSorted(sorted(ab), 95), NumpyStatistics.percentileOfSorted(sorted(ba), 95));
		double assd = NumpyStatistics.mean(pooled);
		double masd = (0. + NumpyStatistics.mean(ab) + NumpyStatistics.mean(ba)) / 2;
		return new PairMetrics(dice, jaccard, max, hd95, hd95MaxDirected, assd, masd, (double) within / n, tau, diagonal, ab.length, ba.length, null);
	}

	private static double[] sorted(double[] values) {
		double[] copy = values.clone();
		Arrays.sort(copy);
		return copy;
	}

	/** medpy's {@code dc}: 2|A∩B| / (|A|+|B|). */
	private static double dice(long intersection, long sizes) {
		return 2. * intersection / (double) sizes;
	}

	/** medpy's {@code jc}: |A∩B| / |A∪B|. */
	private static double jaccard(long intersection, long sizes) {
		return (double) intersection / (double) (sizes - intersection);
	}

	/** Spacing per axis, validated; null means all 1. */
	static double[] checkSpacing(double[] spacing, int dims) {
		if (spacing == null) {
			double[] ones = new double[dims];
			Arrays.fill(ones, 1.0);
			return ones;
		}
		if (spacing.length != dims) throw new IllegalArgumentException("spacing has " + spacing.length + " entries for a " + dims + "-D image");
		for (double v : spacing) {
			if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("spacing must be positive and finite, got " + Arrays.toString(spacing));
		}
		return spacing.clone();
	}

	/** {@code np.hypot(rows, cols)}: the sum of squares is exact, so one rounding in sqrt. */
	public static double diagonal(int width, int height) {
		return Math.sqrt((double) width * width + (double) height * height);
	}

	/** Throws an {@link IllegalArgumentException} naming both masks unless they have the same size. */
	public static void checkSameSize(MaskSurface mask1, MaskSurface mask2) {
		if (mask1.width() != mask2.width() || mask1.height() != mask2.height()) {
			throw new IllegalArgumentException("Masks must have the same shape: " + label(mask1, "mask1") + " is " + mask1.width() + "x" + mask1.height()
				+ " but " + label(mask2, "mask2") + " is " + mask2.width() + "x" + mask2.height());
		}
	}

	private static String label(MaskSurface m, String fallback) {
		return label(m.name(), fallback);
	}

	private static String label(String name, String fallback) {
		return name != null ? name : fallback;
	}
}
