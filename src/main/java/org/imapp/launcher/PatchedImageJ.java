package org.imapp.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import net.imagej.patcher.LegacyEnvironment;
import net.imagej.patcher.LegacyInjector;

import org.imapp.io.AtomicFiles;
import org.imapp.io.Md5;

/**
 * ij1-patcher's headless patches of ImageJ 1.x, made once and kept as a jar of patched classes.
 * <p>
 * Patching rewrites about 40 ImageJ classes with Javassist on every start, which is most of
 * the launcher's start-up (seconds of CPU). The result depends only on the ImageJ, ij1-patcher
 * and Javassist jars, the patch options and where our {@code plugins.config} is, so it is
 * written to {@code <cache>/ij-patched-<key>.jar} and put in front of {@code ij.jar} in later
 * starts, which then patch nothing (ij1-patcher itself skips an ImageJ whose {@code ij.IJ}
 * already has its hooks). The key hashes those inputs (paths, sizes, modification times), so a
 * changed jar makes a new cache file rather than reusing a stale one.
 */
final class PatchedImageJ {

	/** Bumped when the patch options below change. */
	private static final String VERSION = "1";

	private PatchedImageJ() {}

	/**
	 * The same patches on a {@link LegacyEnvironment}: headless, no {@code ij1.plugin.dirs}, no
	 * ImageJ2 initializer, one class loader, and our jar or classes folder as the plugin entry.
	 */
	static void configure(LegacyEnvironment env, Path pluginEntry) {
		env.disableIJ1PluginDirs();
		env.disableInitializer();
		env.noPluginClassLoader();
		env.addPluginClasspath(pluginEntry.toFile());
	}

	/**
	 * The cached jar of patched classes for this class path, made now if absent.
	 * @throws IOException when it cannot be made or written
	 */
	static Path ensure(Path cacheDir, List<Path> classpath, Path pluginEntry) throws IOException {
		Path jar = cacheDir.resolve("ij-patched-" + key(classpath, pluginEntry) + ".jar");
		if (isComplete(jar)) return jar;
		Files.createDirectories(cacheDir);
		Path tmp = Files.createTempFile(cacheDir, ".ij-patched", ".tmp");
		try {
			write(tmp, classpath, pluginEntry);
			// Atomic: a concurrent start (a job array) sees the whole jar or none.
			AtomicFiles.write(jar, Files.readAllBytes(tmp));
		}
		finally {
			Files.deleteIfExists(tmp);
		}
		return jar;
	}

	/** The class path without earlier caches: those would make ij1-patcher skip its patches. */
	static List<Path> withoutCaches(List<Path> classpath) {
		List<Path> out = new ArrayList<>();
		for (Path p : classpath) {
			Path name = p.getFileName();
			if (name == null || !name.toString().startsWith("ij-patched-")) out.add(p);
		}
		return out;
	}

	static String key(List<Path> classpath, Path pluginEntry) throws IOException {
		StringBuilder sb = new StringBuilder(VERSION).append('\n')
			.append(System.getProperty("java.specification.version")).append('\n')
			.append(pluginEntry.toAbsolutePath().normalize()).append('\n');
		for (Path p : classpath) {
			// Our own jar is rebuilt often and does not change the patches (only its path does).
			if (!Files.isRegularFile(p) || p.toAbsolutePath().normalize().equals(pluginEntry.toAbsolutePath().normalize())) continue;
			BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
			sb.append(p.toAbsolutePath().normalize()).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
		}
		return Md5.of(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
	}

	private static boolean isComplete(Path jar) {
		if (!Files.isRegularFile(jar)) return false;
		try (ZipFile z = new ZipFile(jar.toFile())) {
			return z.getEntry("ij/IJ.class") != null;
		}
		catch (IOException e) {
			return false;
		}
	}

	/** Runs ij1-patcher's injection (as {@code applyPatches} does) and writes its classes instead of loading them. */
	private static void write(Path out, List<Path> classpath, Path pluginEntry) throws IOException {
		try (URLClassLoader loader = new URLClassLoader("imapp-patch", urls(classpath), ClassLoader.getPlatformClassLoader())) {
			LegacyInjector injector = new LegacyInjector();
			// ij1-patcher has no public way to write the patches with the options applied; these are its own steps.
			Constructor<LegacyEnvironment> c = LegacyEnvironment.class.getDeclaredConstructor(ClassLoader.class, boolean.class, LegacyInjector.class);
			c.setAccessible(true);
			configure(c.newInstance(loader, true, injector), pluginEntry);
			Method inject = LegacyInjector.class.getDeclaredMethod("inject", ClassLoader.class, boolean.class);
			inject.setAccessible(true);
			Object hacker = inject.invoke(injector, loader, true);
			Class<?> hackerClass = Class.forName("net.imagej.patcher.CodeHacker");
			var afterField = LegacyInjector.class.getDeclaredField("after");
			afterField.setAccessible(true);
			for (Object callback : (List<?>) afterField.get(injector)) {
				Method call = Class.forName("net.imagej.patcher.LegacyInjector$Callback").getDeclaredMethod("call", hackerClass);
				call.setAccessible(true);
				call.invoke(callback, hacker);
			}
			Method writeJar = hackerClass.getDeclaredMethod("writeJar", File.class);
			writeJar.setAccessible(true);
			writeJar.invoke(hacker, out.toFile());
		}
		catch (ReflectiveOperationException e) {
			throw new IOException("Cannot write ij1-patcher's patched classes: " + e, e);
		}
	}

	static URL[] urls(List<Path> classpath) {
		List<URL> urls = new ArrayList<>();
		for (Path p : classpath) {
			try {
				urls.add(p.toUri().toURL());
			}
			catch (MalformedURLException e) {
				throw new IllegalArgumentException("Bad class path entry: " + p, e);
			}
		}
		return urls.toArray(URL[]::new);
	}
}
