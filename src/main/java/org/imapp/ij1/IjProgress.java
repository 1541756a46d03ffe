package org.imapp.ij1;

import java.util.function.BooleanSupplier;

import ij.IJ;

import org.imapp.progress.ProgressMonitor;
import org.scijava.app.StatusService;

/**
 * Adapts {@link ProgressMonitor} to ImageJ's progress bar, status line and Esc key, and to
 * SciJava's {@link StatusService} (Fiji's status bar, a script's status listeners) when there is one.
 */
public final class IjProgress {

	private IjProgress() {}

	public static ProgressMonitor monitor(BooleanSupplier canceled) {
		return monitor(canceled, null);
	}

	/** As {@link #monitor(BooleanSupplier)}, also reporting to {@code status} (null: ImageJ only). */
	public static ProgressMonitor monitor(BooleanSupplier canceled, StatusService status) {
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
				if (status != null) {
					// StatusService counts in ints; scale counts beyond them.
					double scale = total > Integer.MAX_VALUE ? (double) Integer.MAX_VALUE / total : 1;
					int max = total <= 0 ? 1 : (int) (total * scale);
					status.showStatus(total <= 0 ? 1 : (int) (done * scale), max, message);
				}
			}

			@Override
			public boolean isCanceled() {
				return canceled.getAsBoolean() || IJ.escapePressed();
			}
		};
	}
}
