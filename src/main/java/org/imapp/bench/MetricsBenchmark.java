package org.imapp.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.metrics.MaskSurface;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.OverlapMetrics;
import org.imapp.metrics.PairMetrics;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Throughput of the agreement metrics on full-resolution mask pairs, PNG decoding included.
 * For each image size of the IMA++ subset's range (2 to 30.8 MP) it generates {@code N} pairs of
 * lesion-like masks (a lobed blob covering about a fifth of the image, the second annotator's
 * outline shifted, rescaled and jagged differently, as real annotator pairs are), encodes them as
 * PNG, warms the JIT up (untimed, every size, all cores), then times per pair: decoding both PNGs, analysing both masks ({@link MaskSurface}) and all
 * metrics ({@link OverlapMetrics}), with 1 thread and with one pair per thread on all cores.
 * Prints pairs/s and megapixels/s (image pixels per pair, the IMA++ workload unit) and writes
 * {@code target/benchmarks/metrics.csv}.
 * <p>
 * Reference: IMA++'s medpy code needed 166 s for 109 full-resolution pairs on 2 worker processes,
 * about 1.5 s per pair; the target is at least 100× that throughput (≥ 67 pairs/s, ≤ 15 ms of
 * wall time per pair on 2 cores). Memory per pair is reported as the bytes a pair allocates
 * (decoding included) over the bytes of one mask (one byte per pixel).
 * <p>
 * Usage: {@code MetricsBenchmark [pairs-per-size] [report-folder]}; writes {@code metrics.csv}
 * (per size and thread count) and {@code metrics.json} (with the speed-up over the reference and
 * whether the target is met) into the report folder, {@code target/benchmarks} by default.
 */
public final class MetricsBenchmark {

	/** Camera sizes from the IMA++ subset: 2 MP up to its largest image, 6808 × 4519. */
	private static final int[][] SIZES = { { 1728, 1152 }, { 3024, 2016 }, { 4288, 2848 }, { 6000, 4000 }, { 6808, 4519 } };

	/** Parts are timed in thread CPU time: the wall clock of a shared machine says little about a 5 ms step. */
	private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
	/** Wall seconds per pair of the medpy reference on 2 cores (166 s / 109 pairs). */
	private static final double REFERENCE_SECONDS_PER_PAIR = 166.0 / 109;
	/** Issue 4's target: at least 100× the reference throughput. */
	private static final double TARGET_SPEEDUP = 100;

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 24;
		Path dir = args.length > 1 ? Paths.get(args[1]) : Paths.get("target", "benchmarks");
		String loadBefore = RunInfo.loadAverage();
		int cores = Runtime.getRuntime().availableProcessors();
		System.out.printf(Locale.ROOT, "%d pairs per size, %d cores, max heap %d MB%n", n, cores, Runtime.getRuntime().maxMemory() >> 20);
		Table out = new Table("width", "height", "megapixels", "pairs", "threads", "decode_ms_per_pair", "analyse_ms_per_pair", "metrics_ms_per_pair",
			"total_ms_per_pair", "pairs_per_s", "megapixels_per_s", "speedup_vs_reference", "alloc_mask_multiple", "mean_hd", "mean_dice");
		List<List<byte[][]>> sets = new ArrayList<>();
		for (int[] size : SIZES) sets.add(generate(n, size[0], size[1], new Random(size[0] * 31L + size[1])));
		// Warm-up, untimed: the JIT compiles the decoder and the metrics once per JVM, not once per pair; without
		// this the first size measured (the smallest) paid for the compilation and looked slower than 6 MP.
		for (int round = 0; round < 3; round++) {
			for (int s = 0; s < SIZES.length; s++) run(sets.get(s), SIZES[s][0], SIZES[s][1], cores, Math.min(4, n), null);
		}
		for (int s = 0; s < SIZES.length; s++) {
			int w = SIZES[s][0], h = SIZES[s][1];
			List<byte[][]> pairs = sets.get(s);
			run(pairs, w, h, 1, n, out);
			if (cores > 1) run(pairs, w, h, cores, n, out);
		}
		// All sizes together at all cores: the mix a dataset pass sees (equal pairs per size).
		int all = out.columns().indexOf("total_ms_per_pair"), th = out.columns().indexOf("threads");
		double sumMs = 0;
		int rows = 0;
		for (int r = 0; r < out.rowCount(); r++) {
			if (((Long) out.get(r, th)) != cores) continue;
			sumMs += out.getDouble(r, all);
			rows++;
		}
		double meanMs = sumMs / rows;
		double pairsPerS = 1000 / meanMs;
		double speedup = REFERENCE_SECONDS_PER_PAIR * 1000 / meanMs;
		System.out.printf(Locale.ROOT, "all sizes, %d thread(s): %.1f ms wall per pair = %.1f pairs/s, I/O (PNG decoding) included; reference %.0f ms per pair -> %.0fx "
			+ "(target >= %.0fx, <= %.1f ms per pair): %s; load average %s%n", cores, meanMs, pairsPerS, REFERENCE_SECONDS_PER_PAIR * 1000, speedup, TARGET_SPEEDUP,
			REFERENCE_SECONDS_PER_PAIR * 1000 / TARGET_SPEEDUP, speedup >= TARGET_SPEEDUP ? "MET" : "NOT MET", RunInfo.loadAverage());
		Files.createDirectories(dir);
		CsvTables.write(out, dir.resolve("metrics.csv"));
		java.util.Map<String, Object> j = RunInfo.header(loadBefore);
		j.put("pairs_per_size", (long) n);
		j.put("threads", (long) cores);
		j.put("mean_ms_per_pair", meanMs);
		j.put("pairs_per_s", pairsPerS);
		j.put("reference_ms_per_pair", REFERENCE_SECONDS_PER_PAIR * 1000);
		j.put("speedup_vs_reference", speedup);
		j.put("target_speedup", TARGET_SPEEDUP);
		j.put("target_met", speedup >= TARGET_SPEEDUP);
		j.put("sizes", RunInfo.rows(out));
		org.imapp.io.AtomicFiles.write(dir.resolve("metrics.json"), org.imapp.io.Json.write(j).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		System.out.println("Wrote " + dir.resolve("metrics.csv") + " and " + dir.resolve("metrics.json"));
	}

