package org.imapp.consensus;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.imapp.mask.BinaryMask;
import org.imapp.progress.ProgressMonitor;

/**
 * Binary STAPLE (Warfield, Zou, Wells 2004) as ITK 5.x {@code STAPLEImageFilter} computes it
 * when SimpleITK runs it on 0/1 masks with foreground value 1 — the filter that made the IMA++
 * {@code *_ST_ST_ST_ST.png} masks.
 * <p>
 * ITK's rules, reproduced here: W&#8320; = per-pixel fraction of raters voting 1; the prior
 * g = mean of W&#8320; over the whole image × confidence weight, fixed for all iterations; each
 * iteration first re-estimates every rater's sensitivity p and specificity q from W (M-step),
 * then recomputes W = gα / (gα + (1−g)β) (E-step); W is held in the filter's 32-bit float
 * output image between iterations while the sums are double; the loop stops after an iteration
 * other than the first in which every (Δp)² and (Δq)² is ≤ 1e-14, or after the maximum number of
 * iterations; the reported iteration count is ITK's {@code ElapsedIterations} (the index of the
 * stopping iteration, or the maximum). Consensus = W &gt; 0.5 (NaN is background).
 * <p>
 * W depends on a pixel only through its vote pattern, so the E-step runs on the 2^k patterns
 * ({@link VotePatterns}) and an iteration costs no pass over the image. The M-step sums are
 * ITK's pixel-order double sums, whose rounding shows in the 11th digit of the sensitivities on
 * small images and can reach the 9th on 30-megapixel ones; they are replayed exactly over the
 * runs of equal patterns ({@link SequentialSum}), so an iteration costs O(runs · k) — a few
 * thousand runs for a lesion mask — and the results equal ITK's bit for bit.
 */
public final class Staple {

	/**
	 * @param confidenceWeight scales the prior g (ITK {@code ConfidenceWeight}, default 1)
	 * @param maxIterations ITK {@code MaximumIterations}; 0 = unbounded (SimpleITK's default
	 *            {@code UINT_MAX})
	 */
	public record Parameters(double confidenceWeight, int maxIterations) {
		/** IMA++'s settings: SimpleITK defaults. */
		public static final Parameters DEFAULT = new Parameters(1.0, 0);

		public Parameters {
			if (!(confidenceWeight > 0) || Double.isInfinite(confidenceWeight)) {
				throw new IllegalArgumentException("confidence_weight must be a positive number, got " + confidenceWeight);
			}
			if (maxIterations < 0) throw new IllegalArgumentException("max_iterations must be >= 0 (0 = unbounded), got " + maxIterations);
		}
	}

	/** ITK's convergence bound on the squared change of every p and q. */
	static final double MIN_SQUARED_CHANGE = 1.0e-14;

	private Staple() {}

	/** STAPLE of {@code masks} with IMA++'s settings; {@code names} name the masks in errors. */
	public static StapleResult compute(List<BinaryMask> masks, List<String> names) {
		return compute(masks, names, Parameters.DEFAULT, null);
	}

	/** STAPLE of {@code masks}; pixel passes split over {@code executor} (null: caller's thread). */
	public static StapleResult compute(List<BinaryMask> masks, List<String> names, Parameters parameters, ExecutorService executor) {
		return compute(VotePatterns.of(masks, names, executor), parameters);
	}

	/** STAPLE of 2-D images binarised as {@code value > 0}. */
	public static <T extends RealType<T>> StapleResult computeImages(List<? extends RandomAccessibleInterval<T>> images, List<String> names,
			Parameters parameters, ExecutorService executor) {
		return compute(VotePatterns.ofImages(images, names, executor), parameters);
	}

	/**
	 * STAPLE of n-dimensional raters (2-D images, 3-D stacks, …), each binarised as
	 * {@code value > 0}; voxels are visited in flat iteration order as ITK does, so the results
	 * equal ITK's 3-D filter. The result's {@link StapleResult#consensusImage()} and
	 * {@link StapleResult#probabilityImage()} have the raters' interval.
	 *
	 * @param executor splits the voxel passes (null: caller's thread)
	 * @param monitor progress and cancellation (null: none)
	 * @throws IllegalArgumentException no raters, more than {@link VotePatterns#MAX_RATERS}, or
	 *             raters of different intervals (naming them by index)
	 */
	public static <T extends RealType<T>> StapleResult computeNd(List<? extends RandomAccessibleInterval<T>> raters, Parameters parameters,
			ExecutorService executor, ProgressMonitor monitor) {
		return compute(VotePatterns.ofRaters(raters, executor, monitor), parameters);
	}

