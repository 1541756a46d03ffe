package org.imapp.consensus;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.BinaryVolume;

/**
 * What STAPLE estimates for one image (2-D or n-D).
 * <p>
 * For n-D raters {@link #consensusImage()} and {@link #probabilityImage()} are the images over
 * the raters' interval; {@link #consensus()} and {@link #probabilities()} then hold the same
 * voxels flattened (rows of dimension 0 stacked, flat iteration order).
 *
 * @param consensus the binary consensus, W &gt; 0.5
 * @param patterns the raters' vote patterns the estimate was computed on
 * @param patternProbabilities the final W per vote pattern code (float, as ITK stores it)
 * @param sensitivity per rater (input order), ITK {@code GetSensitivity}
 * @param specificity per rater (input order), ITK {@code GetSpecificity}
 * @param iterations ITK's {@code ElapsedIterations}
 * @param prior the global prior g (mean initial W × confidence weight)
 */
public record StapleResult(BinaryMask consensus, VotePatterns patterns, float[] patternProbabilities, double[] sensitivity,
		double[] specificity, int iterations, double prior) {

	public int raters() {
		return sensitivity.length;
	}

	/**
	 * The probability map W (ITK's output image), row-major. Built on each call (a 30-megapixel
	 * image needs 120 MB), so batch runs that only want the masks never pay for it.
	 */
	public float[] probabilities() {
		return patterns.mapFloat(patternProbabilities);
	}

	/** {@link #probabilities()} as a 32-bit ImgLib2 image. */
	public ArrayImg<FloatType, FloatArray> probabilityImg() {
		return ArrayImgs.floats(probabilities(), patterns.width(), patterns.height());
	}

	/** The consensus (W &gt; 0.5) as a 0/1 image over the raters' interval (built on each call). */
	public RandomAccessibleInterval<UnsignedByteType> consensusImage() {
		return new BinaryVolume(patterns.min(), patterns.dims(), consensus.data()).img();
	}

	/** W as a 32-bit image over the raters' interval (built on each call). */
	public RandomAccessibleInterval<FloatType> probabilityImage() {
		int[] dims = patterns.dims();
		long[] size = new long[dims.length];
		for (int d = 0; d < dims.length; d++) size[d] = dims[d];
		ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(probabilities(), size);
		long[] min = patterns.min();
		for (long m : min) if (m != 0) return Views.translate(img, min);
		return img;
	}

	/** The final W of pixels with vote pattern {@code code} (bit i = rater i votes foreground). */
	public float probability(int code) {
		return patternProbabilities[code];
	}
}
