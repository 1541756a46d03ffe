package org.imapp.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./imapp --timings}: seconds from the JVM's start to each step before the first command
 * does useful work (main, ImageJ loaded, SciJava context, command started), then to its end, and
 * the process's CPU time, on one stderr line.
 */
final class StartupTimings {

	/** Seconds from the launch to {@link #mainNanos}, or NaN when unknown. */
	private final double jvmToMain;
	private final long mainNanos;

	private StartupTimings(double jvmToMain, long mainNanos) {
		this.jvmToMain = jvmToMain;
		this.mainNanos = mainNanos;
	}

	/**
	 * Now, at the start of main. The launch time is {@code IMAPP_LAUNCHED} (epoch nanoseconds,
	 * set by {@code ./imapp}, so the script's own checks count), else the JVM's start.
	 */
	static StartupTimings atMain() {
		long now = System.nanoTime();
		Instant nowInstant = Instant.now();
		double toMain;
		try {
			String launched = System.getenv("IMAPP_LAUNCHED");
			long launchEpochNanos = launched != null && !launched.isBlank() ? Long.parseLong(launched.strip())
				: java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000_000L;
			toMain = (nowInstant.getEpochSecond() * 1_000_000_000L + nowInstant.getNano() - launchEpochNanos) / 1e9;
		}
		catch (RuntimeException e) {
			toMain = Double.NaN;
		}
		return new StartupTimings(toMain, now);
	}

	/**
	 * @param context {@code HeadlessImageJ.startupNanos()}: context start, context ready, first command start (0: none)
	 * @param closed when ImageJ and the context were shut down after the work ({@code end})
	 */
	void report(PrintStream err, long beforeImageJ, long imageJReady, long[] context, long end, long closed) {
		StringBuilder sb = new StringBuilder("imapp: timings (s since launch): JVM main ").append(f(0));
		sb.append(", ImageJ loaded ").append(f(imageJReady)).append(" (").append(s(imageJReady - beforeImageJ)).append(" s)");
		if (context[0] != 0) sb.append(", SciJava context ").append(f(context[1])).append(" (").append(s(context[1] - context[0])).append(" s)");
		if (context[2] != 0) sb.append(", first command started ").append(f(context[2]));
		sb.append(", done ").append(f(end)).append(", closed ").append(f(closed));
		sb.append("; JIT ").append(System.getProperty(JitChoice.PROPERTY, "default"));
		ProcessHandle.current().info().totalCpuDuration().ifPresent(cpu -> sb.append("; CPU ").append(s(cpu.toNanos())).append(" s"));
		String threads = cpuByThreadKind();
		if (!threads.isEmpty()) sb.append(" (live threads: ").append(threads).append(")");
		err.println(sb);
	}

	/**
	 * CPU seconds by kind of thread (JIT compilers, GC, the rest), where Linux tells
	 * ({@code /proc/self/task/<tid>/stat}); empty elsewhere.
	 */
	private static String cpuByThreadKind() {
		Map<String, Long> ticks = new TreeMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
			for (Path task : tasks) {
				String stat = Files.readString(task.resolve("stat"));
				int open = stat.indexOf('('), close = stat.lastIndexOf(')');
				String name = stat.substring(open + 1, close);
				String[] f = stat.substring(close + 2).split(" ");
				// Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name.
				long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
				String kind = name.startsWith("C1 ") || name.startsWith("C2 ") ? "JIT" : name.startsWith("GC ") || name.startsWith("G1 ") ? "GC" : "other threads";
				ticks.merge(kind, t, Long::sum);
			}
		}
		catch (IOException | RuntimeException e) {
			return "";
		}
		// Linux reports in clock ticks of 1/100 s (USER_HZ) on every common configuration.
		StringBuilder sb = new StringBuilder();
		ticks.forEach((k, t) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format(Locale.ROOT, "%.2f", t / 100.0)));
		return sb.toString();
	}

	private String f(long nanos) {
		double sinceMain = nanos == 0 ? 0 : (nanos - mainNanos) / 1e9;
		return String.format(Locale.ROOT, "%.3f", (Double.isNaN(jvmToMain) ? 0 : jvmToMain) + sinceMain);
	}

	private static String s(long nanos) {
		return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
	}
}
