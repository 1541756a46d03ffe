package org.imapp.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.imapp.mask.MaskReadException;

/**
 * Masks inside a zip archive, found by file name whatever folder the archive puts them in
 * (the Zenodo {@code segs.zip} nests them), read without unpacking.
 */
final class ZipMaskStore implements MaskStore {

	private final Path zipPath;
	private final ZipFile zip;
	private final Map<String, ZipEntry> entries = new HashMap<>();

	ZipMaskStore(Path zipPath) throws IOException {
		this.zipPath = zipPath;
		try {
			this.zip = new ZipFile(zipPath.toFile());
		}
		catch (IOException e) {
			throw new IOException("Cannot open mask archive " + zipPath + ": " + e.getMessage(), e);
		}
		Enumeration<? extends ZipEntry> en = zip.entries();
		while (en.hasMoreElements()) {
			ZipEntry e = en.nextElement();
			if (e.isDirectory()) continue;
			String name = e.getName();
			String base = name.substring(name.lastIndexOf('/') + 1);
			if (base.startsWith("._") || name.startsWith("__MACOSX/")) continue;
			entries.putIfAbsent(base, e);
		}
	}

	@Override
	public byte[] readBytes(String segFilename) throws MaskReadException {
		ZipEntry e = entries.get(segFilename);
		if (e == null) throw new MaskReadException(describe(segFilename), "file not found in archive", null);
		// ZipFile supports concurrent reads of different entries.
		try (InputStream in = zip.getInputStream(e)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new MaskReadException(describe(segFilename), "cannot read from archive: " + ex.getMessage(), ex);
		}
	}

	@Override
	public boolean exists(String segFilename) {
		return entries.containsKey(segFilename);
	}

	@Override
	public Set<String> names() {
		return Collections.unmodifiableSet(new TreeSet<>(entries.keySet()));
	}

	@Override
	public String describe(String segFilename) {
		ZipEntry e = entries.get(segFilename);
		return zipPath + "!" + (e == null ? segFilename : e.getName());
	}

	@Override
	public Path location() {
		return zipPath;
	}

	@Override
	public void close() throws IOException {
		zip.close();
	}
}
