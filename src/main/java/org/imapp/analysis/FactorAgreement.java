package org.imapp.analysis;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.SegRecord;
import org.imapp.table.Table;

/**
 * Intra- and inter-factor agreement (published {@code metrics/inter_intra_<factor>_agreement_LT_only_pairs}):
 * for each unordered pair of factor levels, the mean of a metric over all pairs whose two masks
 * have those levels. The diagonal is intra-factor agreement (two T1 masks), the lower triangle
 * inter-factor. All rows are used, consensus included (trap 18); MV–MV and ST–ST are undefined.
 */
public final class FactorAgreement {

	/** The metrics the published figure shows side by side. */
	public static final List<String> PUBLISHED_METRICS = List.of("dice_score", "hd95_score_normalized");

	/**
	 * @param levels row/column order
	 * @param mean per metric, {@code mean[m][i][j]} for j ≤ i (NaN: no pairs or undefined)
	 * @param pairs per metric, number of non-NaN values behind each mean
	 * @param min smallest raw value of all metrics (the shared colour scale, trap 19)
	 * @param max largest raw value of all metrics
	 */
	public record Result(Factor factor, List<String> metrics, List<String> levels, double[][][] mean, long[][][] pairs, double min, double max) {

		public double mean(String metric, String rowLevel, String colLevel) {
			int i = levels.indexOf(rowLevel), j = levels.indexOf(colLevel);
			if (i < 0 || j < 0) throw new IllegalArgumentException("Unknown level " + (i < 0 ? rowLevel : colLevel) + " of " + factor);
			return mean[metrics.indexOf(metric)][Math.max(i, j)][Math.min(i, j)];
		}

		/**
		 * The lower triangle (diagonal included) in long form, row by row: columns
		 * {@code factor, metric, row_level, col_level, mean, pairs}; undefined cells have an empty mean.
		 */
		public Table table() {
			Table t = new Table("factor", "metric", "row_level", "col_level", "mean", "pairs");
			for (int m = 0; m < metrics.size(); m++) {
				for (int i = 0; i < levels.size(); i++) {
					for (int j = 0; j <= i; j++) {
						t.addRow(factor.column(), metrics.get(m), levels.get(i), levels.get(j), mean[m][i][j], pairs[m][i][j]);
					}
				}
			}
			return t;
		}

		/** Columns {@code min, max}: the colour scale shared by the panels. */
		public Table scaleTable() {
			return new Table("min", "max").addRow(min, max);
		}
	}

	private FactorAgreement() {}

	public static Result compute(Collection<MetricPair> pairs, Factor factor, List<String> metrics) {
		List<String> levels = factor.levels(pairs);
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < levels.size(); i++) index.put(levels.get(i), i);
		int n = levels.size();
		double[][][] sum = new double[metrics.size()][n][n];
		long[][][] count = new long[metrics.size()][n][n];
		int[] col = new int[metrics.size()];
		for (int m = 0; m < col.length; m++) {
			col[m] = PairwiseMetrics.METRICS.indexOf(metrics.get(m));
			if (col[m] < 0) throw new IllegalArgumentException("Unknown metric " + metrics.get(m));
		}
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (MetricPair p : pairs) {
			Integer a = index.get(factor.of(p, 1)), b = index.get(factor.of(p, 2));
			for (int m = 0; m < col.length; m++) {
				double v = p.values()[col[m]];
				if (Double.isNaN(v)) continue;
				min = Math.min(min, v);
				max = Math.max(max, v);
				if (a == null || b == null) continue;
				int i = Math.max(a, b), j = Math.min(a, b);
				sum[m][i][j] += v;
				count[m][i][j]++;
			}
		}
		double[][][] mean = new double[metrics.size()][n][n];
		for (int m = 0; m < col.length; m++) {
			for (int i = 0; i < n; i++) {
				for (int j = 0; j < n; j++) {
					boolean undefined = j > i || count[m][i][j] == 0 || (i == j && SegRecord.isConsensusLabel(levels.get(i)));
					mean[m][i][j] = undefined ? Double.NaN : sum[m][i][j] / count[m][i][j];
					if (undefined) count[m][i][j] = 0;
				}
			}
		}
		if (min > max) min = max = Double.NaN;
		return new Result(factor, List.copyOf(metrics), List.copyOf(levels), mean, count, min, max);
	}
}
