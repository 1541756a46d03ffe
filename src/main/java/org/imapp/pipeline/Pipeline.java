package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
import org.imapp.progress.ParallelMap;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.imapp.progress.TaskFailure;
import org.imapp.io.Json;
import org.imapp.io.Md5;
import org.imapp.io.OutputFolder;
import org.imapp.data.ImageMetadata;

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
	 * @param strict any reported problem (a damaged mask, …) fails the run instead of being listed
	 *        in {@value #PROBLEMS_CSV}: nothing is published, the checkpoint stays
	 */
	public record Settings(int threads, Shard shard, boolean resume, List<ImageStep> steps, double memoryShare, boolean strict) {
		public Settings {
			if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
			Objects.requireNonNull(shard);
			steps = List.copyOf(steps);
			if (!(memoryShare > 0 && memoryShare <= 1)) throw new IllegalArgumentException("memoryShare must be in (0, 1]");
		}

		public static Settings of(List<ImageStep> steps) {
			return new Settings(0, Shard.ALL, true, steps, 0.6, false);
		}

		public Settings withThreads(int t) {
			return new Settings(t, shard, resume, steps, memoryShare, strict);
		}

		public Settings withShard(Shard s) {
			return new Settings(threads, s, resume, steps, memoryShare, strict);
		}

		public Settings withResume(boolean r) {
			return new Settings(threads, shard, r, steps, memoryShare, strict);
		}

		public Settings withStrict(boolean st) {
			return new Settings(threads, shard, resume, steps, memoryShare, st);
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
	 * @param dropped images whose results an earlier run left in the folder and this run dropped (no longer in the dataset or shard)
	 * @param staleParts temporary files a killed earlier run had left, removed
	 */
	public record Result(Path output, int images, int computed, int resumed, List<Path> tables, List<String> dropped, int staleParts, StageTimes times,
		double seconds) {}

	private Pipeline() {}

	/**
	 * Runs the pipeline on {@code dataset}, writing everything under {@code output}. Per-image
	 * outputs and the final tables are staged in {@value #STAGING} and published into
	 * {@code output} only when the run finished, so a failed, canceled or killed run leaves only
	 * its checkpoint (marked unfinished in its manifest), which a rerun with resume finishes.
	 * @throws CanceledException when the monitor cancels; finished images keep their checkpoints
	 * @throws IllegalStateException when {@code output} holds results of other settings or another
	 *         shard and resume is on, or another run is using it
	 */
	public static Result run(Dataset dataset, Path output, Settings settings, ProgressMonitor monitor) throws IOException {
		long t0 = System.nanoTime();
		List<ImageGroup> all = images(dataset);
		try (OutputFolder folder = OutputFolder.open(output, dataset.paths().outputGuard(), STAGING, true, settings.resume())) {
			Path target = folder.target();
			Checkpoints checkpoints = new Checkpoints(target);
			Map<String, Object> manifest = manifest(dataset, settings.steps(), settings.shard(), all.size());
			prepare(checkpoints, manifest, settings.resume());

			List<ImageGroup> inShard = all.stream().filter(g -> settings.shard().contains(g.isicId())).toList();
			List<String> dropped = dropImagesNotInTheRun(checkpoints, inShard, folder, settings.steps());
			String options = Json.write(new LinkedHashMap<>(Map.of("steps", manifest.get("steps"))));
			boolean makesConsensus = settings.steps().stream().anyMatch(ConsensusProducer.class::isInstance);
			List<Integer> todo = new ArrayList<>();
			int resumed = 0;
			for (int i = 0; i < all.size(); i++) {
				ImageGroup g = all.get(i);
				if (!settings.shard().contains(g.isicId())) continue;
				if (checkpoints.has(g.isicId()) && unchanged(checkpoints, dataset, g, i, !makesConsensus, options)) resumed++;
				else {
					todo.add(i);
					checkpoints.delete(g.isicId());
					removeImageOutputs(folder, settings.steps(), Set.of(g.isicId()));
				}
			}
			StageTimes times = new StageTimes();
			largestFirst(todo, all, dataset);
			process(dataset, all, todo, folder.staging(), checkpoints, settings, options, times, monitor, resumed, inShard.size());
			monitor.checkCanceled();

			if (settings.strict()) refuseProblems(checkpoints, inShard);
			List<Path> tables = new ArrayList<>();
			if (settings.shard().isAll()) {
				long tt = System.nanoTime();
				// Every image's checkpoint, parsed on the run's threads (thousands of files at scale), in image order.
				List<ImageResult> results = ParallelMap.withPool(settings.threads(),
					ex -> ParallelMap.mapChecked(all, g -> checkpoints.read(g.isicId()), ex, ProgressMonitor.NONE, "Reading checkpoints"));
				for (Path p : writeTables(dataset, results, settings.steps(), folder.staging(), settings.threads())) tables.add(folder.published(p));
				times.addNanos(StageTimes.TABLES, System.nanoTime() - tt);
			}
			folder.publish();
			Map<String, Object> done = new LinkedHashMap<>(manifest);
			done.put("complete", Boolean.TRUE);
			checkpoints.writeManifest(done);
			return new Result(target, inShard.size(), todo.size(), resumed, tables, dropped, folder.staleParts(), times, (System.nanoTime() - t0) / 1e9);
		}
	}

	/** With {@code strict=true}: fails the run, before anything is published, when an image reported a problem. */
	private static void refuseProblems(Checkpoints checkpoints, List<ImageGroup> images) throws IOException {
		int n = 0;
		String first = null;
		for (ImageGroup g : images) {
			Table t = checkpoints.read(g.isicId()).part(ImageResult.PROBLEMS);
			if (t == null || t.rowCount() == 0) continue;
			n += t.rowCount();
			if (first == null) first = t.getString(0, 0) + " (" + t.getString(0, 1) + "): " + t.getString(0, 2);
		}
		if (n > 0) {
			throw new IllegalStateException("strict: " + n + " problem(s) in the dataset, first: " + first
				+ "; nothing published (without strict they are listed in " + PROBLEMS_CSV + " and the rest of the run finishes)");
		}
	}

	/** Staged outputs of a run, inside its checkpoint folder: kept when the run stops, published when it finishes. */
	public static final String STAGING = Checkpoints.FOLDER + "/unpublished";

	/**
	 * Drops the checkpoints of images an earlier run into this folder had and this run has not
	 * (no longer in the dataset, or in another shard), and their per-image outputs when the run is
	 * published; returns their ids.
	 */
	private static List<String> dropImagesNotInTheRun(Checkpoints checkpoints, List<ImageGroup> run, OutputFolder folder, List<ImageStep> steps)
		throws IOException {
		Set<String> keep = new HashSet<>();
		for (ImageGroup g : run) keep.add(g.isicId());
		List<String> dropped = new ArrayList<>();
		for (String id : checkpoints.ids()) if (!keep.contains(id)) dropped.add(id);
		for (String id : dropped) checkpoints.delete(id);
		removeImageOutputs(folder, steps, new HashSet<>(dropped));
		return dropped;
	}

	/**
	 * Marks the per-image output files of {@code ids} (published by an earlier run) for removal
	 * when this run is published, unless this run writes them again. A file belongs to an image
	 * when its name is the id followed by {@code _} or {@code .}, e.g. {@code ISIC_0000001_ST.png}.
	 */
	private static void removeImageOutputs(OutputFolder folder, List<ImageStep> steps, Set<String> ids) throws IOException {
		if (ids.isEmpty()) return;
		for (ImageStep s : steps) {
			for (String sub : s.imageOutputFolders()) {
				Path dir = folder.target().resolve(sub);
				if (!Files.isDirectory(dir)) continue;
				try (var files = Files.list(dir)) {
					for (Path f : (Iterable<Path>) files::iterator) {
						String name = f.getFileName().toString();
						for (int k = 0; k < name.length(); k++) {
							char c = name.charAt(k);
							if ((c == '_' || c == '.') && ids.contains(name.substring(0, k))) {
								folder.removeOnPublish(sub + "/" + name);
								break;
							}
						}
					}
				}
			}
		}
	}

	/** Whether an image's checkpoint was computed from its present inputs (else it is recomputed). */
	private static boolean unchanged(Checkpoints checkpoints, Dataset dataset, ImageGroup g, int index, boolean withGivenConsensus, String options)
		throws IOException {
		ImageResult old;
		try {
			old = checkpoints.read(g.isicId());
		}
		catch (IOException e) {
			return false; // a damaged checkpoint: recompute the image
		}
		List<SegRecord> records = inputRecords(g, withGivenConsensus);
		byte[][] bytes = new byte[records.size()][];
		String[] errors = new String[records.size()];
		readAll(dataset.masks(), records, bytes, errors);
		if (!old.inputs().equals(inputsFingerprint(records, bytes, errors, dataset.imageMetadata(), g.isicId(), options))) return false;
		// Same inputs at another position (images before it left the dataset): same results, new position.
		if (old.index() != index) checkpoints.write(new ImageResult(old.isicId(), index, old.inputs(), old.parts()));
		return true;
	}

	/** The masks an image's work reads: its annotators' and, when the run makes no consensus, the dataset's own consensus masks. */
	private static List<SegRecord> inputRecords(ImageGroup g, boolean withGivenConsensus) {
		List<SegRecord> records = new ArrayList<>(g.annotatorMasks());
		if (withGivenConsensus) records.addAll(g.consensusMasks());
		return records;
	}

	private static void readAll(MaskStore store, List<SegRecord> records, byte[][] bytes, String[] errors) {
		for (int i = 0; i < records.size(); i++) {
			try {
				bytes[i] = store.readBytes(records.get(i).segFilename());
			}
			catch (MaskReadException e) {
				errors[i] = e.getMessage();
			}
		}
	}

	/**
	 * The MD5 of everything an image's result depends on: the steps' settings, its metadata rows
	 * (line numbers included: QA reports them), the MD5 of each mask's bytes (or its read error)
	 * and its row of the image metadata.
	 */
	static String inputsFingerprint(List<SegRecord> records, byte[][] bytes, String[] errors, ImageMetadata img, String isicId, String options) {
		StringBuilder b = new StringBuilder(options).append('\n');
		for (int i = 0; i < records.size(); i++) {
			b.append(records.get(i)).append('\t').append(bytes[i] != null ? Md5.of(bytes[i]) : "unreadable: " + errors[i]).append('\n');
		}
		if (img != null && img.contains(isicId)) for (String c : img.columns()) b.append(c).append('=').append(img.get(isicId, c)).append('\t');
		return Md5.of(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
		// Which mask source was read when the dataset has both segs/ and segs.zip (issue 18.6).
		String masks = dataset.masks().sourceNote();
		if (masks != null) m.put("masks", masks);
		return m;
	}

	/** Keys whose values must agree between runs whose results are combined. */
	static final List<String> IDENTITY = List.of("format", "seg_metadata_md5", "images", "steps");
	/** Keys that must agree for a resume: the dataset may change (changed images are recomputed), the settings may not. */
	static final List<String> RESUME_IDENTITY = List.of("format", "steps");

	private static void prepare(Checkpoints checkpoints, Map<String, Object> manifest, boolean resume) throws IOException {
		Map<String, Object> old = checkpoints.readManifest();
		if (!resume || old == null) {
			checkpoints.clear();
		}
		else {
			// The dataset may have changed: each image's checkpoint records its own inputs (see unchanged).
			for (String k : RESUME_IDENTITY) {
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
		Map<String, Object> unfinished = new LinkedHashMap<>(manifest);
		unfinished.put("complete", Boolean.FALSE);
		checkpoints.writeManifest(unfinished);
	}

	private static void process(Dataset dataset, List<ImageGroup> all, List<Integer> todo, Path output, Checkpoints checkpoints, Settings settings,
		String options, StageTimes times, ProgressMonitor monitor, int resumed, int total) throws IOException {
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
					processImage(dataset, g, i, output, checkpoints, settings.steps(), !makesConsensus, options, budget, times);
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
		boolean consensusFromDataset, String options, MemoryBudget budget, StageTimes times) throws IOException, InterruptedException {
		boolean countValues = steps.stream().anyMatch(ImageStep::needsForegroundValues);
		MaskStore store = dataset.masks();
		List<SegRecord> records = inputRecords(g, consensusFromDataset);
		int annotators = g.annotatorMasks().size();
		long t0 = System.nanoTime();
		byte[][] bytes = new byte[records.size()][];
		String[] errors = new String[records.size()];
		readAll(store, records, bytes, errors);
		long pixels = 0;
		for (byte[] b : bytes) if (pixels == 0 && b != null) pixels = pngPixels(b);
		String inputs = inputsFingerprint(records, bytes, errors, dataset.imageMetadata(), g.isicId(), options);
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
							MaskIO.Decoded d = store.decodeCountingValues(bytes[i], r.segFilename());
							m = d.mask();
							values = d.foregroundValues();
						}
						else {
							m = store.decode(bytes[i], r.segFilename());
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
			ImageResult r = work.result(inputs);
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
