package org.imapp.metrics;

import java.util.concurrent.ExecutorService;

import org.imapp.mask.BinaryMask;

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
		if (mask1.isEmpty() || mask2.isEmpty()) {
			String note = mask1.isEmpty() && mask2.isEmpty() ? "both masks are empty" : mask1.isEmpty() ? "mask1 is empty" : "mask2 is empty";
			double nsd = mask1.isEmpty() && mask2.isEmpty() ? Double.NaN : 0.0;
			double nan = Double.NaN;
			return new PairMetrics(0.0, 0.0, nan, nan, nan, nan, nan, nsd, tau, diagonal, mask1.size(), mask2.size(), note);
		}
		long inter = mask1.intersection(mask2);
		long sizes = mask1.area() + mask2.area();
		double dice = 2. * inter / (double) sizes;
		double jaccard = (double) inter / (double) (sizes - inter);

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
		double assd = NumpyStatistics.pairwiseSum(pooled, 0, n) / n;
		double meanAb = NumpyStatistics.pairwiseSum(pooled, 0, ab.length) / ab.length;
		double meanBa = NumpyStatistics.pairwiseSum(pooled, ab.length, ba.length) / ba.length;
		double masd = (0. + meanAb + meanBa) / 2; // np.mean((asd1, asd2))
		double nsd = (double) (withinA + withinB) / n;
		return new PairMetrics(dice, jaccard, hd, hd95, hd95MaxDirected, assd, masd, nsd, tau, diagonal, ab.length, ba.length, null);
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
		return m.name() != null ? m.name() : fallback;
	}
}
