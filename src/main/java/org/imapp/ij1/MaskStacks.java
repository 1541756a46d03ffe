package org.imapp.ij1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffEncoder;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

import org.imapp.data.MaskVolume;
import org.imapp.data.VolumeFiles;
import org.imapp.io.AtomicFiles;

/**
 * ImageJ 1.x images as mask volumes and back: any file ImageJ opens (PNG, TIFF stacks, …) or any
 * open image becomes a binary 2-D or 3-D ImgLib2 image (value &gt; 0; RGB: any channel) with
 * its calibration; consensus masks and probability maps become calibrated ImageJ stacks and TIFFs.
 */
public final class MaskStacks implements VolumeFiles {

	/** Reads and writes through ImageJ 1.x. */
	public static final MaskStacks FILES = new MaskStacks();

	private MaskStacks() {}

	@Override
	public MaskVolume read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException(file + ": file not found");
		ImagePlus imp;
		try {
			Opener o = new Opener();
			o.setSilentMode(true);
			imp = o.openImage(file.toString());
		}
		catch (RuntimeException e) {
			throw new IOException(file + ": cannot be read as an image (" + e + ")", e);
		}
		if (imp == null) throw new IOException(file + ": not an image ImageJ can open (or corrupt)");
		try {
			return volume(imp, file.toString());
		}
		catch (IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
		finally {
			imp.close();
		}
	}

	/**
	 * An image (all its slices) as a binary mask volume: 2-D for one slice, else x, y, z.
	 * @param name names the image in errors
	 * @throws IllegalArgumentException for a hyperstack with several channels or time points
	 */
	public static MaskVolume volume(ImagePlus imp, String name) {
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
			throw new IllegalArgumentException(name + ": a hyperstack with " + imp.getNChannels() + " channels and " + imp.getNFrames()
				+ " time points; a mask is one 2-D image or one z-stack");
		}
		int w = imp.getWidth(), h = imp.getHeight(), n = imp.getStackSize();
		ArrayImg<UnsignedByteType, ByteArray> img = n == 1 ? ArrayImgs.unsignedBytes(w, h) : ArrayImgs.unsignedBytes(w, h, n);
		byte[] data = img.update(null).getCurrentStorageArray();
		ImageStack stack = imp.getStack();
		TreeSet<Double> values = new TreeSet<>();
		boolean[] more = new boolean[1];
		long fg = 0;
		for (int z = 0; z < n; z++) fg += binarise(stack.getProcessor(z + 1), data, z * w * h, values, more);
		Calibration cal = imp.getCalibration();
		double[] spacing = null;
		String unit = "pixel";
		if (cal.scaled()) {
			spacing = n == 1 ? new double[] { cal.pixelWidth, cal.pixelHeight } : new double[] { cal.pixelWidth, cal.pixelHeight, cal.pixelDepth };
			unit = cal.getUnit();
		}
		return new MaskVolume(img, spacing, unit, fg, values.stream().mapToDouble(Double::doubleValue).toArray(), more[0]);
	}

	/**
	 * Writes {@code out[offset + i] = 1} where pixel i is foreground (value &gt; 0; RGB: any channel
	 * non-zero), else 0, and returns the foreground count. When {@code values} is given, the
	 * distinct non-zero raw values are collected there, at most {@link MaskVolume#MAX_VALUES_KEPT}
	 * ({@code more[0]} set when there were more).
	 */
	static long binarise(ImageProcessor ip, byte[] out, int offset, TreeSet<Double> values, boolean[] more) {
		int n = ip.getPixelCount();
		long fg = 0;
		if (ip instanceof ColorProcessor) {
			int[] rgb = (int[]) ip.getPixels();
			for (int i = 0; i < n; i++) {
				int v = rgb[i] & 0xffffff;
				out[offset + i] = (byte) (v != 0 ? 1 : 0);
				if (v != 0) {
					fg++;
					if (values != null) keep(values, more, v);
				}
			}
			return fg;
		}
		if (ip instanceof ByteProcessor) {
			byte[] px = (byte[]) ip.getPixels();
			boolean[] seen = new boolean[256];
			for (int i = 0; i < n; i++) {
				int v = px[i] & 0xff;
				out[offset + i] = (byte) (v != 0 ? 1 : 0);
				if (v != 0) {
					fg++;
					seen[v] = true;
				}
			}
			if (values != null) for (int v = 1; v < 256; v++) if (seen[v]) keep(values, more, v);
			return fg;
		}
		for (int i = 0; i < n; i++) {
			float v = ip.getf(i);
			boolean f = v > 0;
			out[offset + i] = (byte) (f ? 1 : 0);
			if (f) fg++;
			// Negative values are background (value > 0 is the rule) but still not a binary mask.
			if (v != 0 && !Float.isNaN(v) && values != null) keep(values, more, v);
		}
		return fg;
	}

	private static void keep(TreeSet<Double> values, boolean[] more, double v) {
		if (values.size() < MaskVolume.MAX_VALUES_KEPT || values.contains(v)) values.add(v);
		else more[0] = true;
	}

	/**
	 * A 2-D or 3-D image as an ImageJ image: a mask as 8-bit 0/255, anything else as 32-bit, with
	 * this calibration (null: none).
	 */
	public static <T extends RealType<T>> ImagePlus image(String title, RandomAccessibleInterval<T> image, boolean mask, double[] spacing, String unit) {
		int nd = image.numDimensions();
		if (nd < 2 || nd > 3) throw new IllegalArgumentException(title + ": " + nd + "-D image; only 2-D and 3-D images can be shown");
		int w = (int) image.dimension(0), h = (int) image.dimension(1), n = nd == 3 ? (int) image.dimension(2) : 1;
		ImageStack stack = new ImageStack(w, h);
		Cursor<T> c = Views.flatIterable(image).cursor();
		for (int z = 0; z < n; z++) {
			if (mask) {
				byte[] px = new byte[w * h];
				for (int i = 0; i < px.length; i++) px[i] = (byte) (c.next().getRealDouble() > 0 ? 255 : 0);
				stack.addSlice(new ByteProcessor(w, h, px));
			}
			else {
				float[] px = new float[w * h];
				for (int i = 0; i < px.length; i++) px[i] = c.next().getRealFloat();
				stack.addSlice(new FloatProcessor(w, h, px));
			}
		}
		ImagePlus imp = new ImagePlus(title, stack);
		if (spacing != null) {
			Calibration cal = imp.getCalibration();
			cal.pixelWidth = spacing[0];
			cal.pixelHeight = spacing[1];
			if (nd == 3) cal.pixelDepth = spacing[2];
			cal.setUnit(unit);
		}
		return imp;
	}

	@Override
	public <T extends RealType<T>> void writeTiff(RandomAccessibleInterval<T> image, boolean mask, double[] spacing, String unit, Path file)
		throws IOException {
		saveTiff(image(file.getFileName().toString(), image, mask, spacing, unit), file);
	}

	/** Saves an image or stack as an ImageJ TIFF (calibration in its header, 32-bit stays 32-bit), atomically. */
	public static void saveTiff(ImagePlus imp, Path file) throws IOException {
		FileInfo fi = imp.getFileInfo();
		fi.description = new FileSaver(imp).getDescriptionString();
		AtomicFiles.write(file, out -> new TiffEncoder(fi).write(out));
	}
}
