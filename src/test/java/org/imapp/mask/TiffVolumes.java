package org.imapp.mask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * Test helper: an 8-bit TIFF stack as an ImgLib2 {@code ArrayImg} (x, y, z) with its ImageJ
 * calibration.
 * <p>
 * The pixels are read IFD by IFD here, not by ImageJ: the fixture's stacks carry an ImageJ
 * description ({@code images=n}) but store an IFD between the slices, and ImageJ 1.54p trusts
 * the description, reads the slices as one contiguous block from the first strip and so returns
 * IFD bytes as pixels. The calibration (x/y resolution, {@code spacing=}) is read by ImageJ.
 */
public final class TiffVolumes {

	private TiffVolumes() {}

	/** @param spacing per axis (x, y, z) from the ImageJ calibration */
	public record Volume(ArrayImg<UnsignedByteType, ByteArray> img, double[] spacing) {}

	public static Volume open(Path tif) {
		ImagePlus imp = IJ.openImage(tif.toString());
		if (imp == null) throw new IllegalStateException("ImageJ cannot open " + tif);
		Calibration cal = imp.getCalibration();
		int w = imp.getWidth(), h = imp.getHeight(), d = imp.getStackSize();
		byte[] all = readSlices(tif, w, h, d);
		return new Volume(ArrayImgs.unsignedBytes(all, w, h, d), new double[] { cal.pixelWidth, cal.pixelHeight, cal.pixelDepth });
	}

	/** Uncompressed 8-bit strips of every IFD, slice after slice. */
	static byte[] readSlices(Path tif, int w, int h, int d) {
		ByteBuffer b;
		try {
			b = ByteBuffer.wrap(Files.readAllBytes(tif));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		b.order(b.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		byte[] out = new byte[w * h * d];
		int pos = 0;
		long ifd = b.getInt(4) & 0xffffffffL;
		while (ifd != 0 && pos < out.length) {
			int at = (int) ifd;
			int entries = b.getShort(at) & 0xffff;
			long[] offsets = null, counts = null;
			for (int e = 0; e < entries; e++) {
				int entry = at + 2 + 12 * e;
				int tag = b.getShort(entry) & 0xffff, type = b.getShort(entry + 2) & 0xffff, count = b.getInt(entry + 4);
				if (tag == 259 && (b.getShort(entry + 8) & 0xffff) != 1) throw new IllegalStateException(tif + " is compressed");
				if (tag == 258 && (b.getShort(entry + 8) & 0xffff) != 8) throw new IllegalStateException(tif + " is not 8-bit");
				if (tag == 273) offsets = values(b, entry, type, count);
				if (tag == 279) counts = values(b, entry, type, count);
			}
			for (int s = 0; s < offsets.length; s++) {
				b.get((int) offsets[s], out, pos, (int) counts[s]);
				pos += (int) counts[s];
			}
			ifd = b.getInt(at + 2 + 12 * entries) & 0xffffffffL;
		}
		if (pos != out.length) throw new IllegalStateException(tif + ": read " + pos + " bytes of " + out.length);
		return out;
	}

	private static long[] values(ByteBuffer b, int entry, int type, int count) {
		int size = type == 3 ? 2 : 4;
		int at = count * size <= 4 ? entry + 8 : b.getInt(entry + 8);
		long[] v = new long[count];
		for (int i = 0; i < count; i++) v[i] = size == 2 ? b.getShort(at + 2 * i) & 0xffff : b.getInt(at + 4 * i) & 0xffffffffL;
		return v;
	}
}
