package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.MaskStore;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.mask.MaskReadException;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.imapp.progress.TaskFailure;
import org.imapp.io.Md5;

/**
 * The whole analysis — QA, consensus, pairwise metrics, tables — in one streaming pass per
 * image: a bounded pool works on images in parallel; each task reads and decodes the image's
 * masks once, runs every {@link ImageStep} on them (consensus masks made in the task are paired by
 * the metrics straight from memory), writes the image's outputs and then its checkpoint, and
 * drops the masks. A {@link MemoryBudget} keeps the decoded images in flight under a share of the
 * heap whatever the thread count.
 * <p>
 * The final tables are assembled from the checkpoints in dataset order, so they are the same
 * bytes for 1 or N threads, for an uninterrupted run or a cancelled-and-resumed one, and for a
 * single run or merged shards ({@link MergeResults}).
 */
public final class Pipeline {

	/** Format of the checkpoint manifest; bump when checkpoints change meaning. */
	static final String FORMAT = "imapp-pipeline-1";
	public static final String PROBLEMS_CSV = "pipeline_problems.csv";

	/**
	 * How to run.
	 * @param threads worker threads (0: one per core)
	 * @param shard the part of the dataset to do
	 * @param resume keep finished images of an earlier run with the same dataset and settings
	 * @param steps what to do with each image, in order (e.g. QA, consensus, metrics)
	 * @param memoryShare share of the maximum heap that decoded images in flight may take
	 */
	public record Settings(int threads, Shard shard, boolean resume, List<ImageStep> steps, double memoryShare) {
		public Settings {
			if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
			Objects.requireNonNull(shard);
			steps = List.copyOf(steps);
			if (!(memoryShare > 0 && memoryShare <= 1)) throw new IllegalArgumentException("memoryShare must be in (0, 1]");
		}

		public static Settings of(List<ImageStep> steps) {
			return new Settings(0, Shard.ALL, true, steps, 0.6);
		}

		public Settings withThreads(int t) {
			return new Settings(t, shard, resume, steps, memoryShare);
		}

		public Settings withShard(Shard s) {
			return new Settings(threads, s, resume, steps, memoryShare);
		}

		public Settings withResume(boolean r) {
			return new Settings(threads, shard, r, steps, memoryShare);
		}

		int poolSize() {
			return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
		}
	}

	/**
	 * What a run did.
	 * @param images images of this run (of its shard)
	 * @param computed images computed now
	 * @param resumed images taken from checkpoints of an earlier run
	 * @param tables files written at the end (none for one shard of several: merge them)
	 */
	public record Result(Path output, int images, int computed, int resumed, List<Path> tables, StageTimes times, double seconds) {}

	private Pipeline() {}

	/**
	 * Runs the pipeline on {@code dataset}, writing everything under {@code output}.
	 * @throws CanceledException when the monitor cancels; finished images keep their checkpoints
	 * @throws IllegalStateException when {@code output} holds results of another dataset or other
	 *         settings and resume is on
	 */
	public static Result run(Dataset dataset, Path output, Settings settings, ProgressMonitor monitor) throws IOException {
		long t0 = System.nanoTime();
		Files.createDirectories(output);
		List<ImageGroup> all = images(dataset);
		Checkpoints checkpoints = new Checkpoints(output);
		Map<String, Object> manifest = manifest(dataset, settings.steps(), settings.shard(), all.size());
		prepare(checkpoints, manifest, settings.resume());

		List<Integer> todo = new ArrayList<>();
		int resumed = 0;
		int inShard = 0;
		for (int i = 0; i < all.size(); i++) {
			if (!settings.shard().contains(all.get(i).isicId())) continue;
			inShard++;
			if (checkpoints.has(all.get(i).isicId())) resumed++;
			else todo.add(i);
		}
		StageTimes times = new StageTimes();
		largestFirst(todo, all, dataset);
		process(dataset, all, todo, output, checkpoints, settings, times, monitor, resumed, inShard);
		monitor.checkCanceled();

		List<Path> tables = new ArrayList<>();
		if (settings.shard().isAll()) {
			long tt = System.nanoTime();
			List<ImageResult> results = new ArrayList<>(all.size());
			for (ImageGroup g : all) results.add(checkpoints.read(g.isicId()));
			tables = writeTables(dataset, results, settings.steps(), output, settings.threads());
			times.addNanos(StageTimes.TABLES, System.nanoTime() - tt);
		}
		Map<String, Object> done = new LinkedHashMap<>(manifest);
		done.put("complete", Boolean.TRUE);
		checkpoints.writeManifest(done);
		return new Result(output, inShard, todo.size(), resumed, tables, times, (System.nanoTime() - t0) / 1e9);
	}

