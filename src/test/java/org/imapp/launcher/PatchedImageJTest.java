package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of ij1-patcher's patched ImageJ classes: made once, reused, keyed by the jars it came
 * from, and an ImageJ started from it behaves as one patched in memory (same outputs, same errors).
 */
class PatchedImageJTest {

	@TempDir
	Path tmp;

	@Test
	void madeOnceAndReused() throws Exception {
		Path cache = tmp.resolve("cache");
		List<Path> cp = TestImageJ.classpath();
		Path jar = PatchedImageJ.ensure(cache, cp, HeadlessImageJ.ownEntry());
		try (ZipFile z = new ZipFile(jar.toFile())) {
			assertTrue(z.getEntry("ij/IJ.class") != null && z.getEntry("net/imagej/patcher/EssentialLegacyHooks.class") != null);
			// The headless GenericDialog patch is in it.
			assertTrue(z.getEntry("ij/gui/GenericDialog.class") != null);
		}
		FileTime made = FileTime.fromMillis(1_000_000_000_000L);
		Files.setLastModifiedTime(jar, made);
		assertEquals(jar, PatchedImageJ.ensure(cache, cp, HeadlessImageJ.ownEntry()));
		assertEquals(made, Files.getLastModifiedTime(jar), "reused, not rewritten");
		try (Stream<Path> s = Files.list(cache)) {
			assertEquals(1, s.count(), "no temporary files left");
		}
		// A cache on the class path is left out, or ij1-patcher would take ImageJ as patched already.
		List<Path> withCache = new ArrayList<>(cp);
		withCache.add(0, jar);
		assertEquals(cp, PatchedImageJ.withoutCaches(withCache));
	}

	@Test
	void keyFollowsTheJarsAndThePluginEntry() throws Exception {
		Path ij = tmp.resolve("ij-1.0.jar");
		Files.write(ij, new byte[] { 1, 2, 3 });
		Path entry = tmp.resolve("classes");
		String key = PatchedImageJ.key(List.of(ij, entry), entry);
		assertEquals(key, PatchedImageJ.key(List.of(ij, entry), entry));
		assertNotEquals(key, PatchedImageJ.key(List.of(ij, entry), tmp.resolve("other")), "another plugins.config path");
		Files.setLastModifiedTime(ij, FileTime.fromMillis(Files.getLastModifiedTime(ij).toMillis() - 5000));
		assertNotEquals(key, PatchedImageJ.key(List.of(ij, entry), entry), "a replaced ij.jar");
	}

	@Test
	void cachedAndInMemoryPatchesRunAlike() throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		Map<String, Integer> before = TestImageJ.snapshot(data);
		Path cache = tmp.resolve("cache");
		List<Path> cp = TestImageJ.classpath();
		Path[] outs = { tmp.resolve("cached"), tmp.resolve("memory") };
		List<String> messages = new ArrayList<>();
		for (Path out : outs) {
			try (HeadlessImageJ ij = HeadlessImageJ.start(cp, HeadlessImageJ.ownEntry(), out == outs[0] ? cache : null)) {
				HeadlessImageJ.Outcome ok = ij.run("IMA++ Agreement Metrics", "dataset=[" + data + "] output=[" + out + "]");
				assertTrue(ok.ok(), ok.message());
				HeadlessImageJ.Outcome bad = ij.run("IMA++ Export ROIs", "dataset=[" + data + "] output=[" + out + "] isic_id=ISIC_0000001");
				assertFalse(bad.ok());
				messages.add(bad.message());
			}
		}
		assertTrue(Files.isDirectory(cache), "the first start made the cache");
		assertEquals(messages.get(0), messages.get(1));
		Map<String, Integer> cached = TestImageJ.snapshot(outs[0]), memory = TestImageJ.snapshot(outs[1]);
		assertEquals(5, cached.size(), cached.toString());
		assertEquals(memory, cached);
		assertEquals(before, TestImageJ.snapshot(data));
	}

	@Test
	void unwritableCacheFallsBackToPatchingInMemory() throws Exception {
		Path notADir = tmp.resolve("file");
		Files.writeString(notADir, "x");
		try (HeadlessImageJ ij = HeadlessImageJ.start(TestImageJ.classpath(), HeadlessImageJ.ownEntry(), notADir.resolve("cache"))) {
			HeadlessImageJ.Outcome o = ij.runMacro("print(\"ok\");", "");
			assertTrue(o.ok(), o.message());
		}
		assertArrayEquals("x".getBytes(), Files.readAllBytes(notADir));
	}
}
