package org.imapp.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.data.SegRecord;
import org.imapp.metrics.NumpyStatistics;
import org.imapp.table.Table;

/**
 * The tables IMA++ derives from the pairwise table, computed with pandas' exact arithmetic
 * ({@link NumpyStatistics}) so that they reproduce the published files:
 * <ul>
 * <li>image level ({@code compute_image_level_metrics.py}): per image, mean and sample standard
 * deviation of six metrics over annotator–annotator pairs — pandas {@code groupby} arithmetic
 * (Kahan sum, Welford variance);</li>
 * <li>summary ({@code summarize_metrics}): Mean, Std. Dev., Minimum, Maximum, Median, IQR of the
 * eight metrics over annotator–annotator pairs, NaN skipped — pandas {@code Series} arithmetic
 * (pairwise sums, two-pass variance, linear quantiles), row labels in an unnamed first column as
 * in the committed file;</li>
 * <li>beyond IMA++: how many pairs each metric is undefined for, and annotator-vs-consensus
 * agreement aggregated per annotator, tool and skill level.</li>
 * </ul>
 * Input is any table with the published columns (e.g. {@code CsvTables.read} of the published CSV).
 */
public final class MetricsSummary {

	public static final String IMAGE_LEVEL_FILE = "IMAplusplus_multiannotator_subset_image_level_metrics.csv";
	public static final String SUMMARY_FILE = "IMAplusplus_multiannotator_subset_IAA_metrics_summary.csv";
	public static final String UNDEFINED_FILE = "IMAplusplus_multiannotator_subset_IAA_metrics_undefined_counts.csv";
	public static final String VS_CONSENSUS_FILE = "IMAplusplus_multiannotator_subset_annotator_vs_consensus_metrics.csv";

	/** The image-level table aggregates six metrics: not the normalized HD95 and ASSD (as published). */
	public static final List<String> IMAGE_LEVEL_METRICS = AgreementMetrics.METRIC_COLUMNS.subList(0, 6);

	public static final List<String> SUMMARY_ROWS = List.of("Mean", "Std. Dev.", "Minimum", "Maximum", "Median", "IQR");

	private MetricsSummary() {}

	/**
	 * Writes the tables derived from a pairwise table into {@code folder}: image-level, summary,
	 * undefined counts and, when the table has consensus pairs, annotator vs consensus.
	 * @return the summary table
	 */
	public static Table writeAll(Table pairwise, java.nio.file.Path folder) throws java.io.IOException {
		Table summary = summary(pairwise);
		org.imapp.table.CsvTables.write(imageLevel(pairwise), folder.resolve(IMAGE_LEVEL_FILE));
		org.imapp.table.CsvTables.write(summary, folder.resolve(SUMMARY_FILE));
		org.imapp.table.CsvTables.write(undefinedCounts(pairwise), folder.resolve(UNDEFINED_FILE));
		Table vsConsensus = annotatorVsConsensus(pairwise);
		if (vsConsensus.rowCount() > 0) org.imapp.table.CsvTables.write(vsConsensus, folder.resolve(VS_CONSENSUS_FILE));
		return summary;
	}

	/** Per-image mean and std (ddof 1; empty for one value) over annotator pairs, images in sorted order. */
	public static Table imageLevel(Table pairwise) {
		Table ann = annotatorPairs(pairwise);
		int img = ann.require("img_id", "pairwise table");
		int[] cols = columns(ann, IMAGE_LEVEL_METRICS);
		Map<String, List<Integer>> byImage = new TreeMap<>(); // groupby sorts keys
		for (int r = 0; r < ann.rowCount(); r++) byImage.computeIfAbsent(ann.getString(r, img), k -> new ArrayList<>()).add(r);
		List<String> header = new ArrayList<>(List.of("img_id"));
		for (String m : IMAGE_LEVEL_METRICS) {
			header.add(m + "_mean");
			header.add(m + "_std");
		}
		Table out = new Table(header);
		for (var e : byImage.entrySet()) {
			Object[] row = new Object[header.size()];
			row[0] = e.getKey();
			for (int c = 0; c < cols.length; c++) {
				double[] v = values(ann, e.getValue(), cols[c]);
				row[1 + 2 * c] = NumpyStatistics.groupMean(v);
				row[2 + 2 * c] = NumpyStatistics.groupStd(v);
			}
			out.addRow(row);
		}
		return out;
	}

	/** The published summary: statistics of the eight metrics over annotator pairs. */
	public static Table summary(Table pairwise) {
		Table ann = annotatorPairs(pairwise);
		List<String> metrics = present(ann);
		List<String> header = new ArrayList<>(List.of(""));
		header.addAll(metrics);
		Table out = new Table(header);
		List<double[]> columns = new ArrayList<>();
		for (String m : metrics) columns.add(values(ann, null, ann.indexOf(m)));
		for (String stat : SUMMARY_ROWS) {
			Object[] row = new Object[header.size()];
			row[0] = stat;
			for (int c = 0; c < columns.size(); c++) row[1 + c] = statistic(stat, columns.get(c));
			out.addRow(row);
		}
		return out;
	}

