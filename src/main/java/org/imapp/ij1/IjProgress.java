package org.imapp.ij1;

import java.util.function.BooleanSupplier;

import ij.IJ;

import org.imapp.progress.ProgressMonitor;

/** Adapts {@link ProgressMonitor} to ImageJ's progress bar, status line and Esc key. */
public final class IjProgress {

	private IjProgress() {}

	public static ProgressMonitor monitor(BooleanSupplier canceled) {
		return new ProgressMonitor() {
			private long lastShown;

			@Override
			public void progress(long done, long total, String message) {
				long now = System.currentTimeMillis();
				// Throttled: updating the bar for every one of 20,000 masks costs more than the work.
				if (done < total && now - lastShown < 100) return;
				lastShown = now;
				IJ.showProgress(total <= 0 ? 1.0 : (double) done / total);
				if (message != null) IJ.showStatus(message);
			}

			@Override
			public boolean isCanceled() {
				return canceled.getAsBoolean() || IJ.escapePressed();
			}
		};
	}
}
