package org.imapp.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskReadException;

/**
 * Where a dataset's mask files live: a folder ({@code segs/}) or the Zenodo archive
 * ({@code segs.zip}, read in place without unpacking). Thread-safe for concurrent reads.
 */
public interface MaskStore extends Closeable {

	/** Opens a folder or a .zip file. */
	static MaskStore open(Path location) throws IOException {
		if (Files.isDirectory(location)) return new DirectoryMaskStore(location);
		if (Files.isRegularFile(location) && location.getFileName().toString().toLowerCase().endsWith(".zip")) return new ZipMaskStore(location);
		throw new IOException("Mask location not found (expected a folder or a .zip file): " + location);
	}

	/** Raw bytes of a mask file (for MD5 checks). */
	byte[] readBytes(String segFilename) throws MaskReadException;

	/** Reads and binarises a mask; the exception names the file. */
	default BinaryMask read(String segFilename) throws MaskReadException {
		return org.imapp.mask.MaskIO.decode(readBytes(segFilename), describe(segFilename));
	}

	boolean exists(String segFilename);

	/** Every file name in the store (for completeness checks). */
	Set<String> names() throws IOException;

	/** How a mask is named in messages: its path, or archive!entry. */
	String describe(String segFilename);

	Path location();

	@Override
	default void close() throws IOException {}
}