	/** How many annotator pairs each summary metric is defined (non-empty) and undefined for. */
	public static Table undefinedCounts(Table pairwise) {
		Table ann = annotatorPairs(pairwise);
		Table out = new Table("metric", "pairs", "defined", "undefined");
		for (String m : present(ann)) {
			double[] v = values(ann, null, ann.indexOf(m));
			long defined = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).count();
			out.addRow(m, (long) v.length, defined, v.length - defined);
		}
		return out;
	}

	/**
	 * Agreement of each annotator mask with STAPLE and with majority vote, aggregated by annotator,
	 * tool and skill level of the annotator mask: pair count, then mean and std (pandas
	 * {@code Series} arithmetic) of each metric. Levels in sorted order; empty when the table has
	 * no consensus pairs.
	 */
	public static Table annotatorVsConsensus(Table pairwise) {
		String src = "pairwise table";
		int a1 = pairwise.require("annotator1", src), a2 = pairwise.require("annotator2", src);
		int t1 = pairwise.require("tool1", src), t2 = pairwise.require("tool2", src);
		int s1 = pairwise.require("skill_level1", src), s2 = pairwise.require("skill_level2", src);
		List<String> metrics = present(pairwise);
		List<String> header = new ArrayList<>(List.of("consensus", "factor", "level", "pairs"));
		for (String m : metrics) {
			header.add(m + "_mean");
			header.add(m + "_std");
		}
		Table out = new Table(header);
		for (String kind : new String[] { SegRecord.STAPLE, SegRecord.MAJORITY_VOTE }) {
			// factor -> level -> rows
			Map<String, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
			for (String f : new String[] { "annotator", "tool", "skill_level" }) groups.put(f, new TreeMap<>());
			for (int r = 0; r < pairwise.rowCount(); r++) {
				String x1 = pairwise.getString(r, a1), x2 = pairwise.getString(r, a2);
				int side;
				if (x2.equals(kind) && !SegRecord.isConsensusLabel(x1)) side = 1;
				else if (x1.equals(kind) && !SegRecord.isConsensusLabel(x2)) side = 2;
				else continue;
				int rr = r;
				groups.get("annotator").computeIfAbsent(side == 1 ? x1 : x2, k -> new ArrayList<>()).add(rr);
				groups.get("tool").computeIfAbsent(pairwise.getString(r, side == 1 ? t1 : t2), k -> new ArrayList<>()).add(rr);
				groups.get("skill_level").computeIfAbsent(pairwise.getString(r, side == 1 ? s1 : s2), k -> new ArrayList<>()).add(rr);
			}
			for (var f : groups.entrySet()) {
				for (var level : f.getValue().entrySet()) {
					List<Object> row = new ArrayList<>(List.of(kind, f.getKey(), level.getKey(), (long) level.getValue().size()));
					for (String m : metrics) {
						double[] v = values(pairwise, level.getValue(), pairwise.indexOf(m));
						row.add(NumpyStatistics.pandasMean(v));
						row.add(NumpyStatistics.pandasStd(v));
					}
					out.addRow(row.toArray());
				}
			}
		}
		return out;
	}

	/** Rows where neither mask is a consensus mask ({@code filter_annotators_metrics}). */
	public static Table annotatorPairs(Table pairwise) {
		int a1 = pairwise.require("annotator1", "pairwise table"), a2 = pairwise.require("annotator2", "pairwise table");
		Table out = new Table(pairwise.columns());
		for (Object[] row : pairwise.rows()) {
			String x1 = row[a1] == null ? "" : row[a1].toString(), x2 = row[a2] == null ? "" : row[a2].toString();
			if (!SegRecord.isConsensusLabel(x1) && !SegRecord.isConsensusLabel(x2)) out.addRow(row);
		}
		return out;
	}

	/** One of {@link #SUMMARY_ROWS} of some values (NaN skipped), with pandas' arithmetic. */
	public static Object statistic(String stat, double[] v) {
		return switch (stat) {
			case "Mean" -> NumpyStatistics.pandasMean(v);
			case "Std. Dev." -> NumpyStatistics.pandasStd(v);
			case "Minimum" -> java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
			case "Maximum" -> java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
			case "Median" -> NumpyStatistics.pandasMedian(v);
			case "IQR" -> NumpyStatistics.pandasQuantile(v, 0.75) - NumpyStatistics.pandasQuantile(v, 0.25);
			default -> throw new IllegalArgumentException(stat);
		};
	}

	/** The summary metrics present in the table, in the published order (as {@code summarize_metrics} picks them). */
	private static List<String> present(Table t) {
		return AgreementMetrics.METRIC_COLUMNS.stream().filter(m -> t.indexOf(m) >= 0).toList();
	}

	private static int[] columns(Table t, List<String> names) {
		return names.stream().mapToInt(n -> t.require(n, "pairwise table")).toArray();
	}

	/** A column's values (of some rows, or all when {@code rows} is null); empty cells are NaN. */
	private static double[] values(Table t, List<Integer> rows, int col) {
		int n = rows == null ? t.rowCount() : rows.size();
		double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			int r = rows == null ? i : rows.get(i);
			try {
				v[i] = t.getDouble(r, col);
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("pairwise table: row " + (r + 1) + ", column " + t.columns().get(col) + ": not a number: '" + t.getString(r, col)
					+ "'");
			}
		}
		return v;
	}
}
