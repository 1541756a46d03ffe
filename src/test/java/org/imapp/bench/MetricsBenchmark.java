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
 * PNG, then times per pair: decoding both PNGs, analysing both masks ({@link MaskSurface}) and all
 * metrics ({@link OverlapMetrics}), with 1 thread and with one pair per thread on all cores.
 * Prints pairs/s and megapixels/s (image pixels per pair, the IMA++ workload unit) and writes
 * {@code target/benchmarks/metrics.csv}.
 * <p>
 * Reference: IMA++'s medpy code needed 166 s for 109 full-resolution pairs on 2 worker processes,
 * about 1.5 s per pair; the target is at least 100× that throughput.
 * <p>
 * Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.imapp.bench.MetricsBenchmark [N]}
 */
public final class MetricsBenchmark {

	/** Camera sizes from the IMA++ subset: 2 MP up to its largest image, 6808 × 4519. */
	private static final int[][] SIZES = { { 1728, 1152 }, { 3024, 2016 }, { 4288, 2848 }, { 6000, 4000 }, { 6808, 4519 } };

	/** Parts are timed in thread CPU time: the wall clock of a shared machine says little about a 5 ms step. */
	private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 24;
		int cores = Runtime.getRuntime().availableProcessors();
		System.out.printf(Locale.ROOT, "%d pairs per size, %d cores, max heap %d MB%n", n, cores, Runtime.getRuntime().maxMemory() >> 20);
		Table out = new Table("width", "height", "megapixels", "pairs", "threads", "decode_ms_per_pair", "analyse_ms_per_pair", "metrics_ms_per_pair",
			"total_ms_per_pair", "pairs_per_s", "megapixels_per_s", "mean_hd", "mean_dice");
		for (int[] size : SIZES) {
			int w = size[0], h = size[1];
			List<byte[][]> pairs = generate(n, w, h, new Random(w * 31L + h));
			run(pairs, w, h, 1, Math.min(4, n), null); // warm-up
			run(pairs, w, h, 1, n, out);
			if (cores > 1) run(pairs, w, h, cores, n, out);
		}
		Path dir = Paths.get("target", "benchmarks");
		Files.createDirectories(dir);
		CsvTables.write(out, dir.resolve("metrics.csv"));
		System.out.println("Wrote " + dir.resolve("metrics.csv"));
	}

	private static void run(List<byte[][]> pairs, int w, int h, int threads, int n, Table out) throws Exception {
		double mp = (double) w * h / 1e6;
		long[] parts = new long[3];
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
						long[] lp = new long[3];
						double[] ls = new double[2];
						one(p, lp, ls);
						synchronized (parts) {
							for (int k = 0; k < 3; k++) parts[k] += lp[k];
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
		System.out.printf(Locale.ROOT, "%5dx%-5d %5.1f MP, %d thread(s): %6.1f ms/pair wall (decode %.1f + analyse %.1f + metrics %.1f ms CPU per pair), "
			+ "%6.1f pairs/s, %7.0f MP/s; mean HD %.0f px, mean Dice %.3f%n", w, h, mp, threads, 1000 / pairsPerS, decode, analyse, metrics, pairsPerS,
			pairsPerS * mp, sums[0] / n, sums[1] / n);
		out.addRow((long) w, (long) h, mp, (long) n, (long) threads, decode, analyse, metrics, 1000 / pairsPerS, pairsPerS, pairsPerS * mp, sums[0] / n,
			sums[1] / n);
	}

	private static void one(byte[][] pngs, long[] parts, double[] sums) throws Exception {
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
		sums[0] += p.hd();
		sums[1] += p.dice();
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
