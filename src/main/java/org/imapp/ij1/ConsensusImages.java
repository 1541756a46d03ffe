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
		return fire(new ImagePlus(title, new FloatProcessor(width, height, w)));
	}

	/** A probability map's look: the Fire LUT over 0–1 (on every slice of a stack). */
	public static ImagePlus fire(ImagePlus imp) {
		var fire = LutLoader.getLut("fire");
		if (fire != null) imp.getProcessor().setLut(new LUT(fire, 0, 1));
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
	static synchronized TiffEncoder littleEndianEncoder(FileInfo fi) {
		boolean saved = Prefs.intelByteOrder;
		try {
			Prefs.intelByteOrder = true;
			return new TiffEncoder(fi);
		} finally {
			Prefs.intelByteOrder = saved;
		}
	}

	/**
	 * Opens a command's result images: shown, or in a batch-mode macro (headless runs) kept as the
	 * macro's open images, so that the macro can select and save them.
	 */
	public static void open(ImagePlus... images) {
		if (ij.macro.Interpreter.isBatchMode()) {
			for (ImagePlus imp : images) imp.show(); // batch mode: registered with the macro, no window
			return;
		}
		show(images);
	}

	/** Shows the images, unless ImageJ runs headless. */
	public static void show(ImagePlus... images) {
		if (!AnnotationDisplay.canShow()) return;
		for (ImagePlus imp : images) WindowPlacement.show(imp);
	}
}
