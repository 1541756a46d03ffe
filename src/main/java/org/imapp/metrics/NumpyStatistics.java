package org.imapp.metrics;

import java.util.Arrays;

/**
 * The reductions of numpy 2.2 and pandas 2.3 that the published numbers went through, reproduced
 * operation for operation so that results agree to the last bit, not merely to a tolerance:
 * <ul>
 * <li>{@code np.sum}/{@code np.mean} of float64: pairwise summation (blocks of 8 partial sums up
 * to 128 elements, halving above) within each 8,192-element buffer, the buffers' sums added in
 * turn, then one division;</li>
 * <li>{@code np.percentile(x, q)} "linear": virtual index {@code (n-1)·q}, numpy's two-sided
 * {@code _lerp};</li>
 * <li>pandas {@code Series.mean/std} (NaN as 0 inside the pairwise sums, two-pass variance,
 * ddof 1) and {@code groupby().mean/std} (Kahan-compensated sum, Welford variance).</li>
 * </ul>
 */
public final class NumpyStatistics {

	private static final int PW_BLOCKSIZE = 128;
	/** numpy's default ufunc buffer size ({@code NPY_BUFSIZE}), the block length of its reductions. */
	static final int NUMPY_BUFFER = 8192;

	private NumpyStatistics() {}

	/** numpy's {@code pairwise_sum} of {@code a[from .. from+n)}: one inner-loop call (see {@link #sum} for whole arrays). */
	public static double pairwiseSum(double[] a, int from, int n) {
		if (n < 8) {
			double res = 0.;
			for (int i = 0; i < n; i++) res += a[from + i];
			return res;
		}
		if (n <= PW_BLOCKSIZE) {
			double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
			double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
			int i;
			for (i = 8; i < n - (n % 8); i += 8) {
				int p = from + i;
				r0 += a[p];
				r1 += a[p + 1];
				r2 += a[p + 2];
				r3 += a[p + 3];
				r4 += a[p + 4];
				r5 += a[p + 5];
				r6 += a[p + 6];
				r7 += a[p + 7];
			}
			double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
			for (; i < n; i++) res += a[from + i];
			return res;
		}
		int n2 = n / 2;
		n2 -= n2 % 8;
		return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
	}

	/**
	 * {@code np.sum} of a contiguous float64 array {@code a[from .. from+n)}: numpy's reduction
	 * hands the inner loop at most {@value #NUMPY_BUFFER} elements at a time (the iterator's buffer
	 * size), so the sum is {@code 0 + pairwise(block 1) + pairwise(block 2) + …}, not one pairwise
	 * sum over the whole array; the two differ in the last bits beyond 8,192 values.
	 */
	public static double sum(double[] a, int from, int n) {
		double s = 0;
		for (int off = 0; off < n; off += NUMPY_BUFFER) s += pairwiseSum(a, from + off, Math.min(NUMPY_BUFFER, n - off));
		return s;
	}

	/** {@code np.mean} of {@code a[from .. from+n)} (NaN when n is 0). */
	public static double mean(double[] a, int from, int n) {
		return sum(a, from, n) / n;
	}

	/** {@code np.mean} of a float64 array (NaN for an empty one). */
	public static double mean(double[] a) {
		return mean(a, 0, a.length);
	}

	/**
	 * {@code np.percentile(x, percent)} with the default "linear" method, {@code x} already sorted
	 * ascending and free of NaN.
	 */
	public static double percentileOfSorted(double[] sorted, double percent) {
		int n = sorted.length;
		if (n == 0) return Double.NaN;
		VirtualIndex v = VirtualIndex.of(n, percent);
		return lerp(sorted[v.previous], sorted[v.next], v.gamma);
	}

	/**
	 * {@code np.percentile(sqrt(d2), percent)} for squared integer distances: the two order
	 * statistics are found by selection (O(n)), the square root being monotone.
	 * {@code d2} is reordered.
	 */
	public static double percentileOfSquared(int[] d2, double percent) {
		int n = d2.length;
		if (n == 0) return Double.NaN;
		VirtualIndex v = VirtualIndex.of(n, percent);
		select(d2, 0, n - 1, v.previous);
		double a = Math.sqrt(d2[v.previous]);
		double b = a;
		if (v.next != v.previous) {
			// After selection everything right of `previous` is >= it; the next order statistic is their minimum.
			int m = Integer.MAX_VALUE;
			for (int i = v.previous + 1; i < n; i++) if (d2[i] < m) m = d2[i];
			b = Math.sqrt(m);
		}
		return lerp(a, b, v.gamma);
	}

	/** numpy's {@code _lerp}: exact at both ends, symmetric around t = 0.5. */
	public static double lerp(double a, double b, double t) {
		double diff = b - a;
		return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
	}