	private static void run(List<byte[][]> pairs, int w, int h, int threads, int n, Table out) throws Exception {
		double mp = (double) w * h / 1e6;
		long[] parts = new long[4]; // decode, analyse, metrics CPU ns; allocated bytes
		double[] sums = new double[2];
		long t0 = System.nanoTime();
		if (threads == 1) {
			for (int i = 0; i < n; i++) one(pairs.get(i), parts, sums);
		}
		else {
			ExecutorService es = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> fs = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					byte[][] p = pairs.get(i);
					fs.add(es.submit(() -> {
						long[] lp = new long[4];
						double[] ls = new double[2];
						one(p, lp, ls);
						synchronized (parts) {
							for (int k = 0; k < 4; k++) parts[k] += lp[k];
							sums[0] += ls[0];
							sums[1] += ls[1];
						}
						return null;
					}));
				}
				for (Future<?> f : fs) f.get();
			}
			finally {
				es.shutdown();
			}
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		if (out == null) return;
		double pairsPerS = n / seconds;
		double decode = parts[0] / 1e6 / n, analyse = parts[1] / 1e6 / n, metrics = parts[2] / 1e6 / n;
		double allocMultiple = parts[3] / (double) n / ((double) w * h);
		double speedup = REFERENCE_SECONDS_PER_PAIR * pairsPerS;
		System.out.printf(Locale.ROOT, "%5dx%-5d %5.1f MP, %d thread(s): %6.1f ms/pair wall (decode %.1f + analyse %.1f + metrics %.1f ms CPU per pair), "
			+ "%6.1f pairs/s, %7.0f MP/s, %5.0fx reference; allocates %.1f masks per pair; mean HD %.0f px, mean Dice %.3f%n", w, h, mp, threads, 1000 / pairsPerS,
			decode, analyse, metrics, pairsPerS, pairsPerS * mp, speedup, allocMultiple, sums[0] / n, sums[1] / n);
		out.addRow((long) w, (long) h, mp, (long) n, (long) threads, decode, analyse, metrics, 1000 / pairsPerS, pairsPerS, pairsPerS * mp, speedup, allocMultiple,
			sums[0] / n, sums[1] / n);
	}

	private static void one(byte[][] pngs, long[] parts, double[] sums) throws Exception {
		long bytes0 = allocated();
		long a = CPU.getCurrentThreadCpuTime();
		BinaryMask m1 = MaskIO.decode(pngs[0], "mask1.png");
		BinaryMask m2 = MaskIO.decode(pngs[1], "mask2.png");
		long b = CPU.getCurrentThreadCpuTime();
		MaskSurface s1 = MaskSurface.of(m1, "mask1.png"), s2 = MaskSurface.of(m2, "mask2.png");
		long c = CPU.getCurrentThreadCpuTime();
		PairMetrics p = OverlapMetrics.compute(s1, s2, MetricOptions.DEFAULT);
		long d = CPU.getCurrentThreadCpuTime();
		parts[0] += b - a;
		parts[1] += c - b;
		parts[2] += d - c;
		parts[3] += allocated() - bytes0;
		sums[0] += p.hd();
		sums[1] += p.dice();
	}

	/** Bytes this thread has allocated so far (HotSpot), or 0. */
	private static long allocated() {
		return CPU instanceof com.sun.management.ThreadMXBean t ? t.getCurrentThreadAllocatedBytes() : 0;
	}

	/** {@code n} pairs of PNG-encoded lesion masks. */
	static List<byte[][]> generate(int n, int w, int h, Random r) throws IOException {
		List<byte[][]> pairs = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			Lesion base = Lesion.random(r, w, h);
			BinaryMask a = base.annotate(r, w, h), b = base.annotate(r, w, h);
			pairs.add(new byte[][] { png(a), png(b) });
		}
		return pairs;
	}

	private static byte[] png(BinaryMask m) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		MaskIO.writePng(m, bytes);
		return bytes.toByteArray();
	}

	/** A lobed lesion outline r(θ) = R·(1 + Σ a_k sin(kθ + φ_k)) around a centre. */
	private record Lesion(double cx, double cy, double rx, double ry, double[] amp, double[] phase) {

		static Lesion random(Random r, int w, int h) {
			double[] amp = new double[5], phase = new double[5];
			for (int k = 0; k < 5; k++) {
				amp[k] = r.nextDouble() * 0.12 / (k + 1);
				phase[k] = r.nextDouble() * 2 * Math.PI;
			}
			// about a fifth of the image, off-centre as dermoscopy lesions often are
			return new Lesion(w * (0.4 + 0.2 * r.nextDouble()), h * (0.4 + 0.2 * r.nextDouble()), w * (0.2 + 0.08 * r.nextDouble()),
				h * (0.22 + 0.08 * r.nextDouble()), amp, phase);
		}

		/** One annotator's mask: the lesion shifted and scaled by a few percent, with its own jagged outline. */
		BinaryMask annotate(Random r, int w, int h) {
			double scale = 0.93 + 0.14 * r.nextDouble();
			double dx = (r.nextDouble() - 0.5) * 0.04 * w, dy = (r.nextDouble() - 0.5) * 0.04 * h;
			double[] jag = new double[24];
			for (int k = 0; k < jag.length; k++) jag[k] = r.nextDouble() * 2 * Math.PI;
			int jagFreq = 20 + r.nextInt(40);
			BinaryMask m = BinaryMask.empty(w, h);
			byte[] d = m.data();
			double ccx = cx + dx, ccy = cy + dy;
			for (int y = 0; y < h; y++) {
				double ny = (y - ccy) / (ry * scale);
				if (Math.abs(ny) > 1.6) continue;
				int row = y * w;
				for (int x = 0; x < w; x++) {
					double nx = (x - ccx) / (rx * scale);
					double rr = nx * nx + ny * ny;
					if (rr > 2.56) continue;
					double t = Math.atan2(ny, nx);
					double rad = 1;
					for (int k = 0; k < amp.length; k++) rad += amp[k] * Math.sin((k + 1) * t + phase[k]);
					rad += 0.01 * Math.sin(jagFreq * t + jag[0]) + 0.005 * Math.sin(3 * jagFreq * t + jag[1]);
					if (rr <= rad * rad) d[row + x] = 1;
				}
			}
			return m;
		}
	}
}
