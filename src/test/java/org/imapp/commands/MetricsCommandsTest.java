package org.imapp.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

import org.imapp.Fixtures;
import org.imapp.metrics.TableAssertions;
import org.imapp.runner.AgreementMetrics;
import org.imapp.runner.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsCommandsTest extends CommandTestBase {


	private static String text(Path p) throws Exception {
		return Files.readString(p).replace("\r\n", "\n");
	}

	@Test
	void agreementMetricsOnTheFixtureWritesTheReferenceTables(@TempDir Path tmp) throws Exception {
		Map<String, Object> args = new HashMap<>(Map.of("dataset", Fixtures.SMALL.toFile(), "output", tmp.toFile(), "consensus",
			Fixtures.SMALL.resolve("expected/consensus").toFile(), "threads", 2));
		CommandModule m = run(AgreementMetricsCommand.class, args);
		assertNull(m.getCancelReason());
		// Derived tables: same rows and empty cells, numbers within 1e-12. (Not always the same last bit: pandas'
		// sums depend on row order, and the reference aggregated its table in combination order, not sorted.)
		TableAssertions.assertTablesClose(CsvTables.read(Fixtures.SMALL.resolve("expected/image_level_metrics.csv")),
			CsvTables.read(tmp.resolve(MetricsSummary.IMAGE_LEVEL_FILE)), 1e-12);
		TableAssertions.assertTablesClose(CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics_summary.csv")),
			CsvTables.read(tmp.resolve(MetricsSummary.SUMMARY_FILE)), 1e-12);
		Table pairs = CsvTables.read(tmp.resolve(AgreementMetrics.PAIRWISE_FILE));
		assertEquals(174, pairs.rowCount());
		assertEquals("note", pairs.columns().get(17));
		// Every row's 17 published cells are written exactly as in the reference (compared as sets of lines: the order differs, see AgreementMetricsTest).
		java.util.Set<String> want = new java.util.HashSet<>(Files.readAllLines(Fixtures.SMALL.resolve("expected/IAA_metrics.csv")));
		for (String line : Files.readAllLines(tmp.resolve(AgreementMetrics.PAIRWISE_FILE)).subList(1, 175)) {
			String published = String.join(",", java.util.Arrays.copyOf(line.split(",", -1), 17));
			assertTrue(want.contains(published), published);
		}
		Table vs = CsvTables.read(tmp.resolve(MetricsSummary.VS_CONSENSUS_FILE));
		assertTrue(vs.rowCount() > 0);
	}

	@Test
	void summarizeReproducesThePublishedFiles(@TempDir Path tmp) throws Exception {
		CommandModule m = run(SummarizeMetricsCommand.class,
			Map.of("pairwise", Fixtures.REFERENCE.resolve(AgreementMetrics.PAIRWISE_FILE).toFile(), "output", tmp.toFile()));
		assertNull(m.getCancelReason());
		assertEquals(text(Fixtures.REFERENCE.resolve(MetricsSummary.IMAGE_LEVEL_FILE)), text(tmp.resolve(MetricsSummary.IMAGE_LEVEL_FILE)));
		assertEquals(text(Fixtures.REFERENCE.resolve(MetricsSummary.SUMMARY_FILE)), text(tmp.resolve(MetricsSummary.SUMMARY_FILE)));
		Table counts = CsvTables.read(tmp.resolve(MetricsSummary.UNDEFINED_FILE));
		assertEquals("hd_score", counts.getString(2, "metric"));
		assertEquals("0", counts.getString(2, "undefined")); // ISIC_0013567's annotator pair is complete; its empty-ST pairs are not annotator pairs
		// The published table has ST/MV pairs: 5,111 annotator masks against each consensus
		Table vs = CsvTables.read(tmp.resolve(MetricsSummary.VS_CONSENSUS_FILE));
		long st = 0;
		for (int r = 0; r < vs.rowCount(); r++) if (vs.getString(r, "consensus").equals("ST") && vs.getString(r, "factor").equals("annotator")) st += Long.parseLong(vs.getString(r, "pairs"));
		assertEquals(5111, st);
	}

	@Test
	void badInputGivesOneMessageAndNoOutputAndConsensusIsMadeWhenAbsent(@TempDir Path tmp) throws Exception {
		Path bad = tmp.resolve("bad.csv");
		Files.writeString(bad, "img_id,mask1,mask2\nx,y,z\n");
		CommandModule m = run(SummarizeMetricsCommand.class, Map.of("pairwise", bad.toFile(), "output", tmp.resolve("out").toFile()));
		assertTrue(m.getCancelReason().contains("missing column 'annotator1'"), m.getCancelReason());
		assertTrue(!Files.exists(tmp.resolve("out")));

		// Without ST/MV rows or a consensus folder, the consensus masks are made on the fly: ITK-identical, so medpy's rows again.
		m = run(AgreementMetricsCommand.class, Map.of("dataset", Fixtures.SMALL.toFile(), "output", tmp.resolve("out2").toFile()));
		assertNull(m.getCancelReason());
		java.util.Set<String> want = new java.util.HashSet<>(Files.readAllLines(Fixtures.SMALL.resolve("expected/IAA_metrics.csv")));
		List<String> got = Files.readAllLines(tmp.resolve("out2").resolve(AgreementMetrics.PAIRWISE_FILE));
		assertEquals(want.size(), got.size());
		for (String line : got.subList(1, got.size())) assertTrue(want.contains(String.join(",", java.util.Arrays.copyOf(line.split(",", -1), 17))), line);

		m = run(AgreementMetricsCommand.class, Map.of("dataset", Fixtures.SMALL.toFile(), "output", tmp.resolve("out3").toFile(), "consensus", tmp.toFile()));
		assertTrue(m.getCancelReason().contains("_ST_ST_ST_ST.png") && m.getCancelReason().contains("file not found"), m.getCancelReason());
		assertTrue(!Files.exists(tmp.resolve("out3")));
	}
}
