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
		try {
			writeAtomically(target, writer);
		}
		catch (IOException e) {
			throw failure(target, "cannot write", e);
		}
	}

	/**
	 * An I/O failure as one message naming the file and the system's reason, e.g. "…/a.csv: cannot
	 * write (No space left on device)", however deep the reason is wrapped (ImageIO says only
	 * "I/O error writing PNG file!" and keeps the reason as the cause). Already-described failures
	 * pass through unchanged.
	 */
	public static IOException failure(Path file, String what, IOException e) {
		if (e instanceof Described) return e;
		return new Described(file + ": " + what + " (" + reason(e) + ")", e);
	}

	/** The innermost reason of a failure: "No space left on device", "Permission denied", "Read-only file system", … */
	public static String reason(Throwable e) {
		String reason = null;
		for (Throwable t = e; t != null; t = t.getCause()) {
			String r = t instanceof java.nio.file.FileSystemException fs ? fs.getReason() : t.getMessage();
			if (t instanceof java.nio.file.AccessDeniedException) r = "Permission denied";
			else if (t instanceof java.nio.file.NoSuchFileException) r = "No such file or directory";
			else if (t instanceof java.nio.file.FileAlreadyExistsException) r = "File exists";
			if (r != null && !r.isBlank()) reason = r;
			if (t.getCause() == t) break;
		}
		return reason == null ? e.getClass().getSimpleName() : reason;
	}

	/** A failure whose message already names the file and the reason. */
	static final class Described extends IOException {
		private static final long serialVersionUID = 1L;

		Described(String message, Throwable cause) {
			super(message, cause);
		}
	}

	private static void writeAtomically(Path target, Writer writer) throws IOException {
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
