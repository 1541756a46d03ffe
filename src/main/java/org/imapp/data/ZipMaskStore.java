package org.imapp.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.imapp.mask.MaskLimits;
import org.imapp.mask.MaskReadException;

/**
 * Masks inside a zip archive, found by file name whatever folder the archive puts them in
 * (the Zenodo {@code segs.zip} nests them), read without unpacking. Entries are streamed under
 * {@link MaskLimits#readEntry}'s size and ratio caps, so a zip bomb is one unreadable mask.
 */
final class ZipMaskStore implements MaskStore {

	private final Path zipPath;
	private final ZipFile zip;
	private final MaskLimits limits;
	private final Map<String, ZipEntry> entries = new HashMap<>();
	/** Every entry of each name that occurs more than once, in archive order. */
	private final Map<String, List<ZipEntry>> repeated = new HashMap<>();

	ZipMaskStore(Path zipPath, MaskLimits limits) throws IOException {
		this.zipPath = zipPath;
		this.limits = limits;
		try {
			this.zip = new ZipFile(zipPath.toFile());
		}
		catch (IOException e) {
			throw new IOException("Cannot open mask archive " + zipPath + ": " + e.getMessage(), e);
		}
		Map<String, List<ZipEntry>> all = new HashMap<>();
		Enumeration<? extends ZipEntry> en = zip.entries();
		while (en.hasMoreElements()) {
			ZipEntry e = en.nextElement();
			if (e.isDirectory()) continue;
			String name = e.getName();
			String base = name.substring(name.lastIndexOf('/') + 1);
			if (base.startsWith("._") || name.startsWith("__MACOSX/")) continue;
			all.computeIfAbsent(base, k -> new ArrayList<>(1)).add(e);
		}
		for (var kv : all.entrySet()) {
			List<ZipEntry> list = kv.getValue();
			// Of two entries with one full name ZipFile can read only the last (as Python's zipfile);
			// of names in different folders, the first.
			ZipEntry read = list.get(0);
			for (ZipEntry e : list) if (e.getName().equals(read.getName())) read = e;
			entries.put(kv.getKey(), read);
			if (list.size() > 1) repeated.put(kv.getKey(), List.copyOf(list));
		}
	}

	@Override
	public MaskLimits limits() {
		return limits;
	}

	@Override
	public byte[] readBytes(String segFilename) throws MaskReadException {
		ZipEntry e = entries.get(segFilename);
		if (e == null) throw new MaskReadException(describe(segFilename), "file not found in archive", null);
		// ZipFile supports concurrent reads of different entries.
		try (InputStream in = zip.getInputStream(e)) {
			return limits.readEntry(in, describe(segFilename), e.getSize(), e.getCompressedSize());
		}
		catch (MaskReadException ex) {
			throw ex;
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
	public List<String> duplicates(String segFilename) {
		List<ZipEntry> list = repeated.get(segFilename);
		if (list == null) return List.of();
		return list.stream().map(e -> e.getName() + " (" + e.getSize() + " bytes, CRC-32 " + String.format("%08x", e.getCrc()) + ")").toList();
	}

	/** The size and CRC-32 the archive records for a mask, without reading it; null when absent. */
	long[] sizeAndCrc(String segFilename) {
		ZipEntry e = entries.get(segFilename);
		return e == null ? null : new long[] { e.getSize(), e.getCrc() };
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
