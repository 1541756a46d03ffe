package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.mask.MaskIO;
import org.imapp.metrics.MetricOptions;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.qa.MaskQa;
import org.imapp.runner.AgreementMetrics;
import org.imapp.runner.ConsensusMasks;
import org.imapp.runner.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline with its real steps (QA, consensus, metrics) on the shared fixture: each output
 * equals what the stand-alone capability writes (QA, Consensus Masks, Agreement Metrics reading
 * the consensus masks back from disk), the consensus masks equal ITK's, 1 and 2 threads write the
 * same bytes, and a cancelled run resumed writes the same bytes as an uninterrupted one.
 */
class PipelineTest {

	@TempDir
	static Path tmp;
	static Path one, two;

	static final PipelineSteps.Choice NO_FIGURES = new PipelineSteps.Choice(true, true, true, false);

	static Pipeline.Settings settings(int threads) {
		return Pipeline.Settings.of(PipelineSteps.create(NO_FIGURES)).withThreads(threads).withResume(false);
	}

	static Pipeline.Result run(Path out, Pipeline.Settings s, ProgressMonitor m) throws IOException {
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			return Pipeline.run(d, out, s, m);
		}
	}

	@BeforeAll
	static void runBoth() throws IOException {
		one = tmp.resolve("t1");
		two = tmp.resolve("t2");
		run(one, settings(1), ProgressMonitor.NONE);
		run(two, settings(2), ProgressMonitor.NONE);
	}

	@Test
	void oneAndTwoThreadsWriteTheSameBytes() throws IOException {
		Map<String, byte[]> a = PipelineOrchestrationTest.files(one), b = PipelineOrchestrationTest.files(two);
		assertEquals(a.keySet(), b.keySet());
		assertTrue(a.containsKey("metrics/" + AgreementMetrics.PAIRWISE_FILE), a.keySet().toString());
		for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), k);
	}

	@Test
	void consensusMasksAndTablesEqualTheConsensusCommandsAndItk() throws IOException {
		Path cmd = tmp.resolve("consensus-command");
		ConsensusMasks.Result r;
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			r = ConsensusMasks.run(d, cmd, ConsensusMasks.Settings.defaults(), ProgressMonitor.NONE);
		}
		assertTrue(r.done() > 0);
		Map<String, byte[]> masks = PipelineOrchestrationTest.files(cmd.resolve(ConsensusMasks.CONSENSUS_FOLDER));
		Map<String, byte[]> ours = PipelineOrchestrationTest.files(two.resolve(ConsensusMasks.CONSENSUS_FOLDER));
		for (var e : masks.entrySet()) {
			assertArrayEquals(e.getValue(), ours.get(e.getKey()), e.getKey());
			Path itk = Fixtures.SMALL.resolve("expected/consensus").resolve(e.getKey());
			if (Files.exists(itk)) assertEquals(MaskIO.read(itk), MaskIO.read(two.resolve("consensus").resolve(e.getKey())), e.getKey());
		}
		for (String f : new String[] { ConsensusMasks.PERFORMANCE_CSV, ConsensusMasks.SUMMARY_CSV, ConsensusMasks.SKIPPED_CSV }) {
			assertArrayEquals(Files.readAllBytes(cmd.resolve(f)), Files.readAllBytes(two.resolve("consensus").resolve(f)), f);
		}
		for (String f : new String[] { DatasetPaths.SEG_METADATA, DatasetPaths.SUBSET_METADATA }) {
			assertArrayEquals(Files.readAllBytes(cmd.resolve("metadata").resolve(f)), Files.readAllBytes(two.resolve("metadata").resolve(f)), f);
		}
	}

	@Test
	void metricsFromInMemoryConsensusEqualTheMetricsCommandReadingMasksBack() throws IOException {
		Table expected;
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			var rows = AgreementMetrics.compute(d, AgreementMetrics.ConsensusSource.folder(two.resolve("consensus")), MetricOptions.DEFAULT, 2,
				ProgressMonitor.NONE);
			expected = AgreementMetrics.table(rows, MetricOptions.DEFAULT);
		}
		Path ref = tmp.resolve("metrics-ref");
		CsvTables.write(expected, ref.resolve(AgreementMetrics.PAIRWISE_FILE));
		MetricsSummary.writeAll(expected, ref);
		Path got = two.resolve(MetricsStep.FOLDER);
		Map<String, byte[]> a = PipelineOrchestrationTest.files(ref), b = PipelineOrchestrationTest.files(got);
		assertEquals(a.keySet(), b.keySet());
		for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), k);
		// Every annotator pair of the published-style reference is there (plus ST/MV pairs).
		assertTrue(expected.rowCount() >= CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv")).rowCount());
	}

	@Test
	void qaEqualsMaskQa() throws IOException {
		Table expected;
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			expected = MaskQa.run(d, MaskQa.Options.DEFAULT, 2, ProgressMonitor.NONE).issues();
		}
		Path ref = tmp.resolve("qa-ref.csv");
		CsvTables.write(expected, ref);
		assertTrue(expected.rowCount() > 0);
		assertArrayEquals(Files.readAllBytes(ref), Files.readAllBytes(two.resolve(QaStep.FOLDER).resolve(MaskQa.RESULTS_CSV)));
	}

	@Test
	void killedRunResumedWritesTheSameBytes() throws IOException {
		Path out = tmp.resolve("resumed");
		int k = 4;
		ProgressMonitor cancelAfterK = PipelineOrchestrationTest.cancelAfterCheckpoints(out, k);
		assertThrows(CanceledException.class, () -> run(out, settings(1), cancelAfterK));
		// One worker checks for the cancel before each image, so it stops right after the k-th.
		assertEquals(k, new Checkpoints(out).imageFiles().size(), "images finished");
		assertTrue(!Files.exists(out.resolve(MetricsStep.FOLDER).resolve(AgreementMetrics.PAIRWISE_FILE)), "no final table from a cancelled run");
		Pipeline.Result resumed = run(out, settings(2).withResume(true), ProgressMonitor.NONE);
		assertEquals(k, resumed.resumed());
		assertEquals(resumed.images() - k, resumed.computed());
		Map<String, byte[]> a = PipelineOrchestrationTest.files(one), b = PipelineOrchestrationTest.files(out);
		assertEquals(a.keySet(), b.keySet());
		for (String key : a.keySet()) assertArrayEquals(a.get(key), b.get(key), key);
	}

	/**
	 * One policy: a damaged mask in a dataset run is a reported problem and the rest finishes, in
	 * every step including the figures; strict=true fails the run instead, publishing nothing.
	 */
	@Test
	void damagedMasksAreReportedProblemsWithFiguresOnAndStrictFailsTheRun() throws IOException {
		Path ds = tmp.resolve("damaged");
		try (var s = Files.walk(Fixtures.SMALL)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				Path q = ds.resolve(Fixtures.SMALL.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(q);
				else if (!p.startsWith(Fixtures.SMALL.resolve("expected"))) Files.copy(p, q);
			}
		}
		List<String> damaged = new java.util.ArrayList<>();
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			for (var g : Pipeline.images(d)) {
				if (g.annotatorMasks().size() < 3) continue;
				String f = g.annotatorMasks().get(0).segFilename();
				Path mask = ds.resolve("segs").resolve(f);
				byte[] b = Files.readAllBytes(mask);
				Files.write(mask, java.util.Arrays.copyOf(b, b.length / 2)); // truncated
				damaged.add(f);
			}
		}
		assertTrue(!damaged.isEmpty());
		Pipeline.Settings all = Pipeline.Settings.of(PipelineSteps.create(PipelineSteps.Choice.ALL)).withThreads(2).withResume(false);
		Path strictOut = tmp.resolve("damaged-strict");
		IllegalStateException e;
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			e = assertThrows(IllegalStateException.class, () -> Pipeline.run(d, strictOut, all.withStrict(true), ProgressMonitor.NONE));
		}
		assertTrue(e.getMessage().startsWith("strict: ") && e.getMessage().contains("nothing published"), e.getMessage());
		try (var top = Files.list(strictOut)) {
			assertEquals(List.of(Checkpoints.FOLDER), top.map(p -> p.getFileName().toString()).toList(), "only the checkpoint is left");
		}

		Path out = tmp.resolve("damaged-out");
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			Pipeline.run(d, out, all, ProgressMonitor.NONE);
		}
		String problems = Files.readString(out.resolve(Pipeline.PROBLEMS_CSV));
		for (String f : damaged) assertTrue(problems.contains(f), f + " not reported: " + problems);
		Table index = CsvTables.read(out.resolve(FiguresStep.FOLDER).resolve(org.imapp.figures.FigureSet.INDEX_CSV));
		int made = 0;
		for (int r = 0; r < index.rowCount(); r++) {
			if (index.getString(r, 1).equals("made")) made++;
			if (index.getString(r, 0).equals("IMA++ Figure Hard Cases")) assertEquals("made", index.getString(r, 1));
		}
		assertTrue(made >= 5, "figures made despite the damaged masks: " + CsvTables.format(index));
	}

	@Test
	void stepsAreTheChosenOnes() {
		List<ImageStep> all = PipelineSteps.create(PipelineSteps.Choice.ALL);
		assertEquals(List.of("qa", "consensus", "metrics", "figures"), all.stream().map(ImageStep::stage).toList());
		assertEquals(List.of("metrics"), PipelineSteps.create(new PipelineSteps.Choice(false, false, true, false)).stream().map(ImageStep::stage).toList());
	}
}
