package org.imapp.consensus;

/**
 * The result of adding the same double {@code n} times to a running double sum, one rounded
 * addition after another — exactly what a pixel loop does — in O(number of binades crossed)
 * instead of O(n).
 * <p>
 * ITK's STAPLE sums W over the image pixel by pixel, and over millions of pixels that sum's
 * rounding moves the sensitivities in the 1e-10 to 1e-9 range. Mask images are long runs of equal
 * vote patterns, so replaying those additions run by run gives ITK's sums bit for bit at a
 * cost proportional to the number of runs.
 * <p>
 * Why skipping is exact: while a non-negative sum s stays in one binade [2^e, 2^(e+1)] the
 * doubles there are the multiples of u = ulp(s), so fl(s + v) = s + u·round(v/u) with ties to
 * the even multiple — a constant step once the parity is settled. The skip stops short of the
 * binade's end and the crossing is done with a real addition.
 */
final class SequentialSum {

	private static final long EXPONENT = 0x7ff0000000000000L;
	/** Sums below 2^-900 take the plain loop, so u and 1/u are normal doubles. */
	private static final long MIN_FAST_EXPONENT = (1023L - 900) << 52;

	private SequentialSum() {}

	/** {@code sum} after {@code n} left-to-right additions of {@code term}, as a loop would give it. */
	static double addRepeated(double sum, double term, long n) {
		double s = sum;
		final double v = term;
		if (n <= 0) return s;
		if (!(v >= 0) || !(s >= 0) || Double.isInfinite(v) || Double.isInfinite(s)) {
			// Negative, NaN or infinite terms (only possible with odd parameters): no shortcut.
			for (long i = 0; i < n; i++) s += v;
			return s;
		}
		while (n > 0) {
			if (v == 0) return s;
			long expBits = Double.doubleToRawLongBits(s) & EXPONENT;
			if (n < 4 || s < 4 * v || expBits < MIN_FAST_EXPONENT) {
				// Early additions change the binade every few steps (and tiny sums have no
				// power-of-two shortcuts): add for real.
				s += v;
				n--;
				continue;
			}
			double u = ulp(expBits), inverseU = inverseUlp(expBits), limit = binadeEnd(expBits);
			double r = v * inverseU; // exact: a power-of-two scaling, r < 2^51 since s >= 4v
			long step = nearestSteps(r);
			if (step == TIE) {
				long m = (long) r;
				if ((((long) (s * inverseU)) & 1) == 0) {
					// The sum rounds to an even multiple of u, so from an even multiple every
					// step is the even one of m and m + 1.
					step = (m & 1) == 0 ? m : m + 1;
				}
				else {
					// From an odd multiple: one real addition makes it even.
					s += v;
					n--;
					continue;
				}
			}
			if (step == 0) return s; // each addition rounds back to s
			long room = (long) ((limit - s) * inverseU); // exact (Sterbenz), < 2^53
			long t = room / step - 1; // every pre-rounding value stays <= limit
			if (t < 1) {
				s += v;
				n--;
				continue;
			}
			if (t > n) t = n;
			s += (double) (t * step) * u; // exact: lands on the grid of u below limit
			n -= t;
		}
		return s;
	}

	/**
	 * {@code value[code]} added {@code length} times for each run in order, one rounded addition
	 * after another: STAPLE's pixel-order sum over an image. While the sum stays in one binade,
	 * each term that is not a tie adds a fixed number of ulps (the argument of the class comment),
	 * so runs are summed there as integers in ulps, one multiply-add per run; a run that would
	 * leave the binade, a tie, and the early sums go through {@link #addRepeated} and plain
	 * additions, as before.
	 */
	static double sumRuns(VotePatterns.Runs runs, double[] value) {
		long[] steps = new long[value.length]; // ulps per addition in the current binade; -1: not usable
		long binade = -1; // exponent bits the steps are for
		double u = 0, inverseU = 0;
		double s = 0;
		long ulps = 0, room = 0; // in the grid: s = ulps·u and room = (2^(e+1) - s) / u
		boolean inGrid = false;
		for (int r = 0, n = runs.size(); r < n; r++) {
			int code = runs.code(r);
			long len = runs.length(r);
			if (inGrid) {
				long step = steps[code];
				// As addRepeated: all steps fit when (len + 1)·step <= room.
				long need = step < 0 || Math.multiplyHigh(len + 1, step) != 0 ? -1 : (len + 1) * step;
				if (need >= 0 && need <= room) {
					ulps += len * step;
					room -= len * step;
					continue;
				}
				s = ulps * u; // exact: ulps < 2^53, u a power of two
				inGrid = false;
			}
			double v = value[code];
			if (len <= 8) {
				for (int j = 0; j < len; j++) s += v;
			}
			else {
				s = addRepeated(s, v, len);
			}
			long expBits = Double.doubleToRawLongBits(s) & EXPONENT;
			if (!(s > 0) || Double.isInfinite(s) || expBits < MIN_FAST_EXPONENT) continue;
			if (expBits != binade) {
				binade = expBits;
				u = ulp(expBits);
				inverseU = inverseUlp(expBits);
				double low = Double.longBitsToDouble(expBits); // 2^e, the binade's smallest sum
				for (int c = 0; c < value.length; c++) steps[c] = step(value[c], low, inverseU);
			}
			ulps = (long) (s * inverseU);
			room = (long) ((binadeEnd(expBits) - s) * inverseU); // exact (Sterbenz)
			inGrid = true;
		}
		return inGrid ? ulps * u : s;
	}

	/**
	 * Ulps added by each addition of {@code v} to a sum in the binade starting at {@code low}
	 * (ulp {@code 1 / inverseU}): {@code round(v / u)}, or -1 where that is not fixed (a tie, whose
	 * rounding depends on the sum's parity) or not known exact (v negative, not finite, or above
	 * a quarter of the binade's start, as addRepeated requires).
	 */
	private static long step(double v, double low, double inverseU) {
		if (!(v >= 0) || Double.isInfinite(v) || 4 * v > low) return -1;
		return nearestSteps(v * inverseU); // exact product, < 2^51; TIE is -1
	}

	/** What {@link #nearestSteps} returns for a tie, whose rounding depends on the sum's parity. */
	private static final long TIE = -1;

	/** {@code q} (>= 0, < 2^51) rounded to the nearest integer, or {@link #TIE} when it lies halfway. */
	private static long nearestSteps(double q) {
		long m = (long) q;
		double frac = q - m;
		if (frac < 0.5) return m;
		if (frac > 0.5) return m + 1;
		return TIE;
	}

	// Powers of two from a sum's exponent bits (binade [2^e, 2^(e+1))): its ulp 2^(e-52), 1/ulp, and 2^(e+1).

	private static double ulp(long expBits) {
		return Double.longBitsToDouble(expBits - (52L << 52));
	}

	private static double inverseUlp(long expBits) {
		return Double.longBitsToDouble((2046L << 52) - (expBits - (52L << 52)));
	}

	private static double binadeEnd(long expBits) {
		return Double.longBitsToDouble(expBits + (1L << 52));
	}
}
