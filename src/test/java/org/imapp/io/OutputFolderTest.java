package org.imapp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs published completely or not at all, checked against the inputs, locked, with stale temporaries removed. */
class OutputFolderTest {

	@TempDir
	Path tmp;

	static Map<String, String> tree(Path root) throws IOException {
		Map<String, String> out = new TreeMap<>();
		if (!Files.exists(root)) return out;
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) out.put(root.relativize(p).toString(), Files.readString(p));
		}
		return out;
	}

	@Test
	void publishedOnlyOnSuccessAndAFailureLeavesNothing() throws IOException {
		Path out = tmp.resolve("new");
		try (OutputFolder f = OutputFolder.open(out, OutputFolder.Inputs.NONE)) {
			AtomicFiles.write(f.staging().resolve("a.csv"), "a".getBytes());
			AtomicFiles.write(f.staging().resolve("sub/b.csv"), "b".getBytes());
			assertEquals(Map.of(), visible(out), "nothing visible before publish");
			// the command fails here: no publish
		}
		assertFalse(Files.exists(out), "a folder the failed command created is removed");

		Path existing = Files.createDirectories(tmp.resolve("old"));
		Files.writeString(existing.resolve("a.csv"), "old");
		try (OutputFolder f = OutputFolder.open(existing, OutputFolder.Inputs.NONE)) {
			AtomicFiles.write(f.staging().resolve("a.csv"), "new".getBytes());
		}
		assertEquals(Map.of("a.csv", "old"), tree(existing), "a failed command leaves the folder as it was");

		try (OutputFolder f = OutputFolder.open(existing, OutputFolder.Inputs.NONE)) {
			AtomicFiles.write(f.staging().resolve("a.csv"), "new".getBytes());
			AtomicFiles.write(f.staging().resolve("sub/b.csv"), "b".getBytes());
			assertEquals(List.of(existing.resolve("a.csv"), existing.resolve("sub/b.csv")), f.publish());
		}
		assertEquals(Map.of("a.csv", "new", "sub/b.csv", "b"), tree(existing));
	}

	private static Map<String, String> visible(Path root) throws IOException {
		Map<String, String> all = tree(root);
		all.keySet().removeIf(k -> k.startsWith("."));
		return all;
	}

	@Test
	void outputsAmongTheInputsAreRefusedBeforeAnythingIsWritten() throws IOException {
		Path ds = Files.createDirectories(tmp.resolve("ds"));
		Files.createDirectories(ds.resolve("segs"));
		Files.createDirectories(ds.resolve("metadata"));
		Files.writeString(ds.resolve("metadata/seg.csv"), "x");
		OutputFolder.Inputs in = new OutputFolder.Inputs(ds, List.of(ds.resolve("segs"), ds.resolve("metadata"), ds.resolve("images"), ds.resolve("metadata/seg.csv")), List.of());
		Map<String, String> before = tree(ds);
		for (Path bad : List.of(ds, ds.resolve("segs"), ds.resolve("segs/out"), ds.resolve("metadata"), ds.resolve("images/x"), ds.resolve("./segs/../metadata"))) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputFolder.open(bad, in));
			assertTrue(e.getMessage().contains("choose another output folder"), e.getMessage());
		}
		IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> OutputFolder.open(ds.resolve("metadata/seg.csv"), OutputFolder.Inputs.NONE));
		assertTrue(file.getMessage().contains("is an existing file"), file.getMessage());
		assertEquals(before, tree(ds), "nothing written into the dataset");
		assertFalse(Files.exists(ds.resolve("images")));
		// Beside the parts, inside the dataset folder, is fine.
		try (OutputFolder f = OutputFolder.open(ds.resolve("results"), in)) {
			f.publish();
		}
	}

	@Test
	void aSecondRunFailsAtOnceNamingTheFirstAndStalePartFilesAreRemoved() throws IOException {
		Path out = Files.createDirectories(tmp.resolve("out"));
		Path stale = Files.createDirectories(out.resolve("consensus")).resolve(".ISIC_0000001_ST.png.1a2b3c1.part");
		Files.writeString(stale, "half");
		Files.writeString(out.resolve("keep.part"), "not ours: no leading dot");
		try (OutputFolder first = OutputFolder.open(out, OutputFolder.Inputs.NONE)) {
			assertEquals(1, first.staleParts());
			assertFalse(Files.exists(stale));
			IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputFolder.open(out, OutputFolder.Inputs.NONE));
			assertTrue(e.getMessage().contains("in use by another IMA++ run") && e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
			first.publish();
		}
		assertTrue(Files.exists(out.resolve("keep.part")));
		assertFalse(Files.exists(out.resolve(OutputFolder.LOCK_FILE)));
		try (OutputFolder again = OutputFolder.open(out, OutputFolder.Inputs.NONE)) {
			again.publish(); // the lock was released
		}
	}

	/** A full disk: the message names the file and the system's reason, and nothing new is left. Needs root for mount. */
	@Test
	void aFullDiskNamesTheFileAndTheReason() throws Exception {
		Path mnt = Files.createDirectories(tmp.resolve("tiny"));
		Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", mnt.toString()).redirectErrorStream(true).start();
		boolean mounted = p.waitFor() == 0;
		assumeTrue(mounted, "tmpfs mount not permitted here (needs root): " + new String(p.getInputStream().readAllBytes()).trim());
		try {
			Path out = mnt.resolve("out");
			byte[] big = new byte[400_000];
			IOException e;
			try (OutputFolder f = OutputFolder.open(out, OutputFolder.Inputs.NONE)) {
				AtomicFiles.write(f.staging().resolve("small.csv"), "ok".getBytes());
				e = assertThrows(IOException.class, () -> AtomicFiles.write(f.staging().resolve("big.png"), big));
			}
			assertTrue(e.getMessage().contains("big.png") && e.getMessage().contains("No space left on device"), e.getMessage());
			assertFalse(Files.exists(out), "nothing left behind");
		}
		finally {
			new ProcessBuilder("umount", mnt.toString()).start().waitFor();
		}
	}

	@Test
	void aReadOnlyFolderNamesTheCause() throws IOException {
		assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write into a read-only folder; the reason mapping is checked below");
		Path ro = Files.createDirectories(tmp.resolve("ro"));
		ro.toFile().setWritable(false);
		IOException e = assertThrows(IOException.class, () -> OutputFolder.open(ro.resolve("out"), OutputFolder.Inputs.NONE));
		assertTrue(e.getMessage().contains("Permission denied"), e.getMessage());
	}

	@Test
	void reasonsComeFromTheInnermostCause() {
		IOException png = new IOException("I/O error writing PNG file!", new IOException("No space left on device"));
		assertEquals("x.png: cannot write (No space left on device)", AtomicFiles.failure(Path.of("x.png"), "cannot write", png).getMessage());
		assertEquals("Permission denied", AtomicFiles.reason(new java.nio.file.AccessDeniedException("/a")));
		assertEquals("Read-only file system", AtomicFiles.reason(new java.nio.file.FileSystemException("/a", null, "Read-only file system")));
	}
}
