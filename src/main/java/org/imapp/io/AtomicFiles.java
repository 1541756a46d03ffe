package org.imapp.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files completely or not at all: data goes to a temporary file in the target's
 * folder and is moved over the target only when the writer finished, so a crash, a cancel or a
 * full disk never leaves a half-written table or mask behind.
 */
public final class AtomicFiles {

	private AtomicFiles() {}

	/** Something that writes a file's content to a stream. */
	@FunctionalInterface
	public interface Writer {
		void write(OutputStream out) throws IOException;
	}

	public static void write(Path target, Writer writer) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		// createTempFile would make the file owner-only (0600); outputs get the usual permissions (umask).
		Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + Thread.currentThread().getId() + ".part");
		Files.deleteIfExists(tmp);
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				writer.write(out);
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	public static void write(Path target, byte[] content) throws IOException {
		write(target, out -> out.write(content));
	}
}
