package org.imapp.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.io.AtomicFiles;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.synth.SyntheticDataset;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestration alone — pool, ordering, checkpoints, resume, shards, merge — with a probe step
 * that records per-mask counts and a per-image union mask file. The same properties with the
 * real QA, consensus and metrics steps are tested in {@code PipelineTest}.
 */
class PipelineOrchestrationTest {

	@TempDir
	static Path tmp;
	static Path dataset;

	@BeforeAll
	static void generate() throws IOException {
		dataset = tmp.resolve("ds");
		SyntheticDataset.generate(dataset, SyntheticDataset.Options.synthetic(14, 0.03, 3).withImages(false).withSingleMaskImages(2), ProgressMonitor.NONE);
	}

	/** Counts foreground per mask (a Double column too, for exact round trips) and writes each image's union mask. */
	static final class ProbeStep implements ImageStep, ConsensusProducer {
		/** The images this step ran on (to see which ones a resumed run recomputes). */
		final Set<String> ran = ConcurrentHashMap.newKeySet();

		@Override
		public String stage() {
			return "probe";
		}

		@Override
		public Map<String, String> settings() {
			return Map.of("kind", "probe");
		}

		@Override
		public void run(ImageWork w) throws IOException {
			ran.add(w.group().isicId());
			Table t = w.part("counts", List.of("img_id", "mask", "foreground", "share"));
			BinaryMask union = null;
			for (ImageWork.Mask m : w.readable()) {
				t.addRow(w.group().imgFilename(), m.record().segFilename(), m.mask().count(), m.mask().count() / (double) m.mask().size() / 3);
				if (union == null) union = m.mask().copy();
				else for (int i = 0; i < union.data().length; i++) union.data()[i] |= m.mask().data()[i];
			}
			if (union == null) return;
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			MaskIO.writePng(union, png);
			AtomicFiles.write(w.output().resolve("union").resolve(w.group().isicId() + ".png"), png.toByteArray());
		}

		@Override
		public void writeTables(Map<String, Table> parts, Dataset d, Path output) throws IOException {
			CsvTables.write(parts.getOrDefault("counts", new Table("img_id", "mask", "foreground", "share")), output.resolve("counts.csv"));
		}

		@Override
		public List<String> imageOutputFolders() {
			return List.of("union");
		}
	}

	static Pipeline.Settings settings(int threads) {
		return Pipeline.Settings.of(List.of(new ProbeStep())).withThreads(threads);
	}

	static Pipeline.Result run(Path out, Pipeline.Settings s, ProgressMonitor m) throws IOException {
		try (Dataset d = Dataset.load(DatasetPaths.of(dataset))) {
			return Pipeline.run(d, out, s, m);
		}
	}

