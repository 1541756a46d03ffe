package org.imapp.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.progress.ProgressMonitor;
import org.imapp.qa.ConnectedComponents;
import org.imapp.qa.IntegrityCheck;
import org.imapp.qa.MaskQa;
import org.imapp.io.Md5;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Throughput of mask QA on full-resolution masks: generates {@code N} lesion-like masks of
 * {@code W × H} (default 300 of 3000 × 2000 = 6 MP; jagged outlines, some islands and specks,
 * some touching the border) as a dataset in IMA++ layout under {@code target/benchmarks/qa-data}
 * (reused when present), then times {@link MaskQa} with 1 and 2 threads, its parts (decode,
 * labelling) and {@link IntegrityCheck}. Figures are printed and written to
 * {@code target/benchmarks/qa.csv}.
 * <p>
 * Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.imapp.bench.QaBenchmark [N W H]}
 */
public final class QaBenchmark {

	private static final int REPEATS = 2;

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
		int w = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
		int h = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
		Path root = Paths.get("target", "benchmarks");
		Path data = root.resolve("qa-data-" + n + "-" + w + "x" + h);
		generate(data, n, w, h);
		double mp = (double) n * w * h / 1e6;

		Table out = new Table("benchmark", "threads", "masks", "megapixels", "seconds", "cpu_seconds", "masks_per_s", "megapixels_per_s");
		System.out.printf(Locale.ROOT, "%d masks of %dx%d (%.0f MP in all), %d cores, max heap %d MB%n", n, w, h, mp,
			Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		try (Dataset ds = Dataset.load(DatasetPaths.of(data))) {
			// Warm-up: JIT and page cache.
			MaskQa.run(ds.withRecords(ds.records().subList(0, Math.min(20, n))), MaskQa.Options.DEFAULT, 2, ProgressMonitor.NONE);

			for (int threads : new int[] { 1, 2 }) {
				time(out, "mask QA (all checks)", threads, n, mp, () -> MaskQa.run(ds, MaskQa.Options.DEFAULT, threads, ProgressMonitor.NONE));
				time(out, "mask QA (published only)", threads, n, mp, () -> MaskQa.run(ds, MaskQa.Options.PUBLISHED, threads, ProgressMonitor.NONE));
			}
			time(out, "integrity check (MD5)", 2, n, mp, () -> IntegrityCheck.run(ds, 2, ProgressMonitor.NONE));

			// Where one thread's time goes (encoded files in memory, one decoded mask at a time).
			List<byte[]> files = new ArrayList<>();
			int parts = Math.min(n, 60);
			for (SegRecord r : ds.records().subList(0, parts)) files.add(ds.masks().readBytes(r.segFilename()));
			double partMp = (double) parts * w * h / 1e6;
			time(out, "part: PNG decode", 1, parts, partMp, () -> {
				for (byte[] f : files) MaskIO.decode(f, "bench");
			});
			time(out, "part: PNG decode + value count", 1, parts, partMp, () -> {
				for (byte[] f : files) MaskIO.decodeCountingValues(f, "bench");
			});
			BinaryMask one = MaskIO.decode(files.get(0), "bench");
			time(out, "part: 8-connected labelling", 1, parts, partMp, () -> {
				for (int i = 0; i < parts; i++) ConnectedComponents.of(one);
			});
			time(out, "part: MD5 of file", 1, parts, partMp, () -> {
				for (byte[] f : files) Md5.of(f);
			});
		}
		Path csv = root.resolve("qa.csv");
		CsvTables.write(out, csv);
		System.out.println("Written " + csv.toAbsolutePath());
	}

	interface Work {
		void run() throws Exception;
	}

