package org.imapp.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures a benchmark phase: wall time, process CPU time (all threads), time in GC, and the
 * peaks of used heap and resident set size, sampled every few milliseconds by a daemon thread
 * (Linux {@code /proc/self/status}; RSS reads 0 elsewhere). {@code VmHWM} gives the process's
 * lifetime RSS peak as the kernel saw it.
 */
public final class ResourceMonitor implements AutoCloseable {

	/** What a phase cost. CPU utilisation is process CPU time / wall time / cores. */
	public record Phase(String name, double wallSeconds, double cpuSeconds, double gcSeconds, long peakHeapBytes, long peakRssBytes, int cores) {
		public double cpuUtilisation() {
			return wallSeconds <= 0 ? 0 : cpuSeconds / wallSeconds / cores;
		}
	}

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
	private final Thread sampler;
	private volatile boolean running = true;
	private volatile long peakHeap;
	private volatile long peakRss;

	private String name;
	private long wall0, cpu0, gc0;

	public ResourceMonitor(long sampleMillis) {
		sampler = new Thread(() -> {
			while (running) {
				sample();
				try {
					Thread.sleep(sampleMillis);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "imapp-resource-monitor");
		sampler.setDaemon(true);
		sampler.start();
	}

	private synchronized void sample() {
		long heap = memory.getHeapMemoryUsage().getUsed();
		if (heap > peakHeap) peakHeap = heap;
		long rss = statusKb("VmRSS:") * 1024;
		if (rss > peakRss) peakRss = rss;
	}

	/** Starts a phase (peaks are reset to the current usage). */
	public synchronized void begin(String phase) {
		name = phase;
		peakHeap = 0;
		peakRss = 0;
		sample();
		wall0 = System.nanoTime();
		cpu0 = processCpuNanos();
		gc0 = gcMillis();
	}

	/** Ends the phase begun last. */
	public synchronized Phase end() {
		sample();
		double wall = (System.nanoTime() - wall0) / 1e9;
		double cpu = (processCpuNanos() - cpu0) / 1e9;
		double gc = (gcMillis() - gc0) / 1e3;
		return new Phase(name, wall, cpu, gc, peakHeap, peakRss, Runtime.getRuntime().availableProcessors());
	}

	/** The process's lifetime RSS peak ({@code VmHWM}), bytes; 0 when unknown. */
	public static long lifetimePeakRss() {
		return statusKb("VmHWM:") * 1024;
	}

	static long processCpuNanos() {
		var os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
		// Fallback: the threads alive now (misses finished threads).
		var threads = ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (long id : threads.getAllThreadIds()) sum += Math.max(0, threads.getThreadCpuTime(id));
		return sum;
	}

	private static long gcMillis() {
		long sum = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionTime());
		return sum;
	}

	private static long statusKb(String key) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith(key)) return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
			}
		}
		catch (IOException | RuntimeException e) {
			// Not Linux: RSS unknown.
		}
		return 0;
	}

	@Override
	public void close() {
		running = false;
		sampler.interrupt();
	}
}
