package org.imapp.ij1;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;

/**
 * Multi-page TIFFs that ImageJ 1.x misreads. ImageJ trusts an ImageJ description's
 * {@code images=n}, stops at the first IFD and reads n slices as one contiguous block from the
 * first strip. Files written by other tools (e.g. Python's tifffile) with such a description but
 * an IFD between the slices then open with IFD bytes as pixels, silently. Such files are detected
 * here by walking the IFDs, and read page by page through ImageJ's own {@link Opener#openTiffStack}.
 */
final class TiffPages {

	private TiffPages() {}

	/**
	 * {@code opened} as ImageJ opened {@code file}, or, when it is an ImageJ-described stack whose
	 * pages are not where ImageJ read them, the stack read page by page (with {@code opened}'s calibration).
	 */
	static ImagePlus reread(Path file, ImagePlus opened) throws IOException {
		FileInfo fi = opened.getOriginalFileInfo();
		if (fi == null || fi.nImages < 2 || fi.fileFormat != FileInfo.TIFF) return opened;
		List<int[][]> pages = strips(file);
		long slice = (long) fi.width * fi.height * fi.getBytesPerPixel();
		boolean asRead = pages.size() < 2;
		if (!asRead) {
			asRead = true;
			for (int k = 0; k < pages.size() && asRead; k++) asRead = pages.get(k)[0][0] == fi.getOffset() + k * (slice + fi.gapBetweenImages);
		}
		if (asRead) return opened;
		if (pages.size() != fi.nImages) {
			throw new IOException(file + ": its ImageJ description says " + fi.nImages + " images, but the file has " + pages.size() + " pages");
		}
		FileInfo[] infos = new FileInfo[pages.size()];
		for (int k = 0; k < infos.length; k++) {
			FileInfo p = (FileInfo) fi.clone();
			p.nImages = 1;
			p.gapBetweenImages = 0;
			p.offset = pages.get(k)[0][0];
			p.longOffset = pages.get(k)[0][0];
			p.stripOffsets = pages.get(k)[0];
			p.stripLengths = pages.get(k)[1];
			infos[k] = p;
		}
		Opener o = new Opener();
		o.setSilentMode(true);
		ImagePlus imp = o.openTiffStack(infos);
		if (imp == null || imp.getStackSize() != infos.length) throw new IOException(file + ": cannot read its " + infos.length + " pages");
		imp.setCalibration(opened.getCalibration());
		imp.setTitle(opened.getTitle());
		return imp;
	}

	/** Per IFD of a classic TIFF: strip offsets and byte counts. */
	private static List<int[][]> strips(Path file) throws IOException {
		List<int[][]> out = new ArrayList<>();
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			byte[] head = new byte[8];
			f.readFully(head);
			ByteOrder order = head[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
			ByteBuffer h = ByteBuffer.wrap(head).order(order);
			if (h.getShort(2) != 42) return out; // BigTIFF or not a TIFF: ImageJ's reading stands
			long ifd = h.getInt(4) & 0xffffffffL;
			while (ifd > 0 && ifd < f.length() && out.size() < 100_000) {
				f.seek(ifd);
				byte[] cnt = new byte[2];
				f.readFully(cnt);
				int n = ByteBuffer.wrap(cnt).order(order).getShort() & 0xffff;
				byte[] entries = new byte[n * 12 + 4];
				f.readFully(entries);
				ByteBuffer e = ByteBuffer.wrap(entries).order(order);
				int[] offsets = null, lengths = null;
				for (int i = 0; i < n; i++) {
					int tag = e.getShort(i * 12) & 0xffff;
					if (tag == 273) offsets = values(f, e, i * 12, order);
					else if (tag == 279) lengths = values(f, e, i * 12, order);
				}
				if (offsets == null || lengths == null || offsets.length == 0) break;
				out.add(new int[][] { offsets, lengths });
				ifd = e.getInt(n * 12) & 0xffffffffL;
			}
		}
		return out;
	}

	/** The SHORT or LONG values of an IFD entry, inline or at its offset. */
	private static int[] values(RandomAccessFile f, ByteBuffer e, int at, ByteOrder order) throws IOException {
		int type = e.getShort(at + 2) & 0xffff;
		int count = e.getInt(at + 4);
		int size = type == 3 ? 2 : 4;
		ByteBuffer data;
		if ((long) count * size <= 4) data = ByteBuffer.wrap(e.array(), at + 8, 4).slice().order(order);
		else {
			byte[] b = new byte[count * size];
			f.seek(e.getInt(at + 8) & 0xffffffffL);
			f.readFully(b);
			data = ByteBuffer.wrap(b).order(order);
		}
		int[] v = new int[count];
		for (int i = 0; i < count; i++) v[i] = type == 3 ? data.getShort(i * 2) & 0xffff : data.getInt(i * 4);
		return v;
	}
}
