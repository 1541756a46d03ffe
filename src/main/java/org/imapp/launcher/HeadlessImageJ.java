package org.imapp.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imagej.patcher.LegacyEnvironment;

/**
 * A headless, patched ImageJ 1.x in its own class loader, as Fiji's {@code --headless} mode runs
 * it: ij1-patcher's {@link LegacyEnvironment} replaces {@code GenericDialog} and friends so
 * that nothing needs a display, and the plugin entry (our jar or classes folder) is added so its
 * {@code plugins.config} labels resolve in {@code run("IMA++ Xyz", ...)}.
 * <p>
 * Macros run in an {@code ij.macro.Interpreter} created here, because {@code IJ.runMacro}
 * does not tell a failed macro from a finished one; the interpreter's {@code wasError()} does.
 * Nothing of ImageJ is loaded by this class's own class loader (so it can be patched), hence the
 * reflection.
 */
public final class HeadlessImageJ implements AutoCloseable {

	/** How a macro ended: ok, or failed with a one-line message. */
	public record Outcome(boolean ok, String message) {

		static Outcome success() {
			return new Outcome(true, null);
		}

		static Outcome failure(String message) {
			return new Outcome(false, message == null || message.isBlank() ? "macro failed" : message.strip());
		}
	}

	private final URLClassLoader loader;

	private HeadlessImageJ(URLClassLoader loader) {
		this.loader = loader;
	}

	/**
	 * Starts ImageJ over {@code classpath} (ImageJ, ij1-patcher, SciJava and our classes), with the
	 * patched classes cached in the default folder ({@link #cacheDir(Path)}).
	 * @param pluginEntry the jar or classes folder whose {@code plugins.config} defines the menu labels
	 */
	public static HeadlessImageJ start(List<Path> classpath, Path pluginEntry) {
		return start(classpath, pluginEntry, cacheDir(pluginEntry));
	}

	/**
	 * Starts ImageJ; with a {@code cacheDir}, from ij1-patcher's patched classes kept there
	 * ({@link PatchedImageJ}), made on the first start; without one, or when the folder cannot be
	 * written, patched in memory as before.
	 */
	public static HeadlessImageJ start(List<Path> classpath, Path pluginEntry, Path cacheDir) {
		List<Path> cp = PatchedImageJ.withoutCaches(classpath);
		if (cacheDir != null) {
			try {
				List<Path> withPatches = new ArrayList<>();
				withPatches.add(PatchedImageJ.ensure(cacheDir, cp, pluginEntry));
				withPatches.addAll(cp);
				return new HeadlessImageJ(newLoader(withPatches));
			}
			catch (IOException e) {
				// A read-only installation: patch in memory, as without a cache.
			}
		}
		URLClassLoader loader = newLoader(cp);
		try {
			LegacyEnvironment env = new LegacyEnvironment(loader, true);
			PatchedImageJ.configure(env, pluginEntry);
			env.applyPatches();
		}
		catch (ClassNotFoundException | RuntimeException e) {
			closeQuietly(loader);
			throw new IllegalStateException("Cannot start headless ImageJ: " + e.getMessage()
				+ " (the JVM needs --add-opens=java.base/java.lang=ALL-UNNAMED)", e);
		}
		return new HeadlessImageJ(loader);
	}

	/** The platform loader as parent: ImageJ must come from this loader alone to be patched. */
	private static URLClassLoader newLoader(List<Path> classpath) {
		return new URLClassLoader("imapp-imagej", PatchedImageJ.urls(classpath), ClassLoader.getPlatformClassLoader());
	}

	/**
	 * Where the patched ImageJ classes are kept: the {@code imapp.cache} system property
	 * ({@code none}: no cache), else {@code imapp-cache/} beside our jar or classes folder
	 * ({@code target/imapp-cache} in a build).
	 */
	public static Path cacheDir(Path pluginEntry) {
		String p = System.getProperty("imapp.cache");
		if (p != null) return p.isBlank() || p.equals("none") ? null : Path.of(p);
		Path parent = pluginEntry.toAbsolutePath().getParent();
		return parent == null ? null : parent.resolve("imapp-cache");
	}

