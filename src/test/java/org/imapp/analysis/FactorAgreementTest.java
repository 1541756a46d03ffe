package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class FactorAgreementTest {

	private static String cell(String a, String b) {
		return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
	}

	/** Mean metric per unordered level pair, computed straight from the raw CSV. */
	private static Map<String, double[]> independentMeans(String column, String metric) {
		Table raw = PublishedTables.pairTable();
		Map<String, double[]> acc = new HashMap<>();
		for (int i = 0; i < raw.rowCount(); i++) {
			double v = raw.getDouble(i, metric);
			if (Double.isNaN(v)) continue;
			double[] s = acc.computeIfAbsent(cell(raw.getString(i, column + "1"), raw.getString(i, column + "2")), k -> new double[2]);
			s[0] += v;
			s[1]++;
		}
		return acc;
	}

	private static void assertMatchesIndependent(FactorAgreement.Result r, String column) {
		for (String metric : r.metrics()) {
			Map<String, double[]> exp = independentMeans(column, metric);
			for (int i = 0; i < r.levels().size(); i++) {
				for (int j = 0; j <= i; j++) {
					String a = r.levels().get(i), b = r.levels().get(j);
					double got = r.mean(metric, a, b);
					double[] s = exp.get(cell(a, b));
					if (i == j && PublishedTables.consensus(a) || s == null) assertTrue(Double.isNaN(got), a + "-" + b);
					else assertEquals(s[0] / s[1], got, 1e-12, metric + " " + a + "-" + b);
				}
			}
		}
	}

	private static double round2(double v) {
		return Math.round(v * 100) / 100.0;
	}

	@Test
	void toolMatrixReadsAsThePublishedFigure() {
		FactorAgreement.Result r = FactorAgreement.compute(PublishedTables.pairs().pairs(), Factor.TOOL, FactorAgreement.PUBLISHED_METRICS);
		assertEquals(List.of("T1", "T2", "T3", "MV", "ST"), r.levels());
		String[][] cells = { { "T1", "T1" }, { "T2", "T1" }, { "T2", "T2" }, { "T3", "T1" }, { "T3", "T2" }, { "T3", "T3" }, { "MV", "T1" },
			{ "MV", "T2" }, { "MV", "T3" }, { "ST", "T1" }, { "ST", "T2" }, { "ST", "T3" }, { "ST", "MV" } };
		double[] published = { 0.84, 0.66, 0.92, 0.80, 0.74, 0.87, 0.92, 0.85, 0.90, 0.88, 0.88, 0.90, 0.86 };
		for (int k = 0; k < cells.length; k++) assertEquals(published[k], round2(r.mean("dice_score", cells[k][0], cells[k][1])), 1e-9, cells[k][0] + "-" + cells[k][1]);
		assertTrue(Double.isNaN(r.mean("dice_score", "MV", "MV")));
		assertTrue(Double.isNaN(r.mean("dice_score", "ST", "ST")));
		// Published HD95-norm rows (spec 5.4), 3 decimals.
		assertEquals(0.072, r.mean("hd95_score_normalized", "T1", "T1"), 5e-4);
		assertEquals(0.126, r.mean("hd95_score_normalized", "T2", "T1"), 5e-4);
		assertEquals(0.044, r.mean("hd95_score_normalized", "ST", "MV"), 5e-4);
		// Pair counts behind the cells (spec 5.4).
		assertEquals(438, r.pairs()[0][0][0]);
		assertEquals(586, r.pairs()[0][1][0]);
		assertEquals(2394, r.pairs()[0][4][3]);
		assertEquals(0.0, r.min());
		assertEquals(1.0, r.max());
		assertMatchesIndependent(r, "tool");
		Table t = r.table();
		assertEquals(2 * 15, t.rowCount());
		assertEquals("T2", t.getString(1, "row_level"));
		assertEquals(r.mean("dice_score", "T2", "T1"), t.getDouble(1, "mean"));
	}

	@Test
	void skillMatrixMatchesSpec() {
		FactorAgreement.Result r = FactorAgreement.compute(PublishedTables.pairs().pairs(), Factor.SKILL, FactorAgreement.PUBLISHED_METRICS);
		assertEquals(List.of("S1", "S2", "MV", "ST"), r.levels());
		String[][] cells = { { "S1", "S1" }, { "S2", "S1" }, { "S2", "S2" }, { "MV", "S1" }, { "MV", "S2" }, { "ST", "S1" }, { "ST", "S2" }, { "ST", "MV" } };
		double[] dice = { 0.773, 0.786, 0.842, 0.902, 0.881, 0.884, 0.903, 0.861 };
		for (int k = 0; k < cells.length; k++) assertEquals(dice[k], r.mean("dice_score", cells[k][0], cells[k][1]), 5e-4, cells[k][0] + "-" + cells[k][1]);
		double[] hd95 = { 0.079, 0.078, 0.098, 0.038, 0.048, 0.041, 0.038, 0.044 };
		for (int k = 0; k < cells.length; k++) assertEquals(hd95[k], r.mean("hd95_score_normalized", cells[k][0], cells[k][1]), 5e-4, cells[k][0] + "-" + cells[k][1]);
		assertEquals(1178, r.pairs()[0][0][0]);
		assertEquals(1903, r.pairs()[0][1][0]);
		assertEquals(22, r.pairs()[0][1][1]);
		assertMatchesIndependent(r, "skill_level");
	}

	@Test
	void annotatorMatrixHasTheLevelsPresent() {
		FactorAgreement.Result r = FactorAgreement.compute(PublishedTables.pairs().pairs(), Factor.ANNOTATOR, FactorAgreement.PUBLISHED_METRICS);
		assertEquals(17, r.levels().size());
		assertTrue(!r.levels().contains("A13"));
		assertEquals(List.of("A14", "A15", "MV", "ST"), r.levels().subList(13, 17));
		assertEquals(0.924, r.mean("dice_score", "A00", "A00"), 5e-4);
		assertEquals(0.741, r.mean("dice_score", "A03", "A00"), 5e-4);
		assertEquals(0.470, r.mean("dice_score", "A08", "A00"), 5e-4);
		assertEquals(0.841, r.mean("dice_score", "A06", "A04"), 5e-4);
		assertMatchesIndependent(r, "annotator");
	}
}
