package org.imapp.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.imapp.mask.MaskReadException;

/** Masks as files in one folder. */
final class DirectoryMaskStore implements MaskStore {

	private final Path dir;

	DirectoryMaskStore(Path dir) {
		this.dir = dir;
	}

	@Override
	public byte[] readBytes(String segFilename) throws MaskReadException {
		Path p = dir.resolve(segFilename);
		try {
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
		return Files.isRegularFile(dir.resolve(segFilename));
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
		return dir.resolve(segFilename).toString();
	}

	@Override
	public Path location() {
		return dir;
	}
}
