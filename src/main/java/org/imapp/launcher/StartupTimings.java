package org.imapp.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code ./imapp --timings}: seconds from the JVM's start to each step before the first command
 * does useful work (main, ImageJ loaded, SciJava context, command started), then to its end, and
 * the process's CPU time, on one stderr line.
 */
final class StartupTimings {

	/** Seconds from the process start to {@link #mainNanos}, or NaN when the OS does not say. */
	private final double jvmToMain;
	private final long mainNanos;

	private StartupTimings(double jvmToMain, long mainNanos) {
		this.jvmToMain = jvmToMain;
		this.mainNanos = mainNanos;
	}

	static StartupTimings atMain() {
		long now = System.nanoTime();
		double toMain = ProcessHandle.current().info().startInstant()
			.map(start -> Duration.between(start, Instant.now()).toNanos() / 1e9).orElse(Double.NaN);
		return new StartupTimings(toMain, now);
	}

	/** @param context {@code HeadlessImageJ.startupNanos()}: context start, context ready, first command start (0: none) */
	void report(PrintStream err, long beforeImageJ, long imageJReady, long[] context, long end) {
		StringBuilder sb = new StringBuilder("imapp: timings (s since JVM start): main ").append(f(0));
		sb.append(", ImageJ loaded ").append(f(imageJReady)).append(" (").append(s(imageJReady - beforeImageJ)).append(" s)");
		if (context[0] != 0) sb.append(", SciJava context ").append(f(context[1])).append(" (").append(s(context[1] - context[0])).append(" s)");
		if (context[2] != 0) sb.append(", first command started ").append(f(context[2]));
		sb.append(", done ").append(f(end));
		ProcessHandle.current().info().totalCpuDuration().ifPresent(cpu -> sb.append("; CPU ").append(s(cpu.toNanos())).append(" s"));
		err.println(sb);
	}

	private String f(long nanos) {
		double sinceMain = nanos == 0 ? 0 : (nanos - mainNanos) / 1e9;
		return String.format(Locale.ROOT, "%.3f", (Double.isNaN(jvmToMain) ? 0 : jvmToMain) + sinceMain);
	}

	private static String s(long nanos) {
		return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
	}
}
