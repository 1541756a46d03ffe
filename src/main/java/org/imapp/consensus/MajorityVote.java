package org.imapp.consensus;

import java.util.List;
import java.util.concurrent.ExecutorService;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.imapp.mask.BinaryMask;
import org.imapp.progress.ProgressMonitor;

/**
 * Majority voting as ITK {@code LabelVotingImageFilter} computes it on binary masks with the
 * undecided label set to 1, as the IMA++ script configures it: a tie goes to foreground, so a
 * pixel is foreground iff 2·votes ≥ number of raters (with 2 raters: the union).
 */
public final class MajorityVote {

	private MajorityVote() {}

	/** The IMA++ rule for one pixel. */
	public static boolean isForeground(int votes, int raters) {
		return 2 * votes >= raters;
	}

	/** Majority vote of {@code masks}; {@code names} name the masks in errors (size mismatch). */
	public static BinaryMask compute(List<BinaryMask> masks, List<String> names) {
		return compute(masks, names, null);
	}

	/** As {@link #compute(List, List)}, pixel loops split over {@code executor} (null: caller's thread). */
	public static BinaryMask compute(List<BinaryMask> masks, List<String> names, ExecutorService executor) {
		return compute(VotePatterns.of(masks, names, executor));
	}

	/** Majority vote of 2-D images binarised as {@code value > 0}. */
	public static <T extends RealType<T>> BinaryMask computeImages(List<? extends RandomAccessibleInterval<T>> images, List<String> names,
			ExecutorService executor) {
		return compute(VotePatterns.ofImages(images, names, executor));
	}

	/**
	 * Majority vote of n-dimensional raters binarised as {@code value > 0}: a 0/1 image over the
	 * raters' interval. Errors as {@link Staple#computeNd}.
	 */
	public static <T extends RealType<T>> RandomAccessibleInterval<UnsignedByteType> computeNd(List<? extends RandomAccessibleInterval<T>> raters,
			ExecutorService executor, ProgressMonitor monitor) {
		return computeImage(VotePatterns.ofRaters(raters, executor, monitor));
	}

	/** The majority vote of precomputed (n-D) patterns as a 0/1 image over their interval. */
	public static RandomAccessibleInterval<UnsignedByteType> computeImage(VotePatterns patterns) {
		return patterns.mapBinaryImage(rule(patterns.raters()));
	}

	private static boolean[] rule(int k) {
		boolean[] foreground = new boolean[1 << k];
		for (int c = 0; c < foreground.length; c++) foreground[c] = isForeground(Integer.bitCount(c), k);
		return foreground;
	}

	/** Majority vote on precomputed patterns (shared with {@link Staple}). */
	public static BinaryMask compute(VotePatterns patterns) {
		return patterns.mapBinary(rule(patterns.raters()));
	}
}
