package org.imapp.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.imapp.consensus.MajorityVote;
import org.imapp.consensus.Staple;
import org.imapp.consensus.StapleResult;
import org.imapp.consensus.VotePatterns;
import org.imapp.io.AtomicFiles;
import org.imapp.io.Json;
import org.imapp.mask.BinaryVolume;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.OverlapMetrics;
import org.imapp.metrics.PairMetrics;
import org.imapp.metrics.VolumeSurface;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * The n-D core on a 3-D multi-rater case (developer tool, not in the menus): 4 raters of a
 * 512×512×200 volume (52 MVoxel) with anisotropic voxels (0.5, 0.5, 2.0 mm), a smooth lobed
 * blob per rater perturbed in size, position and ripple. Times STAPLE + majority vote and the
 * 6 pairwise metrics (medpy's five plus MASD, HD95 max-directed and NSD) on all cores, with the
 * peak heap above the inputs, and writes {@code volume3d.csv} (per pair) and
 * {@code volume3d.json}.
 * <p>
 * References on the same volumes (written with {@code --raw}): ITK 5.2's
 * {@code STAPLEImageFilter} ({@code src/test/cpp/itk_staple_3d.cxx}) and medpy's per-pair calls
 * as IMA++'s {@code utils/metrics.py} makes them ({@code src/test/python/medpy_pair_3d.py}).
 * <p>
 * Times are wall and process CPU seconds (all threads), the median of {@code --repeats} runs
 * after an untimed warm-up; on a shared machine compare CPU seconds.
 * <p>
 * Usage: {@code Volume3dBenchmark [width height depth] [report-folder] [--repeats n] [--raw folder]}.
 */
public final class Volume3dBenchmark {

	private static final double[] SPACING = { 0.5, 0.5, 2.0 };
	private static final int RATERS = 4;
	/** ITK 5.2 STAPLEImageFilter on these volumes, process CPU seconds (itk_staple_3d; one thread). */
	private static final double ITK_STAPLE_CPU_S = 14.25;
	/** medpy dc, jc, hd, hd95, assd on one pair of these volumes, CPU seconds (medpy_pair_3d.py). */
	private static final double MEDPY_PAIR_CPU_S = Double.NaN;

	private Volume3dBenchmark() {}

	public static void main(String[] args) throws Exception {
		List<String> rest = new ArrayList<>(List.of(args));
		Path raw = null;
		int at = rest.indexOf("--raw");
		if (at >= 0) {
			raw = Paths.get(rest.get(at + 1));
			rest.subList(at, at + 2).clear();
		}
		int repeats = 3;
		at = rest.indexOf("--repeats");
		if (at >= 0) {
			repeats = Integer.parseInt(rest.get(at + 1));
			rest.subList(at, at + 2).clear();
		}
		int w = rest.size() >= 3 ? Integer.parseInt(rest.get(0)) : 512;
		int h = rest.size() >= 3 ? Integer.parseInt(rest.get(1)) : 512;
		int d = rest.size() >= 3 ? Integer.parseInt(rest.get(2)) : 200;
		Path report = Paths.get(rest.size() == 1 ? rest.get(0) : rest.size() >= 4 ? rest.get(3) : "target/benchmarks");
		String loadBefore = RunInfo.loadAverage();
		int cores = Runtime.getRuntime().availableProcessors();
		double raterMb = (double) w * h * d / (1 << 20);
		System.out.printf(Locale.ROOT, "%d raters of %dx%dx%d (%.1f MVoxel, %.0f MB each), spacing %s mm, %d cores, max heap %d MB, load %s%n", RATERS, w, h, d,
			w * (double) h * d / 1e6, raterMb, java.util.Arrays.toString(SPACING), cores, Runtime.getRuntime().maxMemory() >> 20, loadBefore);

		List<ArrayImg<UnsignedByteType, ByteArray>> raters = generate(w, h, d, new Random(20261201));
		if (raw != null) writeRaw(raters, raw);
		ExecutorService es = Executors.newFixedThreadPool(cores);
		try (ResourceMonitor monitor = new ResourceMonitor(5)) {
			// Warm-up, untimed, on a small volume: JIT compilation is a per-JVM cost.
			List<ArrayImg<UnsignedByteType, ByteArray>> small = generate(96, 96, 40, new Random(1));
			for (int i = 0; i < 3; i++) run(small, es, null, null);

			Table pairs = null;
			List<Measured> runs = new ArrayList<>();
			for (int r = 0; r < repeats; r++) {
				pairs = new Table("pair", "rater1", "rater2", "ms", "dice", "jaccard", "hd_mm", "hd95_mm", "assd_mm", "masd_mm", "nsd", "surface1", "surface2");
				Measured m = run(raters, es, monitor, pairs);
				runs.add(m);
				System.out.printf(Locale.ROOT, "run %d: consensus (vote patterns, STAPLE %d iterations, MV, both masks): %.2f s wall, %.2f s CPU, heap above the inputs %.1f "
					+ "rater volumes; metrics, 6 pairs: %.2f s wall, %.2f s CPU = %.2f s CPU per pair, heap above the inputs %.1f rater volumes; load %s%n", r + 1,
					m.iterations, m.consensusS, m.consensusCpuS, m.consensusHeap, m.metricsS, m.metricsCpuS, m.metricsCpuS / pairs.rowCount(), m.metricsHeap,
					RunInfo.loadAverage());
			}
			Measured med = Measured.median(runs);
			double perPairCpu = med.metricsCpuS / pairs.rowCount(), perPairWall = med.metricsS / pairs.rowCount();
			long rss = ResourceMonitor.lifetimePeakRss() >> 20;
			System.out.printf(Locale.ROOT, "median of %d: consensus %.2f s wall / %.2f s CPU (ITK STAPLE alone: %.1f s CPU -> %.0fx); per pair %.2f s wall / %.2f s CPU "
				+ "(medpy: %.1f s CPU -> %.0fx); process RSS peak %d MB = %.1f rater volumes (4 inputs included)%n", repeats, med.consensusS, med.consensusCpuS,
				ITK_STAPLE_CPU_S, ITK_STAPLE_CPU_S / med.consensusCpuS, perPairWall, perPairCpu, MEDPY_PAIR_CPU_S, MEDPY_PAIR_CPU_S / perPairCpu, rss, rss / raterMb);

			Map<String, Object> j = RunInfo.header(loadBefore);
			j.put("volume", List.of((long) w, (long) h, (long) d));
			j.put("spacing_mm", List.of(SPACING[0], SPACING[1], SPACING[2]));
			j.put("raters", (long) RATERS);
			j.put("rater_volume_mb", raterMb);
			j.put("threads", (long) cores);
			j.put("repeats", (long) repeats);
			j.put("consensus_s", med.consensusS);
			j.put("consensus_cpu_s", med.consensusCpuS);
			j.put("consensus_peak_heap_rater_volumes", med.consensusHeap);
			j.put("staple_iterations", (long) med.iterations);
			j.put("staple_sensitivity", toList(med.sensitivity));
			j.put("staple_specificity", toList(med.specificity));
			j.put("metrics_s_per_pair", perPairWall);
			j.put("metrics_cpu_s_per_pair", perPairCpu);
			j.put("metrics_peak_heap_rater_volumes", med.metricsHeap);
			j.put("lifetime_peak_rss_mb", rss);
			j.put("itk_staple_cpu_s", ITK_STAPLE_CPU_S);
			j.put("consensus_speedup_vs_itk_cpu", ITK_STAPLE_CPU_S / med.consensusCpuS);
			j.put("medpy_pair_cpu_s", MEDPY_PAIR_CPU_S);
			j.put("pair_speedup_vs_medpy_cpu", MEDPY_PAIR_CPU_S / perPairCpu);
			j.put("targets", "consensus >= 20x ITK STAPLE, pair >= 100x medpy");
			j.put("pairs", RunInfo.rows(pairs));
			Files.createDirectories(report);
			CsvTables.write(pairs, report.resolve("volume3d.csv"));
			AtomicFiles.write(report.resolve("volume3d.json"), Json.write(j).getBytes(StandardCharsets.UTF_8));
			System.out.println("Wrote " + report.resolve("volume3d.csv") + " and " + report.resolve("volume3d.json") + "; load average now " + RunInfo.loadAverage());
		}
		finally {
			es.shutdown();
		}
	}

	/** One measured run. */
	private record Measured(double consensusS, double consensusCpuS, double consensusHeap, int iterations, double[] sensitivity, double[] specificity,
			double metricsS, double metricsCpuS, double metricsHeap) {
		/** Component-wise medians (the estimates of the last run). */
		static Measured median(List<Measured> runs) {
			Measured last = runs.get(runs.size() - 1);
			return new Measured(med(runs, Measured::consensusS), med(runs, Measured::consensusCpuS), med(runs, Measured::consensusHeap), last.iterations,
				last.sensitivity, last.specificity, med(runs, Measured::metricsS), med(runs, Measured::metricsCpuS), med(runs, Measured::metricsHeap));
		}

		private static double med(List<Measured> runs, java.util.function.ToDoubleFunction<Measured> f) {
			double[] v = runs.stream().mapToDouble(f).sorted().toArray();
			return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
		}
	}

	/** Consensus then all pairs; measures when {@code monitor} is given. */
	private static Measured run(List<ArrayImg<UnsignedByteType, ByteArray>> raters, ExecutorService es, ResourceMonitor monitor, Table pairs) {
		if (monitor == null) {
			VotePatterns patterns = VotePatterns.ofRaters(raters, es, null);
			Staple.compute(patterns, Staple.Parameters.DEFAULT).consensusImage();
			MajorityVote.computeImage(patterns);
			metrics(raters, es, null);
			return null;
		}
		double raterBytes = raters.get(0).size();
		long base = settledHeap();
		monitor.begin("consensus");
		long t0 = System.nanoTime();
		VotePatterns patterns = VotePatterns.ofRaters(raters, es, null);
		StapleResult st = Staple.compute(patterns, Staple.Parameters.DEFAULT);
		// Both output masks are made, as the consensus command writes them (the probability map is not).
		st.consensusImage();
		MajorityVote.computeImage(patterns);
		double consensusS = (System.nanoTime() - t0) / 1e9;
		ResourceMonitor.Phase consensus = monitor.end();
		double consensusHeap = (consensus.peakHeapBytes() - base) / raterBytes;

		base = settledHeap();
		monitor.begin("metrics");
		t0 = System.nanoTime();
		metrics(raters, es, pairs);
		double metricsS = (System.nanoTime() - t0) / 1e9;
		ResourceMonitor.Phase m = monitor.end();
		return new Measured(consensusS, consensus.cpuSeconds(), consensusHeap, st.iterations(), st.sensitivity(), st.specificity(), metricsS, m.cpuSeconds(),
			(m.peakHeapBytes() - base) / raterBytes);
	}

	private static void metrics(List<ArrayImg<UnsignedByteType, ByteArray>> raters, ExecutorService es, Table pairs) {
		List<VolumeSurface> surfaces = new ArrayList<>();
		for (int i = 0; i < raters.size(); i++) surfaces.add(VolumeSurface.of(BinaryVolume.of(raters.get(i)), "R" + (i + 1)));
		for (int a = 0; a < raters.size(); a++) {
			for (int b = a + 1; b < raters.size(); b++) {
				long t = System.nanoTime();
				PairMetrics p = OverlapMetrics.compute(surfaces.get(a), surfaces.get(b), SPACING, MetricOptions.DEFAULT, es);
				double ms = (System.nanoTime() - t) / 1e6;
				if (pairs != null) {
					pairs.addRow("R" + (a + 1) + "-R" + (b + 1), "R" + (a + 1), "R" + (b + 1), ms, p.dice(), p.jaccard(), p.hd(), p.hd95(), p.assd(), p.masd(), p.nsd(),
						(long) p.surface1(), (long) p.surface2());
				}
			}
		}
	}

	/** Heap in use after a GC, the baseline a phase's peak is measured from. */
	private static long settledHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static List<Object> toList(double[] v) {
		List<Object> out = new ArrayList<>();
		for (double x : v) out.add(x);
		return out;
	}

	/**
	 * {@value #RATERS} raters of one smooth lobed blob: voxel (x, y, z) is foreground where
	 * qx(x) + qy(y) + qz(z) + b·sx(x)·sy(y) &lt; 1, q an axis's squared normalised distance plus
	 * a low-frequency ripple (separable, so a 52-MVoxel volume takes well under a second); each
	 * rater has its own scale, shift, ripple phases and a few spurious islands.
	 */
	static List<ArrayImg<UnsignedByteType, ByteArray>> generate(int w, int h, int d, Random r) {
		double cx = w * (0.45 + 0.1 * r.nextDouble()), cy = h * (0.45 + 0.1 * r.nextDouble()), cz = d * (0.45 + 0.1 * r.nextDouble());
		double rx = 0.3 * w, ry = 0.27 * h, rz = 0.32 * d;
		List<ArrayImg<UnsignedByteType, ByteArray>> out = new ArrayList<>();
		for (int k = 0; k < RATERS; k++) {
			double scale = 0.95 + 0.1 * r.nextDouble();
			double[] qx = axis(w, cx + (r.nextDouble() - 0.5) * 0.03 * w, rx * scale, r);
			double[] qy = axis(h, cy + (r.nextDouble() - 0.5) * 0.03 * h, ry * scale, r);
			double[] qz = axis(d, cz + (r.nextDouble() - 0.5) * 0.03 * d, rz * scale, r);
			double[] sx = wave(w, r), sy = wave(h, r);
			double b = 0.08;
			byte[] v = new byte[Math.multiplyExact(Math.multiplyExact(w, h), d)];
			for (int z = 0; z < d; z++) {
				if (qz[z] >= 1.5) continue;
				for (int y = 0; y < h; y++) {
					double base = qz[z] + qy[y];
					if (base >= 1.5) continue;
					double by = b * sy[y];
					int row = (z * h + y) * w;
					for (int x = 0; x < w; x++) if (base + qx[x] + by * sx[x] < 1) v[row + x] = 1;
				}
			}
			// A few small spurious islands per rater (annotators' stray clicks).
			for (int i = 0; i < 5; i++) {
				int x0 = r.nextInt(w - 4), y0 = r.nextInt(h - 4), z0 = r.nextInt(d - 2);
				for (int z = z0; z < z0 + 2; z++) for (int y = y0; y < y0 + 4; y++) for (int x = x0; x < x0 + 4; x++) v[(z * h + y) * w + x] = 1;
			}
			out.add(ArrayImgs.unsignedBytes(v, w, h, d));
		}
		return out;
	}

	/** ((i - c) / radius)² plus a ripple of three low frequencies. */
	private static double[] axis(int n, double c, double radius, Random r) {
		double[] q = new double[n];
		double[] a = { 0.06 * r.nextDouble(), 0.03 * r.nextDouble(), 0.015 * r.nextDouble() }, phase = { 6.3 * r.nextDouble(), 6.3 * r.nextDouble(), 6.3 * r.nextDouble() };
		for (int i = 0; i < n; i++) {
			double t = (i - c) / radius;
			q[i] = t * t;
			for (int k = 0; k < 3; k++) q[i] += a[k] * Math.sin((k + 2) * Math.PI * i / n + phase[k]);
		}
		return q;
	}

	private static double[] wave(int n, Random r) {
		double[] s = new double[n];
		double f = 3 + 4 * r.nextDouble(), phase = 6.3 * r.nextDouble();
		for (int i = 0; i < n; i++) s[i] = Math.sin(f * Math.PI * i / n + phase);
		return s;
	}

	/** The raters as raw 0/1 bytes (x fastest) for the ITK and medpy reference programs. */
	private static void writeRaw(List<ArrayImg<UnsignedByteType, ByteArray>> raters, Path dir) throws IOException {
		Files.createDirectories(dir);
		for (int i = 0; i < raters.size(); i++) {
			try (OutputStream out = Files.newOutputStream(dir.resolve("R" + (i + 1) + ".raw"))) {
				out.write(raters.get(i).update(null).getCurrentStorageArray());
			}
		}
		System.out.println("Wrote raw raters to " + dir);
	}
}
