package org.imapp.progress;

/**
 * How an algorithm reports progress and learns it should stop, without knowing any UI
 * (the same split MorphoLibJ makes with Algo/AlgoListener). Commands adapt it to
 * ImageJ's progress bar and to SciJava's {@code Cancelable}.
 */
public interface ProgressMonitor {

	/** A monitor that ignores progress and never cancels. */
	ProgressMonitor NONE = (done, total, message) -> {};

	/**
	 * @param done work units finished so far
	 * @param total work units in all
	 * @param message what is being done now (may be null)
	 */
	void progress(long done, long total, String message);

	/** Polled by long-running loops; true stops them with {@link CanceledException}. */
	default boolean isCanceled() {
		return false;
	}

	/** Throws {@link CanceledException} when the user asked to stop. */
	default void checkCanceled() {
		if (isCanceled()) throw new CanceledException();
	}
}