	@Test
	void oneAndThreeThreadsWriteTheSameBytes() throws Exception {
		Pipeline.Result one = run(tmp.resolve("t1"), settings(1), ProgressMonitor.NONE);
		Pipeline.Result three = run(tmp.resolve("t3"), settings(3), ProgressMonitor.NONE);
		assertEquals(16, one.images());
		assertEquals(16, three.computed());
		Map<String, byte[]> a = files(tmp.resolve("t1")), b = files(tmp.resolve("t3"));
		assertEquals(a.keySet(), b.keySet());
		for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), k);
		// Every mask is in the table, in metadata order.
		Table counts = CsvTables.read(tmp.resolve("t1/counts.csv"));
		try (Dataset d = Dataset.load(DatasetPaths.of(dataset))) {
			assertEquals(d.records().stream().map(SegRecord::segFilename).toList(), column(counts, 1));
		}
	}

	@Test
	void cancelledRunResumesToTheSameTablesWithoutRecomputingFinishedImages() throws Exception {
		Path ref = tmp.resolve("uninterrupted");
		run(ref, settings(2), ProgressMonitor.NONE);
		Path out = tmp.resolve("resumed");
		int k = 5;
		ProgressMonitor cancelAfterK = cancelAfterCheckpoints(out, k);
		assertThrows(CanceledException.class, () -> run(out, settings(1), cancelAfterK));
		int finished = new Checkpoints(out).imageFiles().size();
		assertEquals(k, finished, "one thread stops right after the k-th image");
		assertTrue(!Files.exists(out.resolve("counts.csv")), "no final table from a cancelled run");
		assertEquals(List.of(), partFiles(out), "no half-written file");
		Pipeline.Result resumed = run(out, settings(2), ProgressMonitor.NONE);
		assertEquals(k, resumed.resumed());
		assertEquals(16 - k, resumed.computed());
		Map<String, byte[]> a = files(ref), b = files(out);
		assertEquals(a.keySet(), b.keySet());
		for (String key : a.keySet()) assertArrayEquals(a.get(key), b.get(key), key);
	}

	/**
	 * With several workers, how many images finish after a cancel depends on the scheduler; what
	 * must hold does not: no final table, every checkpointed image has its outputs, the resumed run
	 * computes exactly the images without a checkpoint, and the bytes equal an uninterrupted run.
	 */
	@Test
	void cancelledMultiThreadRunLeavesOnlyCompleteImagesAndResumeComputesExactlyTheRest() throws Exception {
		Path ref = tmp.resolve("uninterrupted-2");
		run(ref, settings(1), ProgressMonitor.NONE);
		Path out = tmp.resolve("resumed-2");
		assertThrows(CanceledException.class, () -> run(out, settings(2), cancelAfterCheckpoints(out, 6)));
		assertTrue(!Files.exists(out.resolve("counts.csv")), "no final table from a cancelled run");
		assertEquals(List.of(), partFiles(out), "no half-written file");
		Set<String> checkpointed = new java.util.TreeSet<>();
		for (Path f : new Checkpoints(out).imageFiles()) {
			ImageResult r = Checkpoints.read(f);
			checkpointed.add(r.isicId());
			assertTrue(Files.isRegularFile(out.resolve("union").resolve(r.isicId() + ".png")), r.isicId() + " checkpointed without its mask");
		}
		assertTrue(checkpointed.size() >= 6 && checkpointed.size() < 16, checkpointed.toString());
		ProbeStep probe = new ProbeStep();
		Pipeline.Result resumed = run(out, Pipeline.Settings.of(List.of(probe)).withThreads(2), ProgressMonitor.NONE);
		Set<String> all = new java.util.TreeSet<>();
		try (Dataset d = Dataset.load(DatasetPaths.of(dataset))) {
			for (var g : Pipeline.images(d)) all.add(g.isicId());
		}
		Set<String> rest = new java.util.TreeSet<>(all);
		rest.removeAll(checkpointed);
		assertEquals(rest, new java.util.TreeSet<>(probe.ran), "the resumed run computes exactly the images without a checkpoint");
		assertEquals(checkpointed.size(), resumed.resumed());
		Map<String, byte[]> a = files(ref), b = files(out);
		assertEquals(a.keySet(), b.keySet());
		for (String key : a.keySet()) assertArrayEquals(a.get(key), b.get(key), key);
	}

	@Test
	void resumeRefusesAnotherRunsResultsAndResumeFalseStartsOver() throws Exception {
		Path out = tmp.resolve("other");
		run(out, settings(2), ProgressMonitor.NONE);
		Pipeline.Settings shard = settings(2).withShard(new Shard(1, 2));
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(out, shard, ProgressMonitor.NONE));
		assertTrue(e.getMessage().contains("shard"), e.getMessage());
		Pipeline.Result fresh = run(out, settings(2).withResume(false), ProgressMonitor.NONE);
		assertEquals(16, fresh.computed());
	}

	@Test
	void shardsPartitionTheImagesAndMergeToTheSingleRunBytes() throws Exception {
		Path single = tmp.resolve("single");
		run(single, settings(2), ProgressMonitor.NONE);
		List<Path> shards = new ArrayList<>();
		int total = 0;
		for (int k = 0; k < 3; k++) {
			Path s = tmp.resolve("shard" + k);
			Pipeline.Result r = run(s, settings(1).withShard(new Shard(k, 3)), ProgressMonitor.NONE);
			assertEquals(List.of(), r.tables(), "a shard of several writes no final tables");
			total += r.images();
			shards.add(s);
		}
		assertEquals(16, total);
		Path merged = tmp.resolve("merged");
		try (Dataset d = Dataset.load(DatasetPaths.of(dataset))) {
			MergeResults.Result m = MergeResults.merge(List.of(shards.get(2), shards.get(0), shards.get(1)), merged, d, List.of(new ProbeStep()), ProgressMonitor.NONE);
			assertEquals(3, m.shards());
			Map<String, byte[]> a = files(single), b = files(merged);
			assertEquals(a.keySet(), b.keySet());
			for (String key : a.keySet()) assertArrayEquals(a.get(key), b.get(key), key);

			IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
				() -> MergeResults.merge(List.of(shards.get(0), shards.get(2)), tmp.resolve("m2"), d, List.of(new ProbeStep()), ProgressMonitor.NONE));
			assertTrue(missing.getMessage().contains("Missing shard(s) [1] of 3"), missing.getMessage());
			IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
				() -> MergeResults.merge(List.of(shards.get(0), shards.get(0), shards.get(1)), tmp.resolve("m3"), d, List.of(new ProbeStep()), ProgressMonitor.NONE));
			assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
		}
	}

	private static List<String> column(Table t, int c) {
		List<String> out = new ArrayList<>();
		for (int r = 0; r < t.rowCount(); r++) out.add(t.getString(r, c));
		return out;
	}

	private static List<Path> partFiles(Path root) throws IOException {
		try (Stream<Path> s = Files.walk(root)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".part") || p.getFileName().toString().endsWith(".merge")).toList();
		}
	}

	static Map<String, byte[]> files(Path root) throws IOException {
		Map<String, byte[]> out = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
		}
		return out;
	}

	/**
	 * A monitor that cancels once {@code k} images of the run into {@code output} are checkpointed,
	 * as a user or a killed job would stop a run. It decides from the checkpoint files on disk, not
	 * from progress reports (which the calling thread sends only every 100 ms and which lag behind
	 * the workers on a busy machine): with one worker thread, image k+1 checks for a cancel only
	 * after image k's checkpoint is written, so exactly k images finish whatever the load.
	 */
	static ProgressMonitor cancelAfterCheckpoints(Path output, int k) {
		Checkpoints c = new Checkpoints(output);
		return new ProgressMonitor() {
			private volatile boolean canceled;

			@Override
			public void progress(long done, long total, String message) {}

			@Override
			public boolean isCanceled() {
				if (!canceled) {
					try {
						canceled = c.imageFiles().size() >= k;
					}
					catch (IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
				}
				return canceled;
			}
		};
	}
}
