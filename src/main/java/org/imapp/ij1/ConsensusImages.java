package org.imapp.ij1;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.Prefs;
import ij.io.FileInfo;
import ij.io.TiffEncoder;
import ij.plugin.LutLoader;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;

import org.imapp.io.AtomicFiles;
import org.imapp.mask.BinaryMask;

/**
 * One image's consensus as ImageJ images: the STAPLE probability map as a 32-bit image with the
 * Fire LUT over [0, 1], and consensus masks as 8-bit 0/255 images.
 */
public final class ConsensusImages {

	private ConsensusImages() {}

	/** The probability map W (row-major) as a 32-bit image, Fire LUT, display range 0–1. */
	public static ImagePlus probability(String title, float[] w, int width, int height) {
		FloatProcessor fp = new FloatProcessor(width, height, w);
		var fire = LutLoader.getLut("fire");
		if (fire != null) fp.setLut(new LUT(fire, 0, 1));
		ImagePlus imp = new ImagePlus(title, fp);
		imp.setDisplayRange(0, 1);
		return imp;
	}

	/** A mask as an 8-bit 0/255 image (a copy: the image may be edited without touching the mask). */
	public static ImagePlus mask(String title, BinaryMask mask) {
		byte[] px = new byte[mask.data().length];
		byte[] d = mask.data();
		for (int i = 0; i < px.length; i++) if (d[i] != 0) px[i] = (byte) 255;
		return new ImagePlus(title, new ByteProcessor(mask.width(), mask.height(), px));
	}

	/** Saves an image as TIFF (32-bit stays 32-bit), atomically. */
	public static void saveTiff(ImagePlus imp, Path file) throws IOException {
		AtomicFiles.write(file, out -> littleEndianEncoder(imp.getFileInfo()).write(out));
	}

	/**
	 * A TIFF encoder with Intel byte order whatever the user's Edit>Options>Input/Output setting, so
	 * the bytes written do not depend on ImageJ's preferences (TiffEncoder reads the global
	 * {@code Prefs.intelByteOrder} in its constructor only).
	 */
	private static synchronized TiffEncoder littleEndianEncoder(FileInfo fi) {
		boolean saved = Prefs.intelByteOrder;
		try {
			Prefs.intelByteOrder = true;
			return new TiffEncoder(fi);
		} finally {
			Prefs.intelByteOrder = saved;
		}
	}

	/** Shows the images, unless ImageJ runs headless. */
	public static void show(ImagePlus... images) {
		if (!AnnotationDisplay.canShow()) return;
		for (ImagePlus imp : images) imp.show();
	}
}
