package org.imapp.multirater;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.data.Manifest;
import org.imapp.metrics.NumpyStatistics;
import org.imapp.metrics.PairMetrics;
import org.imapp.runner.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * The tables of a generic multi-rater run, in calibrated units: pairwise rows (as medpy names the
 * metrics: {@code dice, jaccard, hd, hd95, assd}, then the other definitions), rater-vs-consensus
 * rows, per-image means and standard deviations, the overall summary and summaries by each
 * grouping column of the manifest. The statistics are those of the IMA++ tables (pandas'
 * arithmetic, {@link NumpyStatistics}), over rater–rater pairs.
 */
public final class MultiRaterTables {

	/** The metric columns of the pairwise and rater-vs-consensus tables, in order. */
	public static final List<String> METRICS = List.of("dice", "jaccard", "hd", "hd95", "assd", "hd95_max_directed", "masd", "nsd");

	/** The metrics aggregated per image (as the IMA++ image-level table: overlap and the three medpy distances). */
	public static final List<String> IMAGE_METRICS = METRICS.subList(0, 5);

	private MultiRaterTables() {}

	/** The values of {@link #METRICS}, then the NSD tolerance (calibrated units) and the note. */
	static List<Object> metricCells(PairMetrics m) {
		return new ArrayList<>(List.of(m.dice(), m.jaccard(), m.hd(), m.hd95(), m.assd(), m.hd95MaxDirected(), m.masd(), m.nsd(), m.nsdTolerance(),
			m.note() == null ? "" : m.note()));
	}

	static List<String> metricColumns() {
		List<String> c = new ArrayList<>(METRICS);
		c.add("nsd_tolerance");
		c.add("note");
		return c;
	}

	/** {@code image_id, rater1, rater2, metrics…, nsd_tolerance, note, <group>1, <group>2…}. */
	public static Table pairwiseTable(List<String> groups) {
		List<String> c = new ArrayList<>(List.of("image_id", "rater1", "rater2"));
		c.addAll(metricColumns());
		for (String g : groups) {
			c.add(g + "1");
			c.add(g + "2");
		}
		return new Table(c);
	}

	static Object[] pairRow(Manifest.Entry a, Manifest.Entry b, PairMetrics m) {
		List<Object> row = new ArrayList<>(List.of(a.imageId(), a.rater(), b.rater()));
		row.addAll(metricCells(m));
		for (int g = 0; g < a.groups().size(); g++) {
			row.add(a.groups().get(g));
			row.add(b.groups().get(g));
		}
		return row.toArray();
	}

	/** {@code image_id, rater, consensus (ST or MV), metrics…, nsd_tolerance, note, <group>…}. */
	public static Table vsConsensusTable(List<String> groups) {
		List<String> c = new ArrayList<>(List.of("image_id", "rater", "consensus"));
		c.addAll(metricColumns());
		c.addAll(groups);
		return new Table(c);
	}

	static Object[] vsConsensusRow(Manifest.Entry a, String consensus, PairMetrics m) {
		List<Object> row = new ArrayList<>(List.of(a.imageId(), a.rater(), consensus));
		row.addAll(metricCells(m));
		row.addAll(a.groups());
		return row.toArray();
	}

	/** One pair of masks as a row: {@code mask1, mask2, metrics…, nsd_tolerance, note, unit} (distances in {@code unit}). */
	public static Table comparison(String name1, String name2, PairMetrics m, String unit) {
		List<String> c = new ArrayList<>(List.of("mask1", "mask2"));
		c.addAll(metricColumns());
		c.add("unit");
		List<Object> row = new ArrayList<>(List.of(name1, name2));
		row.addAll(metricCells(m));
		row.add(unit);
		return new Table(c).addRow(row.toArray());
	}