	/** The class path of this JVM. */
	public static List<Path> jvmClasspath() {
		List<Path> out = new ArrayList<>();
		for (String s : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!s.isEmpty()) out.add(Path.of(s).toAbsolutePath());
		}
		return out;
	}

	/** Where our classes and {@code plugins.config} are: the jar, or target/classes in a build. */
	public static Path ownEntry() {
		try {
			return Path.of(HeadlessImageJ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (Exception e) {
			throw new IllegalStateException("Cannot locate the IMA++ jar", e);
		}
	}

	/**
	 * Creates the SciJava context the IMA++ commands run in on a daemon thread, while ImageJ
	 * initialises and the macro is parsed on this one: on two or more cores the two start-up costs
	 * overlap. {@code ImappContext.get()} is synchronized, so a command waits for it if needed.
	 */
	public void createContextInBackground() {
		Thread t = new Thread(() -> {
			Thread.currentThread().setContextClassLoader(loader);
			try {
				loader.loadClass("org.imapp.ij1.ImappContext").getMethod("get").invoke(null);
			}
			catch (ReflectiveOperationException | RuntimeException e) {
				// The first command creates it then, and reports what goes wrong.
			}
		}, "imapp-context");
		t.setDaemon(true);
		t.start();
	}

	/** Exactly what {@code run(label, options)} does in a macro. */
	public Outcome run(String label, String options) {
		return runMacro("run(\"" + macroString(label) + "\", \"" + macroString(options == null ? "" : options) + "\");\n", "");
	}

	/** Runs a macro file with an argument, like {@code ImageJ --headless -batch file arg}. */
	public Outcome runMacroFile(Path file, String arg) throws IOException {
		if (!Files.isRegularFile(file)) return Outcome.failure("Macro file not found: " + file.toAbsolutePath());
		return runMacro(Files.readString(file, StandardCharsets.UTF_8), arg);
	}

	/** Runs macro code; {@code getArgument()} returns {@code arg}. */
	public Outcome runMacro(String code, String arg) {
		Thread thread = Thread.currentThread();
		String savedName = thread.getName();
		ClassLoader savedLoader = thread.getContextClassLoader();
		// ImageJ treats threads named "Run$_..." as macro threads (no windows for errors).
		thread.setName("Run$_" + savedName);
		thread.setContextClassLoader(loader);
		try {
			Class<?> legacyCommand = loader.loadClass("org.imapp.ij1.LegacyCommand");
			legacyCommand.getMethod("clearLastFailure").invoke(null);
			Class<?> interpreterClass = loader.loadClass("ij.macro.Interpreter");
			Object interpreter = interpreterClass.getConstructor().newInstance();
			try {
				interpreterClass.getMethod("run", String.class, String.class).invoke(interpreter, code, arg == null ? "" : arg);
			}
			catch (InvocationTargetException e) {
				// exit() ends a macro with "Macro canceled" and no error; anything else is reported below.
				Throwable cause = e.getCause();
				boolean canceled = cause instanceof RuntimeException && "Macro canceled".equals(cause.getMessage());
				if (!canceled && !(boolean) interpreterClass.getMethod("wasError").invoke(interpreter)) {
					return Outcome.failure(cause.getClass().getSimpleName() + ": " + cause.getMessage());
				}
			}
			String commandFailure = (String) legacyCommand.getMethod("lastFailure").invoke(null);
			if ((boolean) interpreterClass.getMethod("wasError").invoke(interpreter)) {
				String message = (String) interpreterClass.getMethod("getErrorMessage").invoke(interpreter);
				return Outcome.failure(message != null ? message : commandFailure);
			}
			if (commandFailure != null) return Outcome.failure(commandFailure);
			return Outcome.success();
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot run the macro interpreter: " + e, e);
		}
		finally {
			thread.setName(savedName);
			thread.setContextClassLoader(savedLoader);
		}
	}

	/** A Java string as an ImageJ macro string literal body. */
	static String macroString(String s) {
		return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
	}

	/**
	 * {@link System#nanoTime()} when the SciJava context began and finished being created and when
	 * the first command began its work (0 for what did not happen), for {@code --timings}.
	 */
	public long[] startupNanos() {
		try {
			return (long[]) loader.loadClass("org.imapp.ij1.ImappContext").getMethod("startupNanos").invoke(null);
		}
		catch (ReflectiveOperationException e) {
			return new long[3];
		}
	}

	/** Disposes the SciJava context the commands created and releases the class loader. */
	@Override
	public void close() {
		try {
			Method dispose = loader.loadClass("org.imapp.ij1.ImappContext").getMethod("dispose");
			dispose.invoke(null);
		}
		catch (ReflectiveOperationException e) {
			// Nothing ran: no context to dispose.
		}
		closeQuietly(loader);
	}

	private static void closeQuietly(URLClassLoader l) {
		try {
			l.close();
		}
		catch (IOException e) {
			// Only open jar handles are lost.
		}
	}
}
