package org.imapp.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * The pairwise agreement table as published ({@code IMAplusplus_multiannotator_subset_IAA_metrics.csv})
 * or as the metrics command writes it, read once and validated: every metric cell is a number or
 * empty, and a malformed cell is reported with the file and line.
 */
public final class PairwiseMetrics {

	public static final String FILE_NAME = "IMAplusplus_multiannotator_subset_IAA_metrics.csv";

	/** The eight metric columns, in published order. */
	public static final List<String> METRICS = List.of("dice_score", "jaccard_score", "hd_score", "hd95_score", "assd_score",
		"hd_score_normalized", "hd95_score_normalized", "assd_score_normalized");

	private final String source;
	private final List<MetricPair> pairs;

	private PairwiseMetrics(String source, List<MetricPair> pairs) {
		this.source = source;
		this.pairs = List.copyOf(pairs);
	}

	public static PairwiseMetrics read(Path file) throws IOException {
		return of(CsvTables.read(file), file.toString());
	}

	/**
	 * Parses a pairwise table. The tool and skill columns that {@code extend_metrics_columns.py}
	 * appends are taken from the table when present, else from the mask names' 4th and 5th
	 * {@code _}-separated tokens exactly as that script derives them (trap 23).
	 */
	public static PairwiseMetrics of(Table t, String source) {
		int img = t.require("img_id", source), m1 = t.require("mask1", source), m2 = t.require("mask2", source);
		int a1 = t.require("annotator1", source), a2 = t.require("annotator2", source);
		int[] metric = new int[METRICS.size()];
		for (int i = 0; i < metric.length; i++) metric[i] = t.require(METRICS.get(i), source);
		int t1 = t.indexOf("tool1"), s1 = t.indexOf("skill_level1"), t2 = t.indexOf("tool2"), s2 = t.indexOf("skill_level2");
		boolean derived = t1 < 0 || s1 < 0 || t2 < 0 || s2 < 0;
		List<MetricPair> out = new ArrayList<>(t.rowCount());
		for (int r = 0; r < t.rowCount(); r++) {
			int line = r + 2;
			double[] v = new double[metric.length];
			for (int i = 0; i < metric.length; i++) {
				try {
					v[i] = t.getDouble(r, metric[i]);
				}
				catch (NumberFormatException e) {
					throw new IllegalArgumentException(source + ": line " + line + ": " + METRICS.get(i) + " is not a number: '" + t.getString(r, metric[i]) + "'");
				}
			}
			String mask1 = t.getString(r, m1), mask2 = t.getString(r, m2);
			String[] k1 = derived ? labels(mask1, source, line) : new String[] { t.getString(r, t1), t.getString(r, s1) };
			String[] k2 = derived ? labels(mask2, source, line) : new String[] { t.getString(r, t2), t.getString(r, s2) };
			String imgId = t.getString(r, img);
			if (imgId.isEmpty()) throw new IllegalArgumentException(source + ": line " + line + ": empty img_id");
			out.add(new MetricPair(line, imgId, mask1, mask2, t.getString(r, a1), t.getString(r, a2), k1[0], k1[1], k2[0], k2[1], v));
		}
		return new PairwiseMetrics(source, out);
	}

	private static String[] labels(String mask, String source, int line) {
		String[] tok = mask.split("_");
		if (tok.length < 5) throw new IllegalArgumentException(source + ": line " + line + ": cannot read tool/skill from mask name '" + mask + "'");
		return new String[] { tok[3], tok[4] };
	}

	/** Where the pairs came from (for messages). */
	public String source() {
		return source;
	}

	/** Every pair, consensus pairs included, in file order. */
	public List<MetricPair> pairs() {
		return pairs;
	}

	/** Annotator–annotator pairs only (ST/MV excluded, trap 18). */
	public List<MetricPair> annotatorPairs() {
		return pairs.stream().filter(MetricPair::isAnnotatorPair).toList();
	}

	/**
	 * Mean Dice of each image over its annotator pairs, sorted by {@code img_id}: the
	 * {@code dice_score_mean} column of the published image-level table.
	 */
	public Map<String, Double> imageMeanDice() {
		Map<String, double[]> acc = new TreeMap<>();
		for (MetricPair p : pairs) {
			if (!p.isAnnotatorPair() || Double.isNaN(p.dice())) continue;
			double[] s = acc.computeIfAbsent(p.imgId(), k -> new double[2]);
			s[0] += p.dice();
			s[1]++;
		}
		Map<String, Double> out = new TreeMap<>();
		acc.forEach((k, s) -> out.put(k, s[0] / s[1]));
		return out;
	}
}
