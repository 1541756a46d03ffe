package org.imapp.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.imapp.mask.MaskLimits;
import org.imapp.mask.MaskReadException;

/** Masks as files in one folder (the {@code segs.zip} beside it, if any, only compared with). */
final class DirectoryMaskStore implements MaskStore {

	private final Path dir;
	private final MaskLimits limits;
	private final ZipMaskStore unread;

	DirectoryMaskStore(Path dir, MaskLimits limits, ZipMaskStore unread) {
		this.dir = dir;
		this.limits = limits;
		this.unread = unread;
	}

	@Override
	public String disagreement(String segFilename, byte[] bytes) {
		if (unread == null) return null;
		String zip = unread.location().getFileName().toString();
		long[] entry = unread.sizeAndCrc(segFilename);
		if (entry == null) return "absent from " + zip;
		CRC32 crc = new CRC32();
		crc.update(bytes);
		if (entry[0] == bytes.length && entry[1] == crc.getValue()) return null;
		return dir.getFileName() + "/ " + bytes.length + " bytes, CRC-32 " + String.format("%08x", crc.getValue()) + "; " + zip + " " + entry[0] + " bytes, CRC-32 "
			+ String.format("%08x", entry[1]);
	}

	@Override
	public String sourceNote() {
		return unread == null ? null : "Masks are read from " + dir + "; " + unread.location() + " is also present and is not read";
	}

	@Override
	public void close() throws IOException {
		if (unread != null) unread.close();
	}

	@Override
	public MaskLimits limits() {
		return limits;
	}

	@Override
	public byte[] readBytes(String segFilename) throws MaskReadException {
		Path p;
		try {
			p = dir.resolve(segFilename);
		}
		catch (java.nio.file.InvalidPathException e) {
			throw new MaskReadException(describe(segFilename), "not a valid file name: " + e.getReason(), e);
		}
		try {
			limits.checkFileBytes(p.toString(), Files.size(p));
			return Files.readAllBytes(p);
		}
		catch (NoSuchFileException e) {
			throw new MaskReadException(p.toString(), "file not found", e);
		}
		catch (IOException e) {
			throw new MaskReadException(p.toString(), "cannot read: " + e.getMessage(), e);
		}
	}

	@Override
	public boolean exists(String segFilename) {
		try {
			return Files.isRegularFile(dir.resolve(segFilename));
		}
		catch (java.nio.file.InvalidPathException e) {
			return false;
		}
	}

	@Override
	public Set<String> names() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			Set<String> out = new TreeSet<>();
			s.filter(Files::isRegularFile).forEach(p -> out.add(p.getFileName().toString()));
			return out;
		}
	}

	@Override
	public String describe(String segFilename) {
		return dir + java.io.File.separator + segFilename;
	}

	@Override
	public Path location() {
		return dir;
	}
}
