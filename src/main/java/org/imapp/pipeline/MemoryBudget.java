package org.imapp.pipeline;

import java.util.concurrent.Semaphore;

/**
 * Bounds the bytes that image tasks hold at once, so a pool with many threads cannot exhaust the
 * heap on a run of 30-megapixel images: a task acquires its estimate before decoding and releases
 * it when done. An estimate above the whole budget is clamped to it: that image runs alone.
 */
final class MemoryBudget {

	private static final int UNIT = 1 << 20; // permits are megabytes
	private final Semaphore permits;
	private final int total;

	/** A budget of {@code share} of the maximum heap (at least 256 MB). */
	static MemoryBudget ofHeap(double share) {
		long bytes = (long) (Runtime.getRuntime().maxMemory() * share);
		return new MemoryBudget(Math.max(256L << 20, bytes));
	}

	MemoryBudget(long bytes) {
		total = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
		permits = new Semaphore(total, true);
	}

	/** Blocks until {@code bytes} are available; returns the permits taken (pass to {@link #release}). */
	int acquire(long bytes) throws InterruptedException {
		int n = (int) Math.max(1, Math.min(total, (bytes + UNIT - 1) / UNIT));
		permits.acquire(n);
		return n;
	}

	void release(int taken) {
		permits.release(taken);
	}

	long totalBytes() {
		return (long) total * UNIT;
	}
}
