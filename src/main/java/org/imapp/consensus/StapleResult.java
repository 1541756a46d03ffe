package org.imapp.consensus;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.imapp.mask.BinaryMask;

/**
 * What STAPLE estimates for one image.
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

	/** The final W of pixels with vote pattern {@code code} (bit i = rater i votes foreground). */
	public float probability(int code) {
		return patternProbabilities[code];
	}
}
