package org.imapp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

	@Test
	void writesWholeFilesWithUsualPermissions(@TempDir Path tmp) throws IOException {
		Path plain = Files.write(tmp.resolve("plain.csv"), new byte[] { 1 });
		Path out = tmp.resolve("sub/out.csv");
		AtomicFiles.write(out, new byte[] { 1, 2, 3 });
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(out));
		// Same permissions as any file the user writes (not createTempFile's owner-only 0600).
		assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)), PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
	}

	@Test
	void failedWriterLeavesTheOldFileAndNoPart(@TempDir Path tmp) throws IOException {
		Path out = tmp.resolve("t.csv");
		Files.writeString(out, "old");
		assertThrows(IOException.class, () -> AtomicFiles.write(out, o -> {
			o.write('x');
			throw new IOException("disk full");
		}));
		assertEquals("old", Files.readString(out));
		try (var s = Files.list(tmp)) {
			assertFalse(s.anyMatch(p -> p.toString().endsWith(".part")));
		}
	}
}
