package org.imapp.mask;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * A 2-D binary mask (values 0 and 1) stored row-major in one byte array and exposed as an
 * ImgLib2 {@link ArrayImg}. Algorithms run on the raw array because a 30-megapixel mask
 * visited through cursors costs several times more than a tight array loop.
 */
public final class BinaryMask {

	private final int width;
	private final int height;
	private final byte[] data;

	/** Wraps {@code data} (not copied); every value must be 0 or 1. */
	public BinaryMask(int width, int height, byte[] data) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException("Mask size must be positive: " + width + "x" + height);
		if ((long) width * height != data.length) throw new IllegalArgumentException("Mask data length " + data.length + " != " + width + "x" + height);
		this.width = width;
		this.height = height;
		this.data = data;
	}

	/** An all-background mask. */
	public static BinaryMask empty(int width, int height) {
		return new BinaryMask(width, height, new byte[Math.multiplyExact(width, height)]);
	}

	/**
	 * Binarises any 2-D real-valued image as {@code value > 0}, the rule of IMA++'s
	 * {@code load_mask}. An ArrayImg of UnsignedByteType holding only 0/1 is wrapped, not copied.
	 */
	public static <T extends RealType<T>> BinaryMask of(RandomAccessibleInterval<T> image) {
		if (image.numDimensions() != 2) throw new IllegalArgumentException("A mask must be 2-D, got " + image.numDimensions() + " dimensions");
		int w = Math.toIntExact(image.dimension(0));
		int h = Math.toIntExact(image.dimension(1));
		byte[] out = new byte[Math.multiplyExact(w, h)];
		Cursor<T> c = Views.flatIterable(image).cursor();
		for (int i = 0; i < out.length; i++) {
			out[i] = c.next().getRealDouble() > 0 ? (byte) 1 : (byte) 0;
		}
		return new BinaryMask(w, h, out);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Pixels in the mask (width × height). */
	public long size() {
		return data.length;
	}

	/** The backing array, row-major, values 0/1. Shared, not copied. */
	public byte[] data() {
		return data;
	}

	public boolean get(int x, int y) {
		return data[y * width + x] != 0;
	}

	public void set(int x, int y, boolean value) {
		data[y * width + x] = value ? (byte) 1 : (byte) 0;
	}

	/** Number of foreground pixels. */
	public long count() {
		long n = 0;
		for (byte b : data) n += b;
		return n;
	}

	public boolean isEmpty() {
		return nextNonZero(data, 0, data.length) == data.length;
	}

	private static final int SPAN = 1 << 12;
	private static final byte[] ZEROS = new byte[SPAN], ONES = new byte[SPAN];
	static {
		Arrays.fill(ONES, (byte) 1);
	}

	/**
	 * The first index in {@code [from, to)} whose byte is not 0, or {@code to}. Long background
	 * stretches are compared many bytes at a time ({@link Arrays#mismatch}, an intrinsic), not
	 * byte by byte.
	 */
	public static int nextNonZero(byte[] d, int from, int to) {
		while (from < to) {
			int n = Math.min(SPAN, to - from);
			int m = Arrays.mismatch(d, from, from + n, ZEROS, 0, n);
			if (m >= 0) return from + m;
			from += n;
		}
		return to;
	}

	/** The first index in {@code [from, to)} whose byte is 0, or {@code to}; as {@link #nextNonZero}, for runs of foreground. */
	public static int nextZero(byte[] d, int from, int to) {
		while (from < to) {
			int n = Math.min(SPAN, to - from);
			int m = Arrays.mismatch(d, from, from + n, ONES, 0, n);
			if (m < 0) from += n;
			else if (d[from + m] == 0) return from + m;
			else from += m + 1; // another non-zero value (masks hold 0/1; raw arrays may not)
		}
		return to;
	}

	public boolean sameSize(BinaryMask other) {
		return width == other.width && height == other.height;
	}

	/** The mask as an ImgLib2 image sharing this mask's memory. */
	public ArrayImg<UnsignedByteType, ByteArray> img() {
		return ArrayImgs.unsignedBytes(data, width, height);
	}

	public BinaryMask copy() {
		return new BinaryMask(width, height, data.clone());
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof BinaryMask m && m.width == width && m.height == height && Arrays.equals(m.data, data);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * width + height) + Arrays.hashCode(data);
	}

	@Override
	public String toString() {
		return "BinaryMask[" + width + "x" + height + ", " + count() + " foreground]";
	}
}
