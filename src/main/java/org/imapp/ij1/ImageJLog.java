package org.imapp.ij1;

import java.awt.Window;

import ij.IJ;
import ij.WindowManager;

import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;

/**
 * ImageJ's Log window for a command's SciJava log messages: a user who started ImageJ or Fiji
 * from a desktop icon sees no console, only the Log window.
 */
public final class ImageJLog {

	private ImageJLog() {}

	/** An open mirror; closing it stops the copying. */
	public interface Mirror extends AutoCloseable {
		@Override
		void close();
	}

	/**
	 * While the returned handle is open, messages this thread logs through {@code log} (info,
	 * warnings, errors) are also printed in ImageJ's Log window — only when ImageJ has a GUI, since
	 * headless and in {@code -batch} {@code IJ.log} prints to the console, which already has them.
	 */
	public static Mirror mirror(LogService log) {
		if (log == null || IJ.getInstance() == null) return () -> {};
		Thread thread = Thread.currentThread();
		LogListener listener = m -> {
			if (Thread.currentThread() == thread && m.level() <= LogLevel.INFO) log("[" + LogLevel.prefix(m.level()) + "] " + m.text());
		};
		log.addLogListener(listener);
		return () -> log.removeLogListener(listener);
	}

	/**
	 * {@code IJ.log}, and when that opened the Log window, the window placed beside the suite's
	 * others: ImageJ opens it mid-screen, over whatever a command has just shown.
	 */
	static void log(String line) {
		boolean open = WindowManager.getWindow(LOG) != null;
		IJ.log(line);
		Window w = open ? null : WindowManager.getWindow(LOG);
		if (w != null) WindowPlacement.placeNew(w, LOG_MIN_WIDTH, LOG_MIN_HEIGHT);
	}

	private static final String LOG = "Log";
	/** The smallest the Log window is made where the screen is full: a few readable lines. */
	private static final int LOG_MIN_WIDTH = 250, LOG_MIN_HEIGHT = 120;
}
