package org.imapp.progress;

/** Thrown out of an algorithm when its {@link ProgressMonitor} reports cancellation. */
public class CanceledException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public CanceledException() {
		super("Canceled by the user");
	}
}
