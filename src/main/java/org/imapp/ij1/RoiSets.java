package org.imapp.ij1;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.io.RoiEncoder;

import org.imapp.io.AtomicFiles;

/**
 * ImageJ {@code RoiSet.zip} files written and read without the ROI Manager (which needs a window):
 * one {@code <name>.roi} entry per ROI, in the encoding {@link RoiEncoder} uses, so the ROI
 * Manager opens them as its own. Writes are atomic.
 */
public final class RoiSets {

	private RoiSets() {}

	/** Writes the ROIs as a RoiSet zip; entry names are the ROI names, made unique. */
	public static void write(List<Roi> rois, Path zip) throws IOException {
		AtomicFiles.write(zip, out -> {
			ZipOutputStream z = new ZipOutputStream(out);
			Set<String> used = new HashSet<>();
			int i = 0;
			for (Roi roi : rois) {
				i++;
				String base = roi.getName() == null || roi.getName().isBlank() ? String.format("%04d", i) : roi.getName();
				String name = base;
				for (int k = 2; !used.add(name); k++) name = base + "-" + k;
				z.putNextEntry(new ZipEntry(name + ".roi"));
				z.write(RoiEncoder.saveAsByteArray(roi));
				z.closeEntry();
			}
			z.finish();
		});
	}

	/**
	 * Reads a RoiSet zip or a single {@code .roi} file; ROIs are named after their entries when
	 * they carry no name.
	 * @throws IOException naming the file or entry that is not a ROI
	 */
	public static List<Roi> read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("ROI file not found: " + file);
		List<Roi> out = new ArrayList<>();
		String fileName = file.getFileName().toString();
		if (fileName.toLowerCase().endsWith(".roi")) {
			out.add(decode(Files.readAllBytes(file), fileName, file.toString()));
			return out;
		}
		try (InputStream in = Files.newInputStream(file); ZipInputStream z = new ZipInputStream(in)) {
			ZipEntry e;
			while ((e = z.getNextEntry()) != null) {
				if (e.isDirectory() || !e.getName().toLowerCase().endsWith(".roi")) continue;
				out.add(decode(z.readAllBytes(), e.getName(), file + "!" + e.getName()));
			}
		}
		catch (java.util.zip.ZipException e) {
			throw new IOException(file + ": not a RoiSet zip (" + e.getMessage() + ")", e);
		}
		if (out.isEmpty()) throw new IOException(file + ": no .roi entries (expected an ImageJ RoiSet zip)");
		return out;
	}

	private static Roi decode(byte[] bytes, String entryName, String where) throws IOException {
		Roi roi = new RoiDecoder(bytes, entryName).getRoi();
		if (roi == null) throw new IOException(where + ": not an ImageJ ROI");
		if (roi.getName() == null || roi.getName().isBlank()) roi.setName(entryName.replaceFirst("(?i)\\.roi$", "").replaceFirst(".*/", ""));
		return roi;
	}
}