	/** {@code image_id, rater, sensitivity, specificity, iterations, <group>…}: STAPLE's estimates (as ITK reports them). */
	public static Table stapleRatersTable(List<String> groups) {
		List<String> c = new ArrayList<>(List.of("image_id", "rater", "sensitivity", "specificity", "iterations"));
		c.addAll(groups);
		return new Table(c);
	}

	/**
	 * Per image: raters (in its pairs), pairs, then mean and sample standard deviation (n−1, empty
	 * for one pair) of {@link #IMAGE_METRICS} over its rater pairs, images in table order.
	 */
	public static Table imageTable(Table pairwise) {
		List<String> c = new ArrayList<>(List.of("image_id", "raters", "pairs"));
		for (String m : IMAGE_METRICS) {
			c.add(m + "_mean");
			c.add(m + "_std");
		}
		Table out = new Table(c);
		int r1 = pairwise.require("rater1", "pairwise table"), r2 = pairwise.require("rater2", "pairwise table");
		Map<String, List<Integer>> rows = new java.util.LinkedHashMap<>();
		for (int r = 0; r < pairwise.rowCount(); r++) rows.computeIfAbsent(pairwise.getString(r, "image_id"), k -> new ArrayList<>()).add(r);
		for (var e : rows.entrySet()) {
			java.util.Set<String> raters = new java.util.HashSet<>();
			for (int r : e.getValue()) {
				raters.add(pairwise.getString(r, r1));
				raters.add(pairwise.getString(r, r2));
			}
			List<Object> row = new ArrayList<>(List.of(e.getKey(), (long) raters.size(), (long) e.getValue().size()));
			for (String m : IMAGE_METRICS) {
				double[] v = values(pairwise, e.getValue(), m);
				row.add(NumpyStatistics.groupMean(v));
				row.add(NumpyStatistics.groupStd(v));
			}
			out.addRow(row.toArray());
		}
		return out;
	}

	/** The grouping columns of a pairwise table: {@code <group>1} and {@code <group>2} pairs after {@code note}. */
	public static List<String> groupColumns(Table pairwise) {
		List<String> cols = pairwise.columns();
		List<String> out = new ArrayList<>();
		for (int i = pairwise.require("note", "pairwise table") + 1; i + 1 < cols.size(); i += 2) {
			String a = cols.get(i), b = cols.get(i + 1);
			if (a.endsWith("1") && b.equals(a.substring(0, a.length() - 1) + "2")) out.add(a.substring(0, a.length() - 1));
		}
		return out;
	}

	/**
	 * Writes the tables derived from a pairwise table into {@code folder}: per image, the summary
	 * and one per grouping column. The pairwise table itself is not written.
	 * @return the summary
	 */
	public static Table writeDerived(Table pairwise, Path folder) throws IOException {
		Table summary = summaryTable(pairwise);
		CsvTables.write(imageTable(pairwise), folder.resolve(MultiRaterRun.IMAGE_CSV));
		CsvTables.write(summary, folder.resolve(MultiRaterRun.SUMMARY_CSV));
		for (String g : groupColumns(pairwise)) CsvTables.write(byGroupTable(pairwise, g), folder.resolve(MultiRaterRun.byGroupFile(g)));
		return summary;
	}

	/** True for a pairwise table of a manifest run ({@code image_id, rater1, rater2, …}), not an IMA++ one. */
	public static boolean isMultiRaterPairwise(Table t) {
		return t.indexOf("image_id") >= 0 && t.indexOf("rater1") >= 0 && t.indexOf("rater2") >= 0 && t.indexOf("dice") >= 0;
	}

