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

	private ImappContext() {}

	public static synchronized Context get() {
		if (context != null) return context;
		Context legacy = legacyContext();
		if (legacy != null) {
			context = legacy;
			owned = false;
		}
		else {
			context = new Context();
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

	/** Disposes the context this class created (never Fiji's); the launcher calls it before exiting. */
	public static synchronized void dispose() {
		if (context != null && owned) context.dispose();
		context = null;
	}
}
