package org.imapp.data;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A rater's mask as read from a file: binarised (value &gt; 0 → 1, else 0), 2-D or 3-D in
 * ImgLib2 axis order (x, y[, z]), with the file's calibration and what the raw values were
 * (for QA: a mask with several non-zero values is not binary).
 *
 * @param image 0/1 voxels
 * @param spacing the file's voxel size per axis in {@code unit}, or null when the file carries no calibration
 * @param unit the calibration unit ("pixel" when none)
 * @param foreground voxels with value &gt; 0
 * @param nonZeroValues distinct raw non-zero values, sorted, at most {@link #MAX_VALUES_KEPT}
 * @param moreValues true when there were more distinct non-zero values than kept
 */
public record MaskVolume(ArrayImg<UnsignedByteType, ByteArray> image, double[] spacing, String unit, long foreground, double[] nonZeroValues,
		boolean moreValues) {

	public static final int MAX_VALUES_KEPT = 8;

	public long[] dimensions() {
		return image.dimensionsAsLongArray();
	}

	/** Sizes as text, e.g. {@code 92×75×28}. */
	public String sizeText() {
		return sizeText(dimensions());
	}

	public static String sizeText(long[] dims) {
		StringBuilder sb = new StringBuilder();
		for (int d = 0; d < dims.length; d++) sb.append(d == 0 ? "" : "×").append(dims[d]);
		return sb.toString();
	}

	/** True when the raw values were binary: at most one distinct non-zero value. */
	public boolean binary() {
		return nonZeroValues.length <= 1 && !moreValues;
	}

	/** The raw non-zero values as text, e.g. {@code 1, 2, 255}. */
	public String valuesText() {
		StringBuilder sb = new StringBuilder();
		for (double v : nonZeroValues) {
			if (sb.length() > 0) sb.append(", ");
			sb.append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
		}
		return moreValues ? sb + ", ..." : sb.toString();
	}

	@Override
	public String toString() {
		return "MaskVolume[" + sizeText() + ", spacing " + Arrays.toString(spacing) + " " + unit + ", " + foreground + " foreground]";
	}
}
