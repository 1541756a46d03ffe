package org.imapp.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.imapp.data.DatasetPaths;
import org.imapp.mask.MaskIO;

/**
 * Which JIT compiler a {@code ./imapp} run gets. A short run spends as much CPU compiling as
 * working: C2's compilations, and the slow profiled code that runs until they land, cost more
 * than they ever return (a trivial command: 0.5 of 1.2 s of CPU; the 16-image sample: 4 of
 * 11 s). A long run needs C2's code in its per-pixel loops. So {@code ./imapp} starts with C1
 * only ({@code -XX:TieredStopAtLevel=1 -Dimapp.jit=quick}); when the work is large, this class
 * runs the same command again in a JVM with the full JIT and passes its exit status on.
 * <p>
 * "Large": the dataset's masks hold more than {@link #FULL_JIT_PIXELS} pixels in all, read from
 * the PNG headers of {@code dataset/segs/}, {@code segs.zip} or {@code masks=}; a {@code manifest=} dataset (3-D
 * volumes) always is, and so is {@code IMA++ Benchmark}. A run without a {@code dataset=} (a figure from tables, a macro without
 * argument) stays quick.
 */
final class JitChoice {

	/**
	 * Mask pixels above which the full JIT pays off: Run Pipeline through {@code ./imapp} on the
	 * subset's real sizes (2 cores, idle) took 3.8 / 5.8 s (C1 / full) on 0.36 GP, 8.9 / 10.5 s on
	 * 2.0 GP and 22.5 / 20.4 s on 8.1 GP; the lines cross near 4.6 GP, about 200 images.
	 */
	static final long FULL_JIT_PIXELS = 4_000_000_000L;

	/** The system property {@code ./imapp} sets on a quick (C1-only) JVM. */
	static final String PROPERTY = "imapp.jit";

	private static final Pattern KEY = Pattern.compile("(?:^|\\s)(\\w+)=(?:\\[([^\\]]*)\\]|(\\S+))");

	private JitChoice() {}

	/** True in a quick JVM asked for work that needs the full JIT. */
	static boolean needsFullJit(List<String> args) {
		if (!"quick".equals(System.getProperty(PROPERTY)) || args.isEmpty()) return false;
		// A benchmark generates its own data, and its figures are meant for the full JIT.
		if (args.get(0).equals("run") && args.size() > 1 && args.get(1).strip().equals("IMA++ Benchmark")) return true;
		String options = switch (args.get(0)) {
			case "run" -> args.size() > 2 ? args.get(2) : "";
			case "macro" -> args.size() > 2 ? args.get(2) : "";
			default -> "";
		};
		return isLarge(options);
	}

	/** True when macro {@code options} name a manifest, or a dataset whose masks exceed {@link #FULL_JIT_PIXELS}. */
	static boolean isLarge(String options) {
		Map<String, String> keys = new HashMap<>();
		for (Matcher m = KEY.matcher(options); m.find();) keys.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
		if (keys.containsKey("manifest")) return true;
		String dataset = keys.get("dataset");
		if (dataset == null || dataset.isBlank()) return false;
		String masks = keys.get("masks");
		return maskPixels(new File(dataset.strip()), masks == null ? null : new File(masks.strip()), FULL_JIT_PIXELS) > FULL_JIT_PIXELS;
	}

	/**
	 * The pixels of the PNG masks of a dataset (its {@code segs/} or {@code segs.zip}, or
	 * {@code masks}, as {@link DatasetPaths} finds them), read from their headers and counted until
	 * {@code stopAbove}; 0 when there is nothing readable (the command then reports why).
	 */
	static long maskPixels(File dataset, File masks, long stopAbove) {
		long total = 0;
		try {
			Path segs = DatasetPaths.resolve(dataset, null, masks, null).masks();
			if (Files.isDirectory(segs)) {
				try (DirectoryStream<Path> files = Files.newDirectoryStream(segs, "*.png")) {
					for (Path f : files) {
						try (InputStream in = Files.newInputStream(f)) {
							total += MaskIO.declaredPngPixels(in);
						}
						if (total > stopAbove) break;
					}
				}
			}
			else {
				try (ZipFile zip = new ZipFile(segs.toFile())) {
					for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements() && total <= stopAbove;) {
						ZipEntry entry = e.nextElement();
						if (!entry.isDirectory() && entry.getName().endsWith(".png")) {
							try (InputStream in = zip.getInputStream(entry)) {
								total += MaskIO.declaredPngPixels(in);
							}
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// An unreadable dataset is the command's to report; the quick JIT is fine for that.
		}
		return total;
	}

	/** The launcher's option for small runs' heap (first-touch page faults), dropped for large ones. */
	static final String SMALL_RUN_HEAP = "-XX:+UseTransparentHugePages";

	/**
	 * The initial heap of a large run, unless the user chose one: 1 GB, at most half the maximum.
	 * G1 starting from its small default heap collects all the time while masks of many MB stream
	 * through (the full subset through Run Pipeline, -Xmx4g: 11.5 s of GC, 73.9 s; with -Xms1g
	 * 1.5 s and 51.8 s); a much larger start (-Xms4g) is as slow again, its young generation
	 * touching fresh memory all along (26 s of system time).
	 */
	static String largeRunInitialHeap(List<String> jvmArgs, long maxHeapBytes) {
		for (String a : jvmArgs) if (a.startsWith("-Xms") || a.startsWith("-XX:InitialHeapSize=")) return null;
		long mb = Math.min(1024, maxHeapBytes / 2 / (1 << 20));
		return mb >= 64 ? "-Xms" + mb + "m" : null;
	}

	/**
	 * Runs {@code args} again in a JVM with the full JIT (this JVM's options without the quick
	 * ones and the launcher's small-run heap option, plus {@link #largeRunInitialHeap}), output and
	 * input inherited; its exit status.
	 * The child goes when this JVM is stopped.
	 */
	static int rerunWithFullJit(String[] args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		// The launcher's small-run options come before its -Dimapp.jit=quick; the user's after it.
		boolean launcherOptions = true;
		for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (a.startsWith("-D" + PROPERTY + "=")) {
				launcherOptions = false;
				continue;
			}
			if (a.equals("-XX:TieredStopAtLevel=1") || launcherOptions && a.equals(SMALL_RUN_HEAP)) continue;
			cmd.add(a);
		}
		String initial = largeRunInitialHeap(ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory());
		if (initial != null) cmd.add(initial);
		cmd.add("-D" + PROPERTY + "=full");
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(Imapp.class.getName());
		cmd.addAll(List.of(args));
		Process child = new ProcessBuilder(cmd).inheritIO().start();
		Thread stopChild = new Thread(child::destroy);
		Runtime.getRuntime().addShutdownHook(stopChild);
		int status = child.waitFor();
		Runtime.getRuntime().removeShutdownHook(stopChild);
		return status;
	}
}
