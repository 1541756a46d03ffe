package org.imapp.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.imapp.Fixtures;

/** Test helpers: a headless ImageJ as {@code ./imapp} runs it, and throw-away copies of the fixture. */
public final class TestImageJ {

	private TestImageJ() {}

	/** The test JVM's class path (surefire hides it behind a manifest jar; it names it in a property). */
	public static List<Path> classpath() {
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<Path> out = new ArrayList<>();
		for (String s : cp.split(File.pathSeparator)) if (!s.isBlank()) out.add(Path.of(s));
		return out;
	}

	/** A headless ImageJ with our plugins.config (from target/classes), like ./imapp. */
	public static HeadlessImageJ start() {
		return HeadlessImageJ.start(classpath(), HeadlessImageJ.ownEntry());
	}

	/** Copies the small fixture into {@code dir/synthetic small} (a space, as users' paths have). */
	public static Path copyFixture(Path dir) throws IOException {
		Path target = dir.resolve("synthetic small");
		try (Stream<Path> s = Files.walk(Fixtures.SMALL)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				Path q = target.resolve(Fixtures.SMALL.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(q);
				else Files.copy(p, q);
			}
		}
		return target;
	}

	/** Every file under {@code dir} with its bytes' hash, to show inputs were not modified. */
	public static java.util.Map<String, Integer> snapshot(Path dir) throws IOException {
		java.util.Map<String, Integer> m = new java.util.TreeMap<>();
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				if (Files.isRegularFile(p)) m.put(dir.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
			}
		}
		return m;
	}
}