	/**
	 * Best of {@link #REPEATS} runs (other processes share the machine); also records the
	 * process CPU time of that run, whose ratio to wall time shows how many cores were busy.
	 */
	private static void time(Table out, String name, int threads, int masks, double mp, Work work) throws Exception {
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		double best = Double.MAX_VALUE, cpu = 0;
		for (int i = 0; i < REPEATS; i++) {
			long c0 = os.getProcessCpuTime();
			long t0 = System.nanoTime();
			work.run();
			double s = (System.nanoTime() - t0) / 1e9;
			if (s < best) {
				best = s;
				cpu = (os.getProcessCpuTime() - c0) / 1e9;
			}
		}
		out.addRow(name, (long) threads, (long) masks, round(mp), round(best), round(cpu), round(masks / best), round(mp / best));
		System.out.printf(Locale.ROOT, "%-32s threads=%d  %7.2f s (cpu %6.2f s)  %8.1f masks/s  %8.1f MP/s%n", name, threads, best, cpu, masks / best, mp / best);
	}

	private static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}

	/** Writes the dataset unless a complete one is already there. */
	private static void generate(Path dir, int n, int w, int h) throws IOException {
		Path seg = dir.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
		if (Files.isRegularFile(seg)) return;
		Path segs = dir.resolve("segs");
		Files.createDirectories(segs);
		Random rnd = new Random(20240601);
		StringBuilder meta = new StringBuilder(String.join(",", SegRecord.COLUMNS)).append('\n');
		StringBuilder img = new StringBuilder("isic_id,pixels_x,pixels_y\n");
		long t0 = System.nanoTime();
		for (int i = 0; i < n; i++) {
			// Two masks per image, as in the multi-annotator subset.
			String id = String.format(Locale.ROOT, "ISIC_%07d", i / 2);
			if (i % 2 == 0) img.append(id).append(',').append(w).append(',').append(h).append('\n');
			String obj = String.format(Locale.ROOT, "%024x", i);
			String name = id + "_A0" + (i % 2) + "_T1_S1_" + obj + ".png";
			byte[] png = encode(lesion(w, h, rnd));
			Files.write(segs.resolve(name), png);
			meta.append(String.join(",", id, id + ".JPG", name, "A0" + (i % 2), "T1", "S1", obj, Md5.of(png))).append('\n');
		}
		Files.createDirectories(seg.getParent());
		Files.writeString(dir.resolve("metadata").resolve(DatasetPaths.IMG_METADATA), img);
		Files.writeString(seg, meta);
		System.out.printf(Locale.ROOT, "Generated %d masks in %.1f s under %s%n", n, (System.nanoTime() - t0) / 1e9, dir);
	}

	private static byte[] encode(BinaryMask m) throws IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (OutputStream o = bytes) {
			MaskIO.writePng(m, o);
		}
		return bytes.toByteArray();
	}

	/** A jagged ellipse (sometimes reaching the border), sometimes an island, a few specks. */
	static BinaryMask lesion(int w, int h, Random rnd) {
		BinaryMask m = BinaryMask.empty(w, h);
		double cx = w * (0.35 + 0.3 * rnd.nextDouble()), cy = h * (0.35 + 0.3 * rnd.nextDouble());
		double scale = rnd.nextInt(10) == 0 ? 0.65 : 0.25 + 0.15 * rnd.nextDouble();
		ellipse(m, cx, cy, w * scale, h * scale, rnd);
		if (rnd.nextInt(5) == 0) ellipse(m, w * 0.15, h * 0.15, w * 0.04, h * 0.04, rnd);
		for (int s = rnd.nextInt(4); s > 0; s--) m.set(rnd.nextInt(w), rnd.nextInt(h), true);
		return m;
	}

	private static void ellipse(BinaryMask m, double cx, double cy, double a, double b, Random rnd) {
		double phase = rnd.nextDouble() * 6.3;
		byte[] d = m.data();
		for (int y = Math.max(0, (int) (cy - b)); y < Math.min(m.height(), (int) (cy + b)); y++) {
			double t = (y - cy) / b;
			double half = a * Math.sqrt(Math.max(0, 1 - t * t)) * (1 + 0.06 * Math.sin(y / 23.0 + phase)) + rnd.nextInt(5) - 2;
			int x0 = (int) Math.max(0, cx - half), x1 = (int) Math.min(m.width(), cx + half);
			if (x1 > x0) java.util.Arrays.fill(d, y * m.width() + x0, y * m.width() + x1, (byte) 1);
		}
	}
}