	/** STAPLE on precomputed patterns (share them with {@link MajorityVote#compute(VotePatterns)}). */
	public static StapleResult compute(VotePatterns patterns, Parameters parameters) {
		Estimate e = estimate(patterns, parameters);
		boolean[] foreground = new boolean[e.w.length];
		for (int c = 0; c < foreground.length; c++) foreground[c] = e.w[c] > 0.5f; // NaN compares false
		BinaryMask consensus = patterns.mapBinary(foreground);
		return new StapleResult(consensus, patterns, e.w, e.p, e.q, e.iterations, e.prior);
	}

	/** What the EM gives for one image. {@code w} is per pattern code. */
	record Estimate(float[] w, double[] p, double[] q, int iterations, double prior) {}

	/**
	 * The EM, replaying ITK's pixel-order double sums run by run ({@link SequentialSum}), so
	 * sensitivities, specificities, iteration count and W are ITK's to the last bit.
	 */
	static Estimate estimate(VotePatterns patterns, Parameters parameters) {
		int k = patterns.raters();
		int codes = 1 << k;
		VotePatterns.Runs all = patterns.runs();
		// The pixels each rater's numerators visit, in pixel order: D_i = 1 for p, D_i = 0 for q.
		VotePatterns.Runs[] ones = new VotePatterns.Runs[k], zeros = new VotePatterns.Runs[k];
		for (int i = 0; i < k; i++) {
			ones[i] = new VotePatterns.Runs(256);
			zeros[i] = new VotePatterns.Runs(256);
			for (int r = 0; r < all.size(); r++) {
				int c = all.code(r);
				((c >>> i & 1) != 0 ? ones[i] : zeros[i]).add(c, all.length(r));
			}
		}

		// W0 = fraction of raters voting 1, held as float (ITK sums the votes in the float image).
		float[] w = new float[codes];
		double[] term = new double[codes];
		double[] complement = new double[codes];
		for (int c = 0; c < codes; c++) {
			w[c] = (float) (Integer.bitCount(c) / (double) k);
			term[c] = w[c];
		}
		double g = (sum(all, term) / (double) patterns.pixels()) * parameters.confidenceWeight();

		double[] p = new double[k], q = new double[k];
		double[] lastP = new double[k], lastQ = new double[k];
		Arrays.fill(lastP, -10.0);
		Arrays.fill(lastQ, -10.0);
		long max = parameters.maxIterations() == 0 ? 0xffffffffL : parameters.maxIterations();
		long iter = 0;
		for (; iter < max; iter++) {
			// M-step: ITK adds W (as double) and 1.0 - W for every pixel.
			for (int c = 0; c < codes; c++) {
				term[c] = w[c];
				complement[c] = 1.0 - w[c];
			}
			double pDenom = sum(all, term), qDenom = sum(all, complement);
			for (int i = 0; i < k; i++) {
				p[i] = sum(ones[i], term) / pDenom;
				q[i] = sum(zeros[i], complement) / qDenom;
			}
			// E-step, in ITK's order of operations (products over raters in input order).
			for (int c = 0; c < codes; c++) {
				double alpha = 1.0, beta = 1.0;
				for (int i = 0; i < k; i++) {
					if ((c >>> i & 1) != 0) {
						alpha = alpha * p[i];
						beta = beta * (1.0 - q[i]);
					}
					else {
						alpha = alpha * (1.0 - p[i]);
						beta = beta * q[i];
					}
				}
				w[c] = (float) (g * alpha / (g * alpha + (1.0 - g) * beta));
			}
			boolean converged = false;
			if (iter != 0) {
				// As ITK: a NaN change compares false, so NaN estimates count as converged.
				converged = true;
				for (int i = 0; i < k; i++) {
					double dp = p[i] - lastP[i], dq = q[i] - lastQ[i];
					if (dp * dp > MIN_SQUARED_CHANGE || dq * dq > MIN_SQUARED_CHANGE) {
						converged = false;
						break;
					}
				}
			}
			System.arraycopy(p, 0, lastP, 0, k);
			System.arraycopy(q, 0, lastQ, 0, k);
			if (converged) break;
		}
		return new Estimate(w, p, q, (int) Math.min(iter, Integer.MAX_VALUE), g);
	}

	/** ITK's left-to-right sum of {@code value[code]} over the pixels of {@code runs}. */
	private static double sum(VotePatterns.Runs runs, double[] value) {
		return SequentialSum.sumRuns(runs, value);
	}
}
