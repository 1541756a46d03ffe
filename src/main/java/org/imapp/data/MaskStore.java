package org.imapp.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.mask.MaskLimits;
import org.imapp.mask.MaskReadException;

/**
 * Where a dataset's mask files live: a folder ({@code segs/}) or the Zenodo archive
 * ({@code segs.zip}, read in place without unpacking). Thread-safe for concurrent reads.
 */
public interface MaskStore extends Closeable {

	/** Opens a folder or a .zip file with the default {@link MaskLimits}. */
	static MaskStore open(Path location) throws IOException {
		return open(location, MaskLimits.defaults());
	}

	/** Opens a folder or a .zip file whose masks are read under {@code limits}. */
	static MaskStore open(Path location, MaskLimits limits) throws IOException {
		return open(location, limits, null);
	}

	/**
	 * As {@link #open(Path, MaskLimits)}; {@code unread} is a {@code segs.zip} beside the
	 * {@code segs/} folder being opened, whose entries the folder's masks are compared with
	 * ({@link #disagreement}) and named in {@link #sourceNote}.
	 */
	static MaskStore open(Path location, MaskLimits limits, Path unread) throws IOException {
		if (Files.isDirectory(location)) return new DirectoryMaskStore(location, limits, unread == null ? null : new ZipMaskStore(unread, limits));
		if (Files.isRegularFile(location) && location.getFileName().toString().toLowerCase().endsWith(".zip")) return new ZipMaskStore(location, limits);
		throw new IOException("Mask location not found (expected a folder or a .zip file): " + location);
	}

	/** How large a mask file and a mask may be. */
	MaskLimits limits();

	/** Raw bytes of a mask file (for MD5 checks); a file over {@link #limits()} is refused unread. */
	byte[] readBytes(String segFilename) throws MaskReadException;

	/** Reads and binarises a mask; the exception names the file. */
	default BinaryMask read(String segFilename) throws MaskReadException {
		return decode(readBytes(segFilename), segFilename);
	}

	/** Binarises the bytes {@link #readBytes} gave, under {@link #limits()}; the exception names the file. */
	default BinaryMask decode(byte[] bytes, String segFilename) throws MaskReadException {
		return MaskIO.decode(bytes, describe(segFilename), limits());
	}

	/** As {@link #decode}, also counting the raw foreground values (for QA). */
	default MaskIO.Decoded decodeCountingValues(byte[] bytes, String segFilename) throws MaskReadException {
		return MaskIO.decodeCountingValues(bytes, describe(segFilename), limits());
	}

	/**
	 * Every entry of the store named {@code segFilename} when there is more than one (a zip
	 * archive can hold two entries of one name; which one is read is then a guess): each as
	 * {@code path (N bytes, CRC-32 x)}. Empty when the name is unique or absent.
	 */
	default List<String> duplicates(String segFilename) {
		return List.of();
	}

	boolean exists(String segFilename);

	/**
	 * How a mask's bytes (as {@link #readBytes} gave them) differ from its entry in the
	 * {@code segs.zip} that is present but not read (by size and CRC-32, without inflating the
	 * entry), or null when they agree or there is no second source.
	 */
	default String disagreement(String segFilename, byte[] bytes) {
		return null;
	}

	/** Which source is read when the dataset has both {@code segs/} and {@code segs.zip}; null when only one. */
	default String sourceNote() {
		return null;
	}

	/** Every file name in the store (for completeness checks). */
	Set<String> names() throws IOException;

	/** How a mask is named in messages: its path, or archive!entry. */
	String describe(String segFilename);

	Path location();

	@Override
	default void close() throws IOException {}
}
