package org.imapp.mask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.LongArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * An n-dimensional binary image (values 0 and 1) held as one byte array in ImgLib2's flat
 * iteration order (dimension 0 fastest), with the interval it came from — the n-D sibling of
 * {@link BinaryMask}, on which the consensus and metric cores run their tight array loops.
 * <p>
 * {@link #of(RandomAccessibleInterval)} binarises any real-valued image as {@code value > 0}:
 * an {@link ArrayImg} or {@link PlanarImg} of {@link UnsignedByteType}, {@link ByteType} or
 * {@link BitType} is read from its arrays (the fast path), anything else (views, cell images,
 * other types) through a flat-iterable {@link Cursor} (the generic path). Both give the same
 * bytes. An {@code ArrayImg<UnsignedByteType>} that holds only 0/1 is wrapped, not copied (it
 * must not change while the volume is in use). At most 2^31 − 1 voxels.
 */
public final class BinaryVolume {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final long[] min;
	private final int[] dims;
	private final byte[] data;

	/** Wraps {@code data} (not copied; values 0/1) of an image with these {@code min} and {@code dims}. */
	public BinaryVolume(long[] min, int[] dims, byte[] data) {
		if (min.length != dims.length || dims.length == 0) throw new IllegalArgumentException("min and dims must have one entry per dimension");
		long n = 1;
		for (int d : dims) {
			if (d <= 0) throw new IllegalArgumentException("Image size must be positive: " + sizeString(dims));
			n *= d;
		}
		if (n != data.length) throw new IllegalArgumentException("Data length " + data.length + " != " + sizeString(dims));
		this.min = min.clone();
		this.dims = dims.clone();
		this.data = data;
	}

	/** {@code image} binarised as {@code value > 0} (a new array; the image is only read). */
	public static <T extends RealType<T>> BinaryVolume of(RandomAccessibleInterval<T> image) {
		int n = image.numDimensions();
		int[] dims = new int[n];
		long size = 1;
		for (int d = 0; d < n; d++) {
			dims[d] = Math.toIntExact(image.dimension(d));
			size *= dims[d];
		}
		if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Image of " + sizeString(dims) + " voxels is too large (at most 2^31 - 1)");
		byte[] shared = zeroOneArray(image);
		if (shared != null) return new BinaryVolume(image.minAsLongArray(), dims, shared);
		byte[] out = new byte[(int) size];
		if (!readArrays(image, out)) {
			Cursor<T> c = Views.flatIterable(image).cursor();
			for (int i = 0; i < out.length; i++) out[i] = c.next().getRealDouble() > 0 ? (byte) 1 : (byte) 0;
		}
		return new BinaryVolume(image.minAsLongArray(), dims, out);
	}

	/**
	 * The storage of an {@code ArrayImg<UnsignedByteType>} that already holds only 0 and 1 (what
	 * the consensus writes), so large volumes are not copied; null otherwise. Eight voxels per test.
	 */
	private static byte[] zeroOneArray(RandomAccessibleInterval<?> image) {
		if (!(image instanceof ArrayImg<?, ?> img) || !(image.getType() instanceof UnsignedByteType) || !(img.update(null) instanceof ByteArray a)) return null;
		byte[] d = a.getCurrentStorageArray();
		int i = 0;
		for (; i + 8 <= d.length; i += 8) if (((long) LONGS.get(d, i) & ~0x0101010101010101L) != 0) return null;
		for (; i < d.length; i++) if ((d[i] & ~1) != 0) return null;
		return d;
	}

	/** The fast path: array-backed 8-bit and bit images read from their storage; false if {@code image} is not one. */
	private static boolean readArrays(RandomAccessibleInterval<?> image, byte[] out) {
		Object type = image.getType();
		boolean signed = type instanceof ByteType;
		if (image instanceof ArrayImg<?, ?> img) {
			Object access = img.update(null);
			if ((signed || type instanceof UnsignedByteType) && access instanceof ByteArray a) {
				binarise(a.getCurrentStorageArray(), 0, out, 0, out.length, signed);
				return true;
			}
			if (type instanceof BitType && access instanceof LongArray a) {
				long[] bits = a.getCurrentStorageArray();
				for (int i = 0; i < out.length; i++) out[i] = (byte) (bits[i >>> 6] >>> (i & 63) & 1);
				return true;
			}
			return false;
		}
		if (image instanceof PlanarImg<?, ?> img && (signed || type instanceof UnsignedByteType)) {
			int planes = img.numSlices();
			int planeSize = out.length / planes;
			for (int p = 0; p < planes; p++) {
				if (!(img.getPlane(p) instanceof ByteArray a)) return false;
				binarise(a.getCurrentStorageArray(), 0, out, p * planeSize, planeSize, signed);
			}
			return true;
		}
		return false;
	}

	private static void binarise(byte[] in, int from, byte[] out, int to, int n, boolean signed) {
		if (signed) for (int i = 0; i < n; i++) out[to + i] = in[from + i] > 0 ? (byte) 1 : (byte) 0;
		else for (int i = 0; i < n; i++) out[to + i] = in[from + i] != 0 ? (byte) 1 : (byte) 0;
	}

	public int numDimensions() {
		return dims.length;
	}

	/** Size along dimension {@code d}. */
	public int dimension(int d) {
		return dims[d];
	}

	/** Sizes per dimension (a copy). */
	public int[] dims() {
		return dims.clone();
	}

	/** The source image's minimum corner (a copy). */
	public long[] min() {
		return min.clone();
	}

	/** Number of voxels. */
	public int size() {
		return data.length;
	}

	/** The backing array, flat iteration order, values 0/1. Shared, not copied. */
	public byte[] data() {
		return data;
	}

	public boolean sameInterval(BinaryVolume other) {
		return Arrays.equals(dims, other.dims) && Arrays.equals(min, other.min);
	}

	/** "W×H×D" (or "W×H") for messages. */
	public String sizeString() {
		return sizeString(dims);
	}

	public static String sizeString(int[] dims) {
		StringBuilder sb = new StringBuilder();
		for (int d = 0; d < dims.length; d++) sb.append(d == 0 ? "" : "x").append(dims[d]);
		return sb.toString();
	}

	/** The data as an ImgLib2 image over the source interval, sharing this volume's memory. */
	public RandomAccessibleInterval<UnsignedByteType> img() {
		long[] size = new long[dims.length];
		for (int d = 0; d < dims.length; d++) size[d] = dims[d];
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(data, size);
		for (long m : min) if (m != 0) return Views.translate(img, min);
		return img;
	}
}
