package org.imapp.ij1;

import org.scijava.Context;

/**
 * The SciJava context the ImageJ 1.x entry points run commands in: Fiji's own context when
 * imagej-legacy is present, otherwise one created on first use and kept for the session
 * (creating a context discovers every plugin, which costs far more than a command call).
 */
public final class ImappContext {

	private static Context context;
	private static boolean owned;
	/** {@link System#nanoTime()} when creating the context began and ended, and when the first command began (0: not yet). */
	private static long contextStart, contextReady, firstCommand;

	private ImappContext() {}

	public static synchronized Context get() {
		if (context != null) return context;
		Context legacy = legacyContext();
		if (legacy != null) {
			context = legacy;
			owned = false;
		}
		else {
			contextStart = System.nanoTime();
			context = new Context();
			contextReady = System.nanoTime();
			owned = true;
		}
		return context;
	}

	/** imagej-legacy answers {@code IJ.runPlugIn("org.scijava.Context", "")} with Fiji's context. */
	private static Context legacyContext() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, ImappContext.class.getClassLoader());
		}
		catch (ClassNotFoundException e) {
			return null;
		}
		Object o = ij.IJ.runPlugIn("org.scijava.Context", "");
		return o instanceof Context c ? c : null;
	}

	/** Marks the start of a command's own work, for the launcher's {@code --timings}. */
	static synchronized void commandStarting() {
		if (firstCommand == 0) firstCommand = System.nanoTime();
	}

	/**
	 * For {@code ./imapp --timings}: {@link System#nanoTime()} when this class created its context
	 * and finished, and when the first command began its work; 0 for what did not happen.
	 */
	public static synchronized long[] startupNanos() {
		return new long[] { contextStart, contextReady, firstCommand };
	}

	/** Disposes the context this class created (never Fiji's); the launcher calls it before exiting. */
	public static synchronized void dispose() {
		if (context != null && owned) context.dispose();
		context = null;
	}
}
