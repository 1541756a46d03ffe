package org.imapp.progress;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * What a pooled task threw, unwrapped: the algorithms run images on executors but report the
 * task's own exception (a mask's {@code MaskReadException}, a cancel), not the executor's wrapper.
 */
public final class TaskFailure {

	private TaskFailure() {}

	/**
	 * Rethrows the cause of {@code e} when it is unchecked (a cancel included); returns it as an
	 * {@link IOException} otherwise, for the caller to throw: {@code throw TaskFailure.unwrap(e);}.
	 */
	public static IOException unwrap(ExecutionException e) {
		Throwable c = e.getCause();
		if (c instanceof RuntimeException re) throw re;
		if (c instanceof Error err) throw err;
		if (c instanceof IOException io) return io;
		return new IOException(c);
	}

	/** As {@link #unwrap}, for tasks that throw nothing checked: anything else is a bug, thrown as {@link IllegalStateException}. */
	public static RuntimeException unwrapUnchecked(ExecutionException e) {
		Throwable c = e.getCause();
		if (c instanceof RuntimeException re) throw re;
		if (c instanceof Error err) throw err;
		return new IllegalStateException(c);
	}
}