	/** pandas {@code Series.mean()} (skipna): NaN counted as 0 in the pairwise sum, divided by the non-NaN count. */
	public static double pandasMean(double[] values) {
		double[] filled = values.clone();
		int count = 0;
		for (int i = 0; i < filled.length; i++) {
			if (Double.isNaN(filled[i])) filled[i] = 0;
			else count++;
		}
		if (count == 0) return Double.NaN;
		return sum(filled, 0, filled.length) / count;
	}

	/** pandas {@code Series.std()} (skipna, ddof 1): two-pass variance over the NaN-as-0 array. */
	public static double pandasStd(double[] values) {
		double[] filled = values.clone();
		int count = 0;
		for (int i = 0; i < filled.length; i++) {
			if (Double.isNaN(filled[i])) filled[i] = 0;
			else count++;
		}
		if (count - 1 <= 0) return Double.NaN;
		double avg = sum(filled, 0, filled.length) / count;
		double[] sqr = new double[filled.length];
		for (int i = 0; i < filled.length; i++) {
			if (Double.isNaN(values[i])) continue;
			double d = avg - filled[i];
			sqr[i] = d * d;
		}
		return Math.sqrt(sum(sqr, 0, sqr.length) / (count - 1));
	}

	/** pandas {@code Series.median()}: numpy median of the non-NaN values (mean of the middle two for even n). */
	public static double pandasMedian(double[] values) {
		return pandasQuantile(values, 0.5, true);
	}

	/** pandas {@code Series.quantile(q)}: numpy linear percentile of the non-NaN values. */
	public static double pandasQuantile(double[] values, double q) {
		return pandasQuantile(values, q, false);
	}

	private static double pandasQuantile(double[] values, double q, boolean median) {
		double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
		int n = v.length;
		if (n == 0) return Double.NaN;
		if (median) {
			// np.median: mean of the middle element(s), i.e. (a + b) / 2 for even n.
			return n % 2 == 1 ? v[n / 2] : (0. + v[n / 2 - 1] + v[n / 2]) / 2;
		}
		return percentileOfSorted(v, q * 100.0);
	}

	/** pandas {@code groupby().mean()}: Kahan-compensated sum over non-NaN values, divided by their count. */
	public static double groupMean(double[] values) {
		double sum = 0, comp = 0;
		int count = 0;
		for (double val : values) {
			if (Double.isNaN(val)) continue;
			count++;
			double y = val - comp;
			double t = sum + y;
			comp = t - sum - y;
			sum = t;
		}
		return count == 0 ? Double.NaN : sum / count;
	}

	/** pandas {@code groupby().std()} (ddof 1): Welford's running mean and M2 over non-NaN values. */
	public static double groupStd(double[] values) {
		double mean = 0, m2 = 0;
		int count = 0;
		for (double val : values) {
			if (Double.isNaN(val)) continue;
			count++;
			double old = mean;
			mean += (val - old) / count;
			m2 += (val - old) * (val - mean);
		}
		if (count - 1 <= 0) return Double.NaN;
		return Math.sqrt(m2 / (count - 1));
	}

	/** numpy's virtual index and clipped neighbours for the "linear" method. */
	private record VirtualIndex(int previous, int next, double gamma) {
		static VirtualIndex of(int n, double percent) {
			double q = percent / 100;
			double virtual = (n - 1) * q;
			int prev = (int) Math.floor(virtual);
			double gamma = virtual - prev;
			if (virtual >= n - 1) return new VirtualIndex(n - 1, n - 1, gamma);
			if (virtual < 0) return new VirtualIndex(0, 0, gamma);
			return new VirtualIndex(prev, prev + 1, gamma);
		}
	}

	/** Hoare-style quickselect: afterwards {@code a[k]} is the k-th smallest, smaller left, larger right. */
	static void select(int[] a, int lo, int hi, int k) {
		int depth = 0;
		while (hi > lo) {
			if (++depth > 64) {
				// Pathological pivots: sorting the remainder keeps the worst case O(n log n).
				Arrays.sort(a, lo, hi + 1);
				return;
			}
			int mid = (lo + hi) >>> 1;
			// Median of three as pivot.
			if (a[mid] < a[lo]) swap(a, mid, lo);
			if (a[hi] < a[lo]) swap(a, hi, lo);
			if (a[hi] < a[mid]) swap(a, hi, mid);
			int pivot = a[mid];
			int i = lo, j = hi;
			while (i <= j) {
				while (a[i] < pivot) i++;
				while (a[j] > pivot) j--;
				if (i <= j) {
					swap(a, i, j);
					i++;
					j--;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return;
		}
	}

	private static void swap(int[] a, int i, int j) {
		int t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}
