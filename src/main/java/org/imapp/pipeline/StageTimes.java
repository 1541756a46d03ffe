package org.imapp.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a pipeline run spends its time: per stage, the thread time summed over all image tasks
 * and work counters (masks, pixels, pairs). Stages run interleaved inside each image task, so
 * their wall times are not separable; the benchmark apportions the run's wall time by these sums.
 */
public final class StageTimes {

	public static final String READ = "read";
	public static final String QA = "qa";
	public static final String CONSENSUS = "consensus";
	public static final String CONSENSUS_WRITE = "consensus_write";
	public static final String METRICS = "metrics";
	public static final String CHECKPOINT = "checkpoint";
	public static final String TABLES = "tables";

	/** Counters. */
	public static final String MASKS_READ = "masks_read";
	public static final String PIXELS_READ = "pixels_read";
	public static final String MASKS_CHECKED = "masks_checked";
	public static final String PIXELS_CHECKED = "pixels_checked";
	public static final String CONSENSUS_MASKS = "consensus_masks";
	public static final String CONSENSUS_PIXELS = "consensus_pixels";
	public static final String PAIRS = "pairs";
	public static final String PAIR_PIXELS = "pair_pixels";
	public static final String IMAGES = "images";

	private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	public void addNanos(String stage, long n) {
		nanos.computeIfAbsent(stage, k -> new LongAdder()).add(n);
	}

	public void count(String counter, long n) {
		counts.computeIfAbsent(counter, k -> new LongAdder()).add(n);
	}

	/** Thread time of a stage in seconds (0 when it never ran). */
	public double seconds(String stage) {
		LongAdder a = nanos.get(stage);
		return a == null ? 0 : a.sum() / 1e9;
	}

	public long count(String counter) {
		LongAdder a = counts.get(counter);
		return a == null ? 0 : a.sum();
	}

	/** Stage → seconds, in a stable order. */
	public Map<String, Double> secondsByStage() {
		Map<String, Double> out = new LinkedHashMap<>();
		for (String s : new String[] { READ, QA, CONSENSUS, CONSENSUS_WRITE, METRICS, CHECKPOINT, TABLES }) out.put(s, seconds(s));
		nanos.keySet().stream().sorted().forEach(k -> out.putIfAbsent(k, seconds(k)));
		return out;
	}

	/** Times a piece of work under a stage name. */
	public <T, E extends Exception> T time(String stage, Work<T, E> work) throws E {
		long t0 = System.nanoTime();
		try {
			return work.run();
		}
		finally {
			addNanos(stage, System.nanoTime() - t0);
		}
	}

	@FunctionalInterface
	public interface Work<T, E extends Exception> {
		T run() throws E;
	}
}
