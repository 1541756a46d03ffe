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
			// Powers of two from the exponent bits: u = ulp(s) = 2^(e-52), 1/u, and 2^(e+1).
			double u = Double.longBitsToDouble(expBits - (52L << 52));
			double inverseU = Double.longBitsToDouble((2046L << 52) - (expBits - (52L << 52)));
			double limit = Double.longBitsToDouble(expBits + (1L << 52));
			double r = v * inverseU; // exact: a power-of-two scaling, r < 2^51 since s >= 4v
			long m = (long) r;
			double frac = r - m;
			long step;
			if (frac < 0.5) step = m;
			else if (frac > 0.5) step = m + 1;
			else if ((((long) (s * inverseU)) & 1) == 0) {
				// Tie: the sum rounds to an even multiple of u, so from an even multiple every
				// step is the even one of m and m + 1.
				step = (m & 1) == 0 ? m : m + 1;
			}
			else {
				// Tie from an odd multiple: one real addition makes it even.
				s += v;
				n--;
				continue;
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
}
