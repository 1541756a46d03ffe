package org.imapp.mask;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads mask images into {@link BinaryMask}s with the binarisation of IMA++'s
 * {@code load_mask}: a pixel is foreground when the mean of all its channels (alpha included,
 * palettes expanded) is above zero, which for non-negative samples means any channel is non-zero.
 * Writes masks as 8-bit grey PNGs with values 0/255, as the IMA++ scripts save consensus masks.
 */
public final class MaskIO {

	private MaskIO() {}

	/** Reads and binarises a mask file; the exception names the file. */
	public static BinaryMask read(Path file) throws MaskReadException {
		try (InputStream in = Files.newInputStream(file)) {
			MaskLimits.defaults().checkFileBytes(file.toString(), Files.size(file));
			return read(in, file.toString());
		}
		catch (NoSuchFileException e) {
			throw new MaskReadException(file.toString(), "file not found", e);
		}
		catch (MaskReadException e) {
			throw e;
		}
		catch (IOException e) {
			throw new MaskReadException(file.toString(), "cannot read: " + e.getMessage(), e);
		}
	}

	/** Reads and binarises a mask from a stream; {@code name} is used in error messages. */
	public static BinaryMask read(InputStream in, String name) throws MaskReadException {
		byte[] bytes;
		try {
			bytes = in.readAllBytes();
		}
		catch (IOException e) {
			throw new MaskReadException(name, "cannot read: " + e.getMessage(), e);
		}
		return decode(bytes, name);
	}

	/**
	 * The pixels a PNG declares in its header, read from the stream's first bytes only (no
	 * decoding, no limits); 0 for a stream that does not start as a PNG.
	 */
	public static long declaredPngPixels(InputStream in) throws IOException {
		return PngDecoder.declaredPixels(in.readNBytes(PngDecoder.HEADER_BYTES));
	}

	/** Decodes and binarises encoded image bytes (PNG, or any format ImageIO reads). */
	public static BinaryMask decode(byte[] bytes, String name) throws MaskReadException {
		return decode(bytes, name, MaskLimits.defaults());
	}

	/** As {@link #decode(byte[], String)}; a mask over {@code limits} is refused from its header, before decoding. */
	public static BinaryMask decode(byte[] bytes, String name, MaskLimits limits) throws MaskReadException {
		if (PngDecoder.isPng(bytes)) {
			return PngDecoder.decodeBinary(bytes, name, null, limits);
		}
		return decodeWithImageIO(bytes, name, null, limits);
	}

	/**
	 * A decoded mask with the number of distinct non-zero raw pixel values in the file (grey
	 * levels, RGB(A) tuples or palette colours; counted up to 65,536). A clean mask has 0 or 1.
	 */
	public record Decoded(BinaryMask mask, int foregroundValues) {}

	/** As {@link #decode(byte[], String)}, also counting the raw foreground values (for QA). */
	public static Decoded decodeCountingValues(byte[] bytes, String name) throws MaskReadException {
		return decodeCountingValues(bytes, name, MaskLimits.defaults());
	}

	/** As {@link #decodeCountingValues(byte[], String)} under {@code limits}. */
	public static Decoded decodeCountingValues(byte[] bytes, String name, MaskLimits limits) throws MaskReadException {
		ForegroundValues values = new ForegroundValues();
		BinaryMask mask = PngDecoder.isPng(bytes) ? PngDecoder.decodeBinary(bytes, name, values, limits) : decodeWithImageIO(bytes, name, values, limits);
		return new Decoded(mask, values.count());
	}

	/**
	 * Any format ImageIO reads (TIFF, BMP, JPEG, GIF, interlaced PNG): the reader parses the header
	 * first, and the size is checked against {@code limits} before it decodes a pixel.
	 */
	static BinaryMask decodeWithImageIO(byte[] bytes, String name, ForegroundValues values, MaskLimits limits) throws MaskReadException {
		BufferedImage img;
		try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
			if (readers == null || !readers.hasNext()) throw new MaskReadException(name, "not a readable image", null);
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				limits.checkSize(name, reader.getWidth(0), reader.getHeight(0));
				img = reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (MaskReadException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			throw new MaskReadException(name, "corrupted or unsupported image: " + e.getMessage(), e);
		}
		catch (OutOfMemoryError e) {
			throw new MaskReadException(name, "not enough memory to decode it now (maximum heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)", null);
		}
		if (values != null) collectValues(img, values);
		return fromBufferedImage(img);
	}

	/** Raw pixel values of a decoded image: the palette colour, or all band samples packed. */
	private static void collectValues(BufferedImage img, ForegroundValues values) {
		Raster r = img.getRaster();
		int bands = r.getNumBands();
		boolean palette = img.getColorModel() instanceof java.awt.image.IndexColorModel;
		int[] px = new int[bands];
		for (int y = 0; y < img.getHeight(); y++) {
			for (int x = 0; x < img.getWidth(); x++) {
				r.getPixel(x, y, px);
				long v;
				if (palette) {
					v = img.getColorModel().getRGB(px[0]) & 0xffffffffL;
					if (!img.getColorModel().hasAlpha()) v &= 0xffffffL;
				}
				else {
					v = 0;
					for (int b = 0; b < bands; b++) v = (v << 16) | (px[b] & 0xffff);
				}
				values.add(v);
			}
		}
	}

	/** Binarises a decoded image: foreground where any raw band sample (through the palette) is non-zero. */
	public static BinaryMask fromBufferedImage(BufferedImage img) {
		int w = img.getWidth();
		int h = img.getHeight();
		byte[] out = new byte[Math.multiplyExact(w, h)];
		if (img.getColorModel() instanceof java.awt.image.IndexColorModel icm) {
			// Palette images are expanded through the palette (and its alpha), as imageio does.
			boolean[] fg = new boolean[icm.getMapSize()];
			for (int i = 0; i < fg.length; i++) {
				fg[i] = icm.getRed(i) != 0 || icm.getGreen(i) != 0 || icm.getBlue(i) != 0 || (icm.hasAlpha() && icm.getAlpha(i) != 0);
			}
			Raster r = img.getRaster();
			int[] row = new int[w];
			for (int y = 0; y < h; y++) {
				r.getSamples(0, y, w, 1, 0, row);
				for (int x = 0; x < w; x++) {
					int v = row[x];
					out[y * w + x] = (v < fg.length && fg[v]) ? (byte) 1 : 0;
				}
			}
			return new BinaryMask(w, h, out);
		}
		Raster r = img.getRaster();
		int bands = r.getNumBands();
		int[] row = new int[w];
		for (int b = 0; b < bands; b++) {
			for (int y = 0; y < h; y++) {
				r.getSamples(0, y, w, 1, b, row);
				int off = y * w;
				for (int x = 0; x < w; x++) {
					if (row[x] != 0) out[off + x] = 1;
				}
			}
		}
		return new BinaryMask(w, h, out);
	}

	/** Writes the mask as an 8-bit grey PNG with values 0/255. */
	public static void writePng(BinaryMask mask, OutputStream out) throws IOException {
		PngEncoder.writeGray(mask, out);
	}
}
