package org.imapp.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.MaskStore;
import org.imapp.data.SegRecord;
import org.imapp.io.AtomicFiles;
import org.imapp.io.Json;
import org.imapp.io.OutputFolder;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.pipeline.Pipeline;
import org.imapp.pipeline.PipelineSteps;
import org.imapp.pipeline.StageTimes;
import org.imapp.progress.ProgressMonitor;
import org.imapp.synth.SyntheticDataset;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * The scale benchmark of issue 8 (a main class, not a timed test): generates a synthetic dataset
 * with the real image sizes and mask counts of the IMA++ multi-annotator subset (a
 * {@code fraction} of its 2,394 images), then measures on it
 * <ol>
 * <li>a decode-only pass over every mask file (the floor any pipeline stands on),</li>
 * <li>PNG encoding of the same masks,</li>
 * <li>the full pipeline (QA, STAPLE + majority vote, all pairs' metrics, tables), per stage.</li>
 * </ol>
 * Per stage it prints wall time, megapixels/s, masks/s, pairs/s, peak heap, peak RSS and CPU
 * utilisation, and writes them to {@code <output>/pipeline.csv} and {@code pipeline.json}.
 * Stages inside the pipeline run interleaved per image; their wall times are the pipeline's wall
 * time apportioned by each stage's summed thread time.
 * <p>
 * Usage: {@code java -Xmx4g -cp ... org.imapp.bench.PipelineBenchmark fraction=0.05 threads=2
 * output=target/benchmarks keep=false} (also {@code seed=}, {@code scale=}). Self-contained: the subset's
 * sizes and mask counts ship in the jar ({@link org.imapp.synth.SubsetSizes}).
 */
public final class PipelineBenchmark {

	/**
	 * @param fraction share of the subset's images (1 = all 2,394 images, 5,111 masks, ~53 GP)
	 * @param threads worker threads (0 = all cores)
	 * @param output where results (and, while running, the data) go
	 * @param keep keep the generated dataset and pipeline output (and reuse a kept dataset)
	 */
	public record Options(double fraction, int threads, Path output, boolean keep, long seed, double scale) {
		public static Options defaults() {
			return new Options(0.05, 0, Paths.get("target", "benchmarks"), false, 1, 1);
		}

		static Options parse(String[] args) {
			Options o = defaults();
			Map<String, String> kv = new LinkedHashMap<>();
			for (String a : args) {
				int eq = a.indexOf('=');
				if (eq < 0) throw new IllegalArgumentException("Arguments are key=value, got '" + a + "'");
				kv.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
			}
			double fraction = Double.parseDouble(kv.getOrDefault("fraction", "" + o.fraction));
			int threads = Integer.parseInt(kv.getOrDefault("threads", "" + o.threads));
			Path output = Paths.get(kv.getOrDefault("output", o.output.toString()));
			boolean keep = Boolean.parseBoolean(kv.getOrDefault("keep", "false"));
			long seed = Long.parseLong(kv.getOrDefault("seed", "1"));
			double scale = Double.parseDouble(kv.getOrDefault("scale", "1"));
			kv.keySet().removeAll(List.of("fraction", "threads", "output", "keep", "seed", "scale"));
			if (!kv.isEmpty()) throw new IllegalArgumentException("Unknown option(s) " + kv.keySet() + "; known: fraction threads output keep seed scale");
			return new Options(fraction, threads, output, keep, seed, scale);
		}
	}

	/** One line of the results. */
	public record Row(String stage, double wallSeconds, double threadSeconds, double megapixels, long masks, long pairs, long peakHeapBytes,
		long peakRssBytes, double cpuUtilisation, double gcSeconds) {

		double mpPerSecond() {
			return wallSeconds > 0 ? megapixels / wallSeconds : Double.NaN;
		}

		double masksPerSecond() {
			return wallSeconds > 0 && masks > 0 ? masks / wallSeconds : Double.NaN;
		}

		double pairsPerSecond() {
			return wallSeconds > 0 && pairs > 0 ? pairs / wallSeconds : Double.NaN;
		}
	}

	/** The rows and the files they were written to. */
	public record Report(List<Row> rows, Path csv, Path json, double pipelineOverDecode) {}

	private PipelineBenchmark() {}

	public static void main(String[] args) throws Exception {
		run(Options.parse(args), System.out);
	}

	/**
	 * Runs the benchmark; {@code pipeline.csv} and {@code pipeline.json} are published into
	 * {@code o.output()} all or nothing (through {@link OutputFolder}), the generated data and the
	 * pipeline's output go beside them while it runs.
	 */
	public static Report run(Options o, PrintStream log) throws IOException {
		try (OutputFolder folder = OutputFolder.open(o.output(), OutputFolder.Inputs.NONE)) {
			Report r = run(o, folder.staging(), log);
			folder.publish();
			Path csv = folder.published(r.csv()), json = folder.published(r.json());
			log.println("Wrote " + csv + " and " + json);
			return new Report(r.rows(), csv, json, r.pipelineOverDecode());
		}
	}

	private static Report run(Options o, Path staging, PrintStream log) throws IOException {
		int threads = o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors();
		String tag = "f" + o.fraction() + (o.scale() != 1 ? "-s" + o.scale() : "") + "-seed" + o.seed();
		Path data = o.output().resolve("data-" + tag);
		Path out = o.output().resolve("run-" + tag);
		SyntheticDataset.Options gen = new SyntheticDataset.Options(0, o.scale(), o.seed(), false, false, threads, true, o.fraction(), 0);
		List<SyntheticDataset.ImagePlan> plan = SyntheticDataset.plan(gen);
		long maskPixels = plan.stream().mapToLong(p -> p.pixels() * p.masks().size()).sum();
		long masks = plan.stream().mapToLong(p -> p.masks().size()).sum();
		long consensusPixels = plan.stream().mapToLong(p -> 2 * p.pixels()).sum();
		long pairs = plan.stream().mapToLong(p -> choose2(p.masks().size() + 2)).sum();
		long pairPixels = plan.stream().mapToLong(p -> choose2(p.masks().size() + 2) * p.pixels()).sum();
		log.printf("IMA++ pipeline benchmark: fraction=%s of the multi-annotator subset -> %d images, %d annotator masks (%.1f MP), %d consensus masks (%.1f MP), %d pairs (%.1f MP); %d threads, max heap %d MB%n",
			o.fraction(), plan.size(), masks, maskPixels / 1e6, 2L * plan.size(), consensusPixels / 1e6, pairs, pairPixels / 1e6, threads,
			Runtime.getRuntime().maxMemory() >> 20);

		String loadBefore = RunInfo.loadAverage();
		List<Row> rows = new ArrayList<>();
		double decodeWall;
		double pipelineWall;
		try (ResourceMonitor mon = new ResourceMonitor(10)) {
			// 1. Generate (or reuse a kept dataset made with the same options).
			mon.begin("generate");
			boolean reused = o.keep() && SyntheticDataset.isComplete(data, gen);
			if (!reused) {
				deleteTree(data);
				SyntheticDataset.generate(data, gen, ProgressMonitor.NONE);
			}
			ResourceMonitor.Phase g = mon.end();
			rows.add(row(reused ? "generate (reused)" : "generate", g, g.wallSeconds() * threads, maskPixels / 1e6, masks, 0));
			log.printf("generate: %.1f s%s%n", g.wallSeconds(), reused ? " (kept dataset reused)" : "");

			try (Dataset dataset = Dataset.load(DatasetPaths.of(data), true)) {
				// 2. Decode only: read + decode every mask file, nothing else.
				mon.begin("decode_only");
				long[] dec = forEachMask(dataset, threads, (r, m, enc) -> {});
				ResourceMonitor.Phase d = mon.end();
				decodeWall = d.wallSeconds();
				rows.add(row("decode_only", d, d.wallSeconds() * threads, dec[1] / 1e6, dec[0], 0));

				// 3. PNG encode of the same masks (decode untimed, encode timed per mask).
				mon.begin("encode_only");
				LongAdder encodeNanos = new LongAdder();
				long[] enc = forEachMask(dataset, threads, (r, m, sink) -> {
					long t0 = System.nanoTime();
					MaskIO.writePng(m, sink);
					encodeNanos.add(System.nanoTime() - t0);
				});
				ResourceMonitor.Phase e = mon.end();
				double encThread = encodeNanos.sum() / 1e9;
				// The encode share of the phase's wall time: the encode work spread over the threads.
				double encWall = Math.min(e.wallSeconds(), encThread / threads);
				rows.add(new Row("encode_only", encWall, encThread, enc[1] / 1e6, enc[0], 0, e.peakHeapBytes(), e.peakRssBytes(), e.cpuUtilisation(), e.gcSeconds()));

				// 4. The pipeline.
				deleteTree(out);
				mon.begin("pipeline");
				Pipeline.Settings settings = Pipeline.Settings.of(PipelineSteps.create(PipelineSteps.Choice.ALL)).withThreads(threads).withResume(false);
				Pipeline.Result res = Pipeline.run(dataset, out, settings, ProgressMonitor.NONE);
				ResourceMonitor.Phase p = mon.end();
				pipelineWall = p.wallSeconds();
				StageTimes t = res.times();
				rows.add(row("pipeline", p, p.wallSeconds() * threads, (t.count(StageTimes.PIXELS_READ) + t.count(StageTimes.CONSENSUS_PIXELS)) / 1e6,
					t.count(StageTimes.MASKS_READ) + t.count(StageTimes.CONSENSUS_MASKS), t.count(StageTimes.PAIRS)));
				Map<String, Double> secs = t.secondsByStage();
				double tablesWall = secs.getOrDefault(StageTimes.TABLES, 0.0);
				double perImageThread = secs.entrySet().stream().filter(x -> !x.getKey().equals(StageTimes.TABLES)).mapToDouble(Map.Entry::getValue).sum();
				double perImageWall = Math.max(0, p.wallSeconds() - tablesWall);
				for (var s : secs.entrySet()) {
					if (s.getValue() == 0) continue;
					String stage = s.getKey();
					double wall = stage.equals(StageTimes.TABLES) ? s.getValue() : perImageWall * s.getValue() / perImageThread;
					double mp = switch (stage) {
						case StageTimes.READ -> t.count(StageTimes.PIXELS_READ) / 1e6;
						case StageTimes.QA -> t.count(StageTimes.PIXELS_CHECKED) / 1e6;
						case StageTimes.CONSENSUS -> t.count(StageTimes.PIXELS_READ) / 1e6;
						case StageTimes.CONSENSUS_WRITE -> t.count(StageTimes.CONSENSUS_PIXELS) / 1e6;
						case StageTimes.METRICS -> t.count(StageTimes.PAIR_PIXELS) / 1e6;
						default -> 0;
					};
					long n = switch (stage) {
						case StageTimes.READ -> t.count(StageTimes.MASKS_READ);
						case StageTimes.QA -> t.count(StageTimes.MASKS_CHECKED);
						case StageTimes.CONSENSUS, StageTimes.CONSENSUS_WRITE -> t.count(StageTimes.CONSENSUS_MASKS);
						default -> 0;
					};
					long pr = stage.equals(StageTimes.METRICS) ? t.count(StageTimes.PAIRS) : 0;
					rows.add(new Row("pipeline:" + stage, wall, s.getValue(), mp, n, pr, p.peakHeapBytes(), p.peakRssBytes(), Double.NaN, Double.NaN));
				}
			}
		}
		if (!o.keep()) {
			deleteTree(data);
			deleteTree(out);
		}
		double ratio = pipelineWall / decodeWall;
		print(rows, log);
		log.printf("pipeline / decode-only wall time: %.2f (the pipeline reads and decodes the same masks once, plus QA, consensus, metrics and writing)%n", ratio);
		log.printf("process peak RSS (VmHWM): %d MB; load average before %s, after %s (other processes on the machine lower the CPU share)%n",
			ResourceMonitor.lifetimePeakRss() >> 20, loadBefore, RunInfo.loadAverage());

		Path csv = staging.resolve("pipeline.csv");
		Path json = staging.resolve("pipeline.json");
		CsvTables.write(table(rows), csv);
		Map<String, Object> j = RunInfo.header(loadBefore);
		Map<String, Object> opts = new LinkedHashMap<>();
		opts.put("fraction", o.fraction());
		opts.put("threads", (long) threads);
		opts.put("seed", o.seed());
		opts.put("scale", o.scale());
		j.put("options", opts);
		Map<String, Object> work = new LinkedHashMap<>();
		work.put("images", (long) plan.size());
		work.put("annotator_masks", masks);
		work.put("annotator_mask_megapixels", maskPixels / 1e6);
		work.put("consensus_masks", 2L * plan.size());
		work.put("consensus_megapixels", consensusPixels / 1e6);
		work.put("pairs", pairs);
		work.put("pair_megapixels", pairPixels / 1e6);
		j.put("workload", work);
		List<Object> stages = new ArrayList<>();
		for (Row r : rows) {
			Map<String, Object> m = new LinkedHashMap<>();
			Table one = table(List.of(r));
			for (int c = 0; c < one.columnCount(); c++) m.put(one.columns().get(c), one.get(0, c));
			stages.add(m);
		}
		j.put("stages", stages);
		j.put("pipeline_over_decode_only", ratio);
		j.put("peak_rss_mb_process", ResourceMonitor.lifetimePeakRss() >> 20);
		AtomicFiles.write(json, Json.write(j).getBytes(StandardCharsets.UTF_8));
		return new Report(rows, csv, json, ratio);
	}

	private static long choose2(long n) {
		return n * (n - 1) / 2;
	}

	private static Row row(String stage, ResourceMonitor.Phase p, double threadSeconds, double mp, long masks, long pairs) {
		return new Row(stage, p.wallSeconds(), threadSeconds, mp, masks, pairs, p.peakHeapBytes(), p.peakRssBytes(), p.cpuUtilisation(), p.gcSeconds());
	}

	@FunctionalInterface
	private interface MaskWork {
		void accept(SegRecord record, BinaryMask mask, OutputStream sink) throws IOException;
	}

	/** Reads and decodes every mask of the dataset on a pool; returns {masks, pixels}. */
	private static long[] forEachMask(Dataset dataset, int threads, MaskWork work) throws IOException {
		MaskStore store = dataset.masks();
		List<SegRecord> records = new ArrayList<>();
		for (ImageGroup g : Pipeline.images(dataset)) records.addAll(g.annotatorMasks());
		LongAdder pixels = new LongAdder();
		OutputStream sink = OutputStream.nullOutputStream();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> fs = new ArrayList<>();
			for (SegRecord r : records) {
				fs.add(pool.submit(() -> {
					BinaryMask m = MaskIO.decode(store.readBytes(r.segFilename()), r.segFilename());
					pixels.add(m.size());
					work.accept(r, m, sink);
					return null;
				}));
			}
			for (Future<?> f : fs) f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", e);
		}
		catch (ExecutionException e) {
			throw new IOException(e.getCause().getMessage(), e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		return new long[] { records.size(), pixels.sum() };
	}

	static Table table(List<Row> rows) {
		Table t = new Table("stage", "wall_s", "thread_s", "megapixels", "mp_per_s", "masks", "masks_per_s", "pairs", "pairs_per_s", "peak_heap_mb",
			"peak_rss_mb", "cpu_utilisation", "gc_s");
		for (Row r : rows) {
			t.addRow(r.stage(), round(r.wallSeconds(), 3), round(r.threadSeconds(), 3), round(r.megapixels(), 1), round(r.mpPerSecond(), 1), r.masks(),
				round(r.masksPerSecond(), 2), r.pairs(), round(r.pairsPerSecond(), 2), r.peakHeapBytes() >> 20, r.peakRssBytes() >> 20,
				round(r.cpuUtilisation(), 3), round(r.gcSeconds(), 3));
		}
		return t;
	}

	private static Double round(double v, int digits) {
		if (Double.isNaN(v) || Double.isInfinite(v)) return Double.NaN;
		double f = Math.pow(10, digits);
		return Math.round(v * f) / f;
	}

	private static void print(List<Row> rows, PrintStream log) {
		log.printf("%-26s %9s %9s %10s %9s %7s %9s %7s %9s %9s %9s %6s%n", "stage", "wall s", "thread s", "MP", "MP/s", "masks", "masks/s", "pairs",
			"pairs/s", "heap MB", "RSS MB", "CPU");
		for (Row r : rows) {
			log.printf("%-26s %9.2f %9.2f %10.1f %9s %7s %9s %7s %9s %9d %9d %6s%n", r.stage(), r.wallSeconds(), r.threadSeconds(), r.megapixels(),
				fmt(r.mpPerSecond(), 1), r.masks() == 0 ? "" : r.masks(), fmt(r.masksPerSecond(), 1), r.pairs() == 0 ? "" : r.pairs(),
				fmt(r.pairsPerSecond(), 1), r.peakHeapBytes() >> 20, r.peakRssBytes() >> 20,
				Double.isNaN(r.cpuUtilisation()) ? "" : String.format("%.0f%%", 100 * r.cpuUtilisation()));
		}
	}

	private static String fmt(double v, int digits) {
		return Double.isNaN(v) ? "" : String.format("%." + digits + "f", v);
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) return;
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
		}
	}
}