	/**
	 * The summary of the rater pairs: Mean, Std. Dev., Minimum, Maximum, Median, IQR of every
	 * metric (pandas {@code describe} arithmetic, empty cells skipped) and how many pairs it is
	 * defined for ({@code Defined}).
	 */
	public static Table summaryTable(Table pairwise) {
		List<String> c = new ArrayList<>(List.of(""));
		c.addAll(METRICS);
		Table out = new Table(c);
		List<String> stats = new ArrayList<>(MetricsSummary.SUMMARY_ROWS);
		stats.add("Defined");
		for (String stat : stats) {
			List<Object> row = new ArrayList<>(List.of(stat));
			for (String m : METRICS) {
				double[] v = values(pairwise, null, m);
				row.add(stat.equals("Defined") ? (Object) java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).count() : MetricsSummary.statistic(stat, v));
			}
			out.addRow(row.toArray());
		}
		return out;
	}

	/**
	 * The rater pairs summarised by one grouping column: a pair's level is the raters' common
	 * value, or both values ({@code expert / novice}, sorted) when they differ; per level the pair
	 * count and each metric's mean and standard deviation (pandas), levels sorted.
	 */
	public static Table byGroupTable(Table pairwise, String group) {
		int g1 = pairwise.require(group + "1", "pairwise table"), g2 = pairwise.require(group + "2", "pairwise table");
		Map<String, List<Integer>> levels = groupRows(pairwise, r -> {
			String a = pairwise.getString(r, g1), b = pairwise.getString(r, g2);
			return a.equals(b) ? a : a.compareTo(b) < 0 ? a + " / " + b : b + " / " + a;
		});
		Table out = new Table(meanStdColumns(List.of(group, "pairs")));
		for (var e : levels.entrySet()) out.addRow(meanStdRow(pairwise, e.getValue(), List.of(e.getKey(), (long) e.getValue().size())));
		return out;
	}

	/**
	 * Each rater's agreement with STAPLE and with majority vote, summarised per rater and per level
	 * of each grouping column: {@code consensus, factor, level, pairs}, means and standard deviations.
	 */
	public static Table vsConsensusSummary(Table vsConsensus, List<String> groups) {
		Table out = new Table(meanStdColumns(List.of("consensus", "factor", "level", "pairs")));
		List<String> factors = new ArrayList<>(List.of("rater"));
		factors.addAll(groups);
		for (String kind : List.of(MultiRaterRun.STAPLE, MultiRaterRun.MAJORITY_VOTE)) {
			for (String f : factors) {
				int fc = vsConsensus.require(f, "rater-vs-consensus table");
				Map<String, List<Integer>> levels = new TreeMap<>();
				for (int r = 0; r < vsConsensus.rowCount(); r++) {
					if (vsConsensus.getString(r, 2).equals(kind)) levels.computeIfAbsent(vsConsensus.getString(r, fc), k -> new ArrayList<>()).add(r);
				}
				for (var e : levels.entrySet()) out.addRow(meanStdRow(vsConsensus, e.getValue(), List.of(kind, f, e.getKey(), (long) e.getValue().size())));
			}
		}
		return out;
	}

	private static List<String> meanStdColumns(List<String> first) {
		List<String> c = new ArrayList<>(first);
		for (String m : METRICS) {
			c.add(m + "_mean");
			c.add(m + "_std");
		}
		return c;
	}

	private static Object[] meanStdRow(Table t, List<Integer> rows, List<Object> first) {
		List<Object> row = new ArrayList<>(first);
		for (String m : METRICS) {
			double[] v = values(t, rows, m);
			row.add(NumpyStatistics.pandasMean(v));
			row.add(NumpyStatistics.pandasStd(v));
		}
		return row.toArray();
	}

	private static Map<String, List<Integer>> groupRows(Table t, java.util.function.IntFunction<String> key) {
		Map<String, List<Integer>> out = new TreeMap<>();
		for (int r = 0; r < t.rowCount(); r++) out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
		return out;
	}

	/** A metric's values over some rows (all when null); empty cells are NaN. */
	private static double[] values(Table t, List<Integer> rows, String metric) {
		int c = t.require(metric, "metrics table");
		int n = rows == null ? t.rowCount() : rows.size();
		double[] v = new double[n];
		for (int i = 0; i < n; i++) v[i] = t.getDouble(rows == null ? i : rows.get(i), c);
		return v;
	}
}
