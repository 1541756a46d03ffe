package org.imapp.analysis;

import java.util.Arrays;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * What a box plot draws, computed as matplotlib's {@code boxplot} (which seaborn uses): quartiles by
 * linear interpolation (NumPy's default, Commons Math R_7), whiskers at the most extreme data
 * within 1.5 IQR of the box, notch at median ± 1.57·IQR/√n.
 */
public record BoxStatistics(int n, double mean, double q1, double median, double q3, double whiskerLow, double whiskerHigh,
	double notchLow, double notchHigh) {

	/** Box statistics of the non-NaN values (all NaN for none). */
	public static BoxStatistics of(double[] values) {
		double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
		int n = v.length;
		if (n == 0) return new BoxStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
		p.setData(v);
		double q1 = p.evaluate(25), med = p.evaluate(50), q3 = p.evaluate(75);
		double iqr = q3 - q1;
		double lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr;
		double wl = Double.POSITIVE_INFINITY, wh = Double.NEGATIVE_INFINITY;
		for (double x : v) {
			if (x >= lo) wl = Math.min(wl, x);
			if (x <= hi) wh = Math.max(wh, x);
		}
		// matplotlib: whiskers never inside the box.
		wl = Math.min(wl, q1);
		wh = Math.max(wh, q3);
		double half = 1.57 * iqr / Math.sqrt(n);
		return new BoxStatistics(n, StatUtils.mean(v), q1, med, q3, wl, wh, med - half, med + half);
	}

	/** Column names matching {@link #cells()}. */
	public static final String[] COLUMNS = { "n", "mean", "q1", "median", "q3", "whisker_low", "whisker_high", "notch_low", "notch_high" };

	public Object[] cells() {
		return new Object[] { (long) n, mean, q1, median, q3, whiskerLow, whiskerHigh, notchLow, notchHigh };
	}
}
