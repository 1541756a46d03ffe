package org.imapp.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.imapp.Fixtures;
import org.imapp.metrics.TableAssertions;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsSummaryTest {

	static final Path PUBLISHED = Fixtures.REFERENCE;

	@Test
	void publishedImageLevelTableIsReproduced() throws IOException {
		Table pairwise = CsvTables.read(PUBLISHED.resolve(AgreementMetrics.PAIRWISE_FILE));
		assertEquals(15719, pairwise.rowCount());
		Table expected = CsvTables.read(PUBLISHED.resolve(MetricsSummary.IMAGE_LEVEL_FILE));
		Table got = MetricsSummary.imageLevel(pairwise);
		assertEquals(2394, got.rowCount());
		int[] n = TableAssertions.assertTablesClose(expected, got, 1e-12);
		System.out.printf("published image-level: %d of %d numbers written identically%n", n[0], n[1]);
		// the 2,130 single-pair images have six empty std cells each
		long empty = got.rows().stream().flatMap(r -> java.util.Arrays.stream(r)).filter(v -> v instanceof Double d && d.isNaN()).count();
		assertEquals(12780, empty);
	}

	@Test
	void publishedSummaryIsReproduced() throws IOException {
		Table pairwise = CsvTables.read(PUBLISHED.resolve(AgreementMetrics.PAIRWISE_FILE));
		Table expected = CsvTables.read(PUBLISHED.resolve(MetricsSummary.SUMMARY_FILE));
		Table got = MetricsSummary.summary(pairwise);
		assertEquals(MetricsSummary.SUMMARY_ROWS, got.rows().stream().map(r -> r[0]).toList());
		int[] n = TableAssertions.assertTablesClose(expected, got, 1e-12);
		System.out.printf("published summary: %d of %d numbers written identically%n", n[0], n[1]);
		Table counts = MetricsSummary.undefinedCounts(pairwise);
		assertEquals(List.of("dice_score", "3103", "3103", "0"), List.of(counts.getString(0, 0), counts.getString(0, 1), counts.getString(0, 2), counts.getString(0, 3)));
	}

	@Test
	void fixtureImageLevelAndSummaryMatchReference() throws IOException {
		Table pairwise = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		TableAssertions.assertTablesClose(CsvTables.read(Fixtures.SMALL.resolve("expected/image_level_metrics.csv")), MetricsSummary.imageLevel(pairwise), 1e-12);
		TableAssertions.assertTablesClose(CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics_summary.csv")), MetricsSummary.summary(pairwise), 1e-12);
		Table counts = MetricsSummary.undefinedCounts(pairwise);
		// ISIC_0022678's empty A08 mask: two annotator pairs without boundary metrics
		assertEquals(2L, counts.get(2, 3));
		assertEquals("hd_score", counts.getString(2, 0));
		assertEquals(0L, counts.get(5, 3));
	}

	@Test
	void annotatorVsConsensusAggregatesEachAnnotatorMask() throws IOException {
		Table pairwise = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		Table t = MetricsSummary.annotatorVsConsensus(pairwise);
		// per consensus kind: annotator, tool and skill levels; every annotator mask is paired once with each
		long annotatorMasks = 55;
		for (String kind : List.of("ST", "MV")) {
			for (String factor : List.of("annotator", "tool", "skill_level")) {
				long pairs = 0;
				for (int r = 0; r < t.rowCount(); r++) if (t.getString(r, "consensus").equals(kind) && t.getString(r, "factor").equals(factor)) pairs += (Long) t.get(r, "pairs");
				assertEquals(annotatorMasks, pairs, kind + " " + factor);
			}
		}
		// A06 vs ST, computed by hand from the rows of the reference table
		double sum = 0;
		int n = 0;
		for (int r = 0; r < pairwise.rowCount(); r++) {
			boolean a06st = pairwise.getString(r, "annotator1").equals("A06") && pairwise.getString(r, "annotator2").equals("ST");
			if (a06st) {
				sum += pairwise.getDouble(r, "dice_score");
				n++;
			}
		}
		int row = -1;
		for (int r = 0; r < t.rowCount(); r++) if (t.getString(r, "consensus").equals("ST") && t.getString(r, "level").equals("A06")) row = r;
		assertEquals(sum / n, t.getDouble(row, "dice_score_mean"), 1e-15);
		assertEquals((long) n, t.get(row, "pairs"));
	}
}
