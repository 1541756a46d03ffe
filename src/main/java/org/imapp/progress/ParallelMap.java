package org.imapp.progress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;


/**
 * Applies a function to every item on an executor and returns the results in item order.
 * Only a small window of tasks is queued at a time, so a cancel stops the run after the tasks
 * already running, and memory is bounded by what those few tasks hold (a few decoded masks),
 * not by the dataset. Progress is reported, and cancel polled, from the calling thread.
 */
public final class ParallelMap {

	private ParallelMap() {}

	/** A per-item function; it should turn bad input into a result, not an exception. */
	@FunctionalInterface
	public interface Task<T, R> {
		R apply(T item) throws Exception;
	}

	/** Tasks that throw nothing checked: any other failure is a bug and comes out as {@link IllegalStateException}. */
	public static <T, R> List<R> map(List<T> items, Task<T, R> task, ExecutorService executor, ProgressMonitor monitor, String message) {
		try {
			return run(items, task, executor, monitor, message);
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrapUnchecked(e);
		}
	}

	/** As {@link #map}, for tasks whose checked failures are I/O (an output that cannot be written). */
	public static <T, R> List<R> mapChecked(List<T> items, Task<T, R> task, ExecutorService executor, ProgressMonitor monitor, String message)
		throws IOException {
		try {
			return run(items, task, executor, monitor, message);
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrap(e);
		}
	}

	private static <T, R> List<R> run(List<T> items, Task<T, R> task, ExecutorService executor, ProgressMonitor monitor, String message)
		throws ExecutionException {
		int n = items.size();
		Object[] out = new Object[n];
		CompletionService<Integer> cs = new ExecutorCompletionService<>(executor);
		int window = executor instanceof ThreadPoolExecutor tpe ? 2 * Math.max(1, tpe.getMaximumPoolSize()) : 16;
		List<Future<Integer>> pending = new ArrayList<>();
		int submitted = 0;
		int done = 0;
		try {
			monitor.progress(0, n, message);
			while (done < n) {
				while (submitted < n && submitted - done < window) {
					monitor.checkCanceled();
					int i = submitted++;
					pending.add(cs.submit(() -> {
						if (monitor.isCanceled()) return i; // skipped: the caller throws anyway
						out[i] = task.apply(items.get(i));
						return i;
					}));
				}
				Future<Integer> f = cs.poll(100, TimeUnit.MILLISECONDS);
				monitor.checkCanceled();
				if (f == null) continue;
				f.get();
				done++;
				monitor.progress(done, n, message);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CanceledException();
		}
		finally {
			// After a cancel or failure, queued tasks must not run on (no interrupts: ZipFile reads dislike them).
			for (Future<Integer> f : pending) f.cancel(false);
		}
		@SuppressWarnings("unchecked")
		List<R> result = (List<R>) Arrays.asList(out);
		return result;
	}

	/** Work on an executor that may throw a checked exception. */
	@FunctionalInterface
	public interface PoolWork<R, E extends Exception> {
		R apply(ExecutorService executor) throws E;
	}

	/** Runs {@code body} on a fixed pool of {@code threads} (0 or less: one per core), shut down afterwards. */
	public static <R, E extends Exception> R withPool(int threads, PoolWork<R, E> body) throws E {
		int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
		ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(n, r -> {
			Thread t = new Thread(r, "imapp-worker");
			t.setDaemon(true);
			return t;
		});
		try {
			return body.apply(ex);
		}
		finally {
			// Queued tasks were canceled; wait for the running ones so that none still reads from
			// a mask store the caller closes next (a few masks at most, well under a second).
			ex.shutdown();
			try {
				ex.awaitTermination(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
