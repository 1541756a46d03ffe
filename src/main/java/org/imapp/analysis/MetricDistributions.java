package org.imapp.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.imapp.table.Table;

/**
 * Histograms of the agreement metrics over annotator pairs (published {@code metrics/individual_metrics},
 * seaborn {@code histplot}), with NumPy's {@code bins="auto"} rule: the smaller of the
 * Freedman–Diaconis and Sturges bin widths, equal-width bins from min to max, the last bin closed.
 */
public final class MetricDistributions {

	/** The metrics drawn: the published five plus the raw distances. */
	public static final List<String> METRICS = List.of("dice_score", "jaccard_score", "hd_score", "hd95_score", "assd_score",
		"hd_score_normalized", "hd95_score_normalized", "assd_score_normalized");

	/** Bin edges ({@code bins+1}) and counts of one metric. */
	public record Histogram(String metric, double[] edges, long[] counts, int n) {}

	private MetricDistributions() {}

	/** Histograms of each metric over annotator pairs (consensus pairs are skipped, NaN cells too). */
	public static List<Histogram> compute(Collection<MetricPair> pairs, List<String> metrics) {
		List<Histogram> out = new ArrayList<>();
		for (String metric : metrics) {
			int col = PairwiseMetrics.METRICS.indexOf(metric);
			if (col < 0) throw new IllegalArgumentException("Unknown metric " + metric);
			double[] v = pairs.stream().filter(MetricPair::isAnnotatorPair).mapToDouble(p -> p.values()[col]).filter(x -> !Double.isNaN(x)).toArray();
			out.add(histogram(metric, v));
		}
		return out;
	}

	/** NumPy's {@code np.histogram(values, bins="auto")}. */
	public static Histogram histogram(String metric, double[] values) {
		int n = values.length;
		if (n == 0) return new Histogram(metric, new double[] { 0, 1 }, new long[1], 0);
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double x : values) {
			lo = Math.min(lo, x);
			hi = Math.max(hi, x);
		}
		int bins = autoBinCount(values, lo, hi);
		if (lo == hi) {
			lo -= 0.5;
			hi += 0.5;
		}
		double[] edges = new double[bins + 1];
		double step = (hi - lo) / bins;
		for (int i = 0; i < bins; i++) edges[i] = i * step + lo;
		edges[bins] = hi;
		long[] counts = new long[bins];
		double norm = bins / (hi - lo);
		for (double x : values) {
			// NumPy's index computation with its two corrections for rounding at the edges.
			int i = (int) ((x - lo) * norm);
			if (i == bins) i--;
			if (x < edges[i]) i--;
			if (i != bins - 1 && x >= edges[i + 1]) i++;
			counts[i]++;
		}
		return new Histogram(metric, edges, counts, n);
	}

	/** The number of bins NumPy's "auto" estimator chooses (1 when all values are equal). */
	public static int autoBinCount(double[] values, double lo, double hi) {
		int n = values.length;
		double range = hi - lo;
		if (range == 0) return 1;
		double sturges = range / (Math.log(n) / Math.log(2) + 1.0);
		Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
		p.setData(values);
		double iqr = p.evaluate(75) - p.evaluate(25);
		double fd = 2.0 * iqr * Math.pow(n, -1.0 / 3.0);
		double width = fd > 0 ? Math.min(fd, sturges) : sturges;
		return (int) Math.ceil(range / width);
	}

	/** Columns {@code metric, bin, bin_start, bin_end, count}. */
	public static Table table(List<Histogram> histograms) {
		Table t = new Table("metric", "bin", "bin_start", "bin_end", "count");
		for (Histogram h : histograms) {
			for (int i = 0; i < h.counts().length; i++) t.addRow(h.metric(), (long) i, h.edges()[i], h.edges()[i + 1], h.counts()[i]);
		}
		return t;
	}
}
