package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.metrics.TableAssertions;
import org.imapp.progress.ProgressMonitor;
import org.imapp.qa.MaskQa;
import org.imapp.runner.AgreementMetrics;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline with its real steps on the shared fixture: the same files as the reference tools and the single-purpose commands. */
class PipelineStepsTest {

	@TempDir
	static Path tmp;

	static Path single;

	static final Pipeline.Settings NO_FIGURES = Pipeline.Settings.of(PipelineSteps.create(new PipelineSteps.Choice(true, true, true, false)));

	@BeforeAll
	static void runOnce() throws IOException {
		single = tmp.resolve("single");
		run(single, NO_FIGURES.withThreads(2));
	}

	static Pipeline.Result run(Path out, Pipeline.Settings s) throws IOException {
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			return Pipeline.run(d, out, s, ProgressMonitor.NONE);
		}
	}

	@Test
	void consensusMasksArePixelIdenticalToItk() throws IOException {
		Path expected = Fixtures.SMALL.resolve("expected/consensus");
		int n = 0;
		try (var files = Files.list(expected)) {
			for (Path e : files.filter(p -> p.toString().endsWith(".png")).toList()) {
				BinaryMask want = MaskIO.read(e), got = MaskIO.read(single.resolve("consensus").resolve(e.getFileName()));
				assertArrayEquals(want.data(), got.data(), e.getFileName().toString());
				n++;
			}
		}
		assertEquals(48, n, "24 images x (ST, MV)");
		// The metadata copies carry one ST and one MV row per image, with the MD5 of the written file.
		Table meta = CsvTables.read(single.resolve("metadata/IMAplusplus_multiannotator_subset_seg_metadata.csv"));
		long st = meta.rows().stream().filter(r -> "ST".equals(r[3])).count();
		assertEquals(24, st);
	}

	@Test
	void pairwiseRowsEqualMedpysAndSummariesMatch() throws IOException {
		Set<String> want = new HashSet<>(Files.readAllLines(Fixtures.SMALL.resolve("expected/IAA_metrics.csv")));
		List<String> got = Files.readAllLines(single.resolve(MetricsStep.FOLDER).resolve(AgreementMetrics.PAIRWISE_FILE));
		assertEquals(want.size(), got.size());
		for (String line : got.subList(1, got.size())) {
			String published = String.join(",", java.util.Arrays.copyOf(line.split(",", -1), 17));
			assertTrue(want.contains(published), published);
		}
		TableAssertions.assertTablesClose(CsvTables.read(Fixtures.SMALL.resolve("expected/image_level_metrics.csv")),
			CsvTables.read(single.resolve(MetricsStep.FOLDER).resolve("IMAplusplus_multiannotator_subset_image_level_metrics.csv")), 1e-12);
		TableAssertions.assertTablesClose(CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics_summary.csv")),
			CsvTables.read(single.resolve(MetricsStep.FOLDER).resolve("IMAplusplus_multiannotator_subset_IAA_metrics_summary.csv")), 1e-12);
	}

	@Test
	void qaTableHasTheStandaloneCommandsRows() throws IOException {
		Table got = CsvTables.read(single.resolve(QaStep.FOLDER).resolve(MaskQa.RESULTS_CSV));
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			Table alone = MaskQa.run(d, MaskQa.Options.DEFAULT, 1, ProgressMonitor.NONE).issues();
			// Same rows; the pipeline goes image by image, the command mask by mask in metadata order.
			assertEquals(new HashSet<>(lines(alone)), new HashSet<>(lines(got)));
			assertTrue(got.rowCount() > 0);
		}
	}

	@Test
	void oneThreadTwoThreadsAndMergedShardsWriteTheSameBytes() throws IOException {
		Path one = tmp.resolve("one");
		run(one, NO_FIGURES.withThreads(1));
		assertSameFiles(single, one);
		List<Path> shards = new ArrayList<>();
		for (int k = 0; k < 2; k++) {
			Path s = tmp.resolve("shard" + k);
			run(s, NO_FIGURES.withThreads(1).withShard(new Shard(k, 2)));
			shards.add(s);
		}
		Path merged = tmp.resolve("merged");
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			MergeResults.merge(shards, merged, d, NO_FIGURES.steps(), ProgressMonitor.NONE);
		}
		assertSameFiles(single, merged);
	}

	private static void assertSameFiles(Path a, Path b) throws IOException {
		Map<String, byte[]> fa = PipelineOrchestrationTest.files(a), fb = PipelineOrchestrationTest.files(b);
		assertEquals(fa.keySet(), fb.keySet());
		assertTrue(fa.keySet().stream().anyMatch(k -> k.endsWith(".png")));
		for (String k : fa.keySet()) assertArrayEquals(fa.get(k), fb.get(k), k);
	}

	private static List<String> lines(Table t) {
		List<String> out = new ArrayList<>();
		for (Object[] r : t.rows()) out.add(java.util.Arrays.toString(r));
		return out;
	}
}