	/**
	 * Orders the work largest image first (by {@code pixels_x × pixels_y} of the image metadata, when
	 * known), so the run does not end waiting for one 30-megapixel image started last. Output
	 * order does not depend on it: tables are assembled by dataset position.
	 */
	private static void largestFirst(List<Integer> todo, List<ImageGroup> all, Dataset dataset) {
		var img = dataset.imageMetadata();
		if (img == null) return;
		Map<Integer, Long> px = new java.util.HashMap<>();
		for (int i : todo) {
			String id = all.get(i).isicId();
			var x = img.getInt(id, "pixels_x");
			var y = img.getInt(id, "pixels_y");
			px.put(i, x.isPresent() && y.isPresent() ? (long) x.getAsInt() * y.getAsInt() * all.get(i).annotatorMasks().size() : 0L);
		}
		todo.sort((a, b) -> Long.compare(px.get(b), px.get(a))); // stable: equal sizes keep dataset order
	}

	/** The images a run covers, in the order that fixes every output: annotator-masked images in metadata order. */
	public static List<ImageGroup> images(Dataset dataset) {
		return dataset.groups().stream().filter(g -> !g.annotatorMasks().isEmpty()).toList();
	}

	/** What makes results comparable: the dataset's metadata content, the steps' settings, the shard split. */
	static Map<String, Object> manifest(Dataset dataset, List<ImageStep> steps, Shard shard, int images) throws IOException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("format", FORMAT);
		m.put("dataset", dataset.paths().root() == null ? "" : dataset.paths().root().toString());
		m.put("seg_metadata", dataset.paths().segMetadata().toString());
		m.put("seg_metadata_md5", Md5.of(Files.readAllBytes(dataset.paths().segMetadata())));
		m.put("images", (long) images);
		Map<String, Object> st = new LinkedHashMap<>();
		for (ImageStep s : steps) st.put(s.stage(), new LinkedHashMap<>(s.settings()));
		m.put("steps", st);
		m.put("shard", shard.toString());
		return m;
	}

	/** Keys whose values must agree between runs whose results are combined. */
	static final List<String> IDENTITY = List.of("format", "seg_metadata_md5", "images", "steps");

	private static void prepare(Checkpoints checkpoints, Map<String, Object> manifest, boolean resume) throws IOException {
		Map<String, Object> old = checkpoints.readManifest();
		if (!resume || old == null) {
			checkpoints.clear();
		}
		else {
			for (String k : IDENTITY) {
				if (!Objects.equals(String.valueOf(old.get(k)), String.valueOf(manifest.get(k)))) {
					throw new IllegalStateException(checkpoints.folder() + " holds results of another run (" + k + ": " + old.get(k) + " vs " + manifest.get(k)
						+ "); choose another output folder or run with resume=false to start over");
				}
			}
			if (!Objects.equals(old.get("shard"), manifest.get("shard"))) {
				throw new IllegalStateException(checkpoints.folder() + " holds results of shard " + old.get("shard") + ", not " + manifest.get("shard")
					+ "; give each shard its own output folder");
			}
		}
		Files.createDirectories(checkpoints.folder());
		checkpoints.writeManifest(manifest);
	}

	private static void process(Dataset dataset, List<ImageGroup> all, List<Integer> todo, Path output, Checkpoints checkpoints, Settings settings,
		StageTimes times, ProgressMonitor monitor, int resumed, int total) throws IOException {
		if (todo.isEmpty()) {
			monitor.progress(total, total, "Pipeline: all " + total + " images done");
			return;
		}
		MemoryBudget budget = MemoryBudget.ofHeap(settings.memoryShare());
		boolean makesConsensus = settings.steps().stream().anyMatch(ConsensusProducer.class::isInstance);
		AtomicInteger finished = new AtomicInteger(resumed);
		AtomicInteger n = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.poolSize(), todo.size()), r -> {
			Thread t = new Thread(r, "imapp-pipeline-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		try {
			List<Future<?>> futures = new ArrayList<>(todo.size());
			for (int i : todo) {
				ImageGroup g = all.get(i);
				futures.add(pool.submit(() -> {
					if (monitor.isCanceled()) throw new CanceledException();
					processImage(dataset, g, i, output, checkpoints, settings.steps(), !makesConsensus, budget, times);
					finished.incrementAndGet();
					return null;
				}));
			}
			// In order: a failure is reported for the first failing image, progress keeps ticking meanwhile.
			for (int k = 0; k < futures.size(); k++) {
				Future<?> f = futures.get(k);
				while (true) {
					if (monitor.isCanceled()) throw new CanceledException();
					try {
						f.get(100, TimeUnit.MILLISECONDS);
						break;
					}
					catch (TimeoutException e) {
						monitor.progress(finished.get(), total, "Pipeline: " + finished.get() + "/" + total + " images");
					}
				}
				monitor.progress(finished.get(), total, "Pipeline: " + finished.get() + "/" + total + " images");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CanceledException();
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrap(e);
		}
		finally {
			// Running tasks finish their image (or stop at an interrupted write, leaving no file half-written).
			pool.shutdownNow();
			try {
				pool.awaitTermination(10, TimeUnit.MINUTES);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** One image, start to checkpoint. */
	private static void processImage(Dataset dataset, ImageGroup g, int index, Path output, Checkpoints checkpoints, List<ImageStep> steps,
		boolean consensusFromDataset, MemoryBudget budget, StageTimes times) throws IOException, InterruptedException {
		boolean countValues = steps.stream().anyMatch(ImageStep::needsForegroundValues);
		MaskStore store = dataset.masks();
		List<SegRecord> records = new ArrayList<>(g.annotatorMasks());
		int annotators = records.size();
		if (consensusFromDataset) records.addAll(g.consensusMasks());
		long t0 = System.nanoTime();
		byte[][] bytes = new byte[records.size()][];
		String[] errors = new String[records.size()];
		long pixels = 0;
		for (int i = 0; i < records.size(); i++) {
			try {
				bytes[i] = store.readBytes(records.get(i).segFilename());
				if (pixels == 0) pixels = pngPixels(bytes[i]);
			}
			catch (MaskReadException e) {
				errors[i] = e.getMessage();
			}
		}
		times.addNanos(StageTimes.READ, System.nanoTime() - t0);
		// Annotator masks, consensus masks and about a dozen bytes per pixel of working arrays.
		int permits = budget.acquire(pixels * (records.size() + 2 + 12));
		try {
			t0 = System.nanoTime();
			List<ImageWork.Mask> masks = new ArrayList<>(annotators);
			List<ImageWork.Consensus> given = new ArrayList<>();
			for (int i = 0; i < records.size(); i++) {
				SegRecord r = records.get(i);
				BinaryMask m = null;
				int values = -1;
				String err = errors[i];
				if (bytes[i] != null) {
					try {
						if (countValues && i < annotators) {
							MaskIO.Decoded d = MaskIO.decodeCountingValues(bytes[i], store.describe(r.segFilename()));
							m = d.mask();
							values = d.foregroundValues();
						}
						else {
							m = MaskIO.decode(bytes[i], store.describe(r.segFilename()));
						}
						times.count(StageTimes.MASKS_READ, 1);
						times.count(StageTimes.PIXELS_READ, m.size());
					}
					catch (MaskReadException | RuntimeException e) {
						err = e.getMessage();
					}
				}
				if (i < annotators) masks.add(new ImageWork.Mask(r, bytes[i], m, values, err));
				else if (m != null) given.add(new ImageWork.Consensus(r, m));
			}
			times.addNanos(StageTimes.READ, System.nanoTime() - t0);
			ImageWork work = new ImageWork(g, store, index, dataset.imageMetadata(), output, times, masks);
			for (ImageWork.Consensus c : given) work.addConsensus(c.record(), c.mask());
			for (ImageWork.Mask m : masks) if (!m.readable()) work.problem("read", m.error());
			for (ImageStep s : steps) {
				long ts = System.nanoTime();
				s.run(work);
				times.addNanos(s.stage(), System.nanoTime() - ts);
			}
			ImageResult r = work.result();
			long tc = System.nanoTime();
			checkpoints.write(r);
			times.addNanos(StageTimes.CHECKPOINT, System.nanoTime() - tc);
			times.count(StageTimes.IMAGES, 1);
		}
		finally {
			budget.release(permits);
		}
	}

	/** Width × height from a PNG header, or 0 when the bytes are not a PNG. */
	private static long pngPixels(byte[] b) {
		if (b.length < 24 || b[1] != 'P' || b[2] != 'N' || b[3] != 'G') return 0;
		long w = ((b[16] & 0xffL) << 24) | ((b[17] & 0xff) << 16) | ((b[18] & 0xff) << 8) | (b[19] & 0xff);
		long h = ((b[20] & 0xffL) << 24) | ((b[21] & 0xff) << 16) | ((b[22] & 0xff) << 8) | (b[23] & 0xff);
		return w * h;
	}

	/**
	 * The final tables from the images' results (in dataset order): each step's files, then the
	 * problems table. Shared by runs and merges, so both write the same bytes.
	 */
	static List<Path> writeTables(Dataset dataset, List<ImageResult> results, List<ImageStep> steps, Path output, int threads) throws IOException {
		Map<String, Table> parts = concatenate(results);
		for (ImageStep s : steps) s.writeTables(parts, dataset, output, threads);
		Table problems = parts.getOrDefault(ImageResult.PROBLEMS, new Table(ImageWork.PROBLEM_COLUMNS));
		Path p = output.resolve(PROBLEMS_CSV);
		CsvTables.write(problems, p);
		List<Path> written = new ArrayList<>();
		try (var s = Files.walk(output, 2)) {
			s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".csv") && !f.startsWith(output.resolve(Checkpoints.FOLDER)))
				.sorted().forEach(written::add);
		}
		return written;
	}

	/** Each part's rows of all images, in the given order; the columns must agree. */
	static Map<String, Table> concatenate(List<ImageResult> results) {
		Map<String, Table> out = new LinkedHashMap<>();
		for (ImageResult r : results) {
			for (var e : r.parts().entrySet()) {
				Table t = out.computeIfAbsent(e.getKey(), k -> new Table(e.getValue().columns()));
				if (!t.columns().equals(e.getValue().columns())) {
					throw new IllegalStateException("Part '" + e.getKey() + "' of " + r.isicId() + " has columns " + e.getValue().columns() + ", other images " + t.columns());
				}
				t.addRows(e.getValue());
			}
		}
		return out;
	}

}
