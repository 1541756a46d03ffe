package org.imapp.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.imapp.Fixtures;
import org.imapp.consensus.ConsensusMasks;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.metrics.AgreementMetrics;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.MetricsSummary;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's real steps write what the stand-alone commands write: the same consensus masks,
 * metadata copies and STAPLE tables as {@link ConsensusMasks#run}, and the same pairwise and
 * summary tables as {@link AgreementMetrics} on those masks — byte for byte, on the fixture.
 */
class PipelineStepsTest {

	@Test
	void pipelineWritesTheConsensusAndMetricsFilesOfTheCommands(@TempDir Path tmp) throws Exception {
		Path pipe = tmp.resolve("pipeline"), cons = tmp.resolve("consensus command"), metr = tmp.resolve("metrics command");
		try (Dataset ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			Pipeline.Result r = Pipeline.run(ds, pipe, Pipeline.Settings.of(PipelineSteps.create(PipelineSteps.Choice.ALL)).withThreads(2), ProgressMonitor.NONE);
			assertEquals(24, r.images());
			ConsensusMasks.Result c = ConsensusMasks.run(ds, cons, ConsensusMasks.Settings.defaults(), ProgressMonitor.NONE);
			assertEquals(24, c.done());
			var rows = AgreementMetrics.compute(ds, AgreementMetrics.ConsensusSource.folder(cons.resolve("consensus")), MetricOptions.DEFAULT, 2,
				ProgressMonitor.NONE);
			Files.createDirectories(metr);
			var pairs = AgreementMetrics.table(rows, MetricOptions.DEFAULT);
			CsvTables.write(pairs, metr.resolve(AgreementMetrics.PAIRWISE_FILE));
			MetricsSummary.write(pairs, metr);
		}
		int masks = 0;
		try (Stream<Path> s = Files.list(cons.resolve("consensus"))) {
			for (Path p : (Iterable<Path>) s::iterator) {
				assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(pipe.resolve("consensus").resolve(p.getFileName())), p.getFileName().toString());
				masks++;
			}
		}
		assertEquals(48, masks);
		for (String f : List.of("metadata/IMAplusplus_seg_metadata.csv", "metadata/IMAplusplus_multiannotator_subset_seg_metadata.csv",
			ConsensusMasks.PERFORMANCE_CSV, ConsensusMasks.SUMMARY_CSV, ConsensusMasks.SKIPPED_CSV)) {
			assertEquals(Files.readString(cons.resolve(f)), Files.readString(pipe.resolve(f)), f);
		}
		for (String f : List.of(AgreementMetrics.PAIRWISE_FILE, MetricsSummary.IMAGE_LEVEL_FILE, MetricsSummary.SUMMARY_FILE, MetricsSummary.UNDEFINED_FILE,
			MetricsSummary.VS_CONSENSUS_FILE)) {
			assertEquals(Files.readString(metr.resolve(f)), Files.readString(pipe.resolve(f)), f);
		}
		// 48 consensus rows appended; as many pairs as the medpy reference.
		assertEquals(CsvTables.read(Fixtures.SMALL.resolve("metadata/IMAplusplus_seg_metadata.csv")).rowCount() + 48,
			CsvTables.read(pipe.resolve("metadata/IMAplusplus_seg_metadata.csv")).rowCount());
		assertEquals(CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv")).rowCount(), CsvTables.read(pipe.resolve(AgreementMetrics.PAIRWISE_FILE)).rowCount());
		assertTrue(Files.isRegularFile(pipe.resolve(Pipeline.PROBLEMS_CSV)));
	}
}
