package org.imapp.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Python's {@code repr} (and so pandas' {@code to_csv}) does:
 * the shortest digit string that reads back to the same double, fixed notation for decimal
 * exponents −4 ≤ e < 16 with a {@code .0} for integral values, otherwise scientific with a
 * two-digit signed exponent ({@code 1.5e-05}, {@code 1e+16}). Java 17's
 * {@code Double.toString} differs (not always shortest, {@code E} notation from 1e-3 and 1e7).
 */
public final class PythonFloat {

	private PythonFloat() {}

	public static String repr(double d) {
		if (Double.isNaN(d)) return "nan";
		if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
		if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
		BigDecimal stripped = shortest(Math.abs(d)).stripTrailingZeros();
		String digits = stripped.unscaledValue().toString();
		// decimal point position: value = digits × 10^(-scale) → exponent of first digit
		int pointPos = digits.length() - stripped.scale(); // digits before the decimal point
		int exp10 = pointPos - 1; // exponent of the first digit
		StringBuilder sb = new StringBuilder(24);
		if (d < 0) sb.append('-');
		if (exp10 >= -4 && exp10 < 16) {
			// Python's repr uses fixed notation exactly for decimal exponents -4..15.
			if (pointPos <= 0) {
				sb.append("0.");
				for (int i = 0; i < -pointPos; i++) sb.append('0');
				sb.append(digits);
			}
			else if (pointPos >= digits.length()) {
				sb.append(digits);
				for (int i = digits.length(); i < pointPos; i++) sb.append('0');
				sb.append(".0");
			}
			else {
				sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
			}
			return sb.toString();
		}
		return scientific(sb, digits, exp10);
	}

	/**
	 * The exact value of {@code a > 0} rounded (half even) to the fewest significant digits p that
	 * read back as {@code a}. For a normal double that is not a power of two the doubles reading
	 * back as {@code a} form an interval symmetric about it, and rounding to p + 1 digits is never
	 * farther from {@code a} than rounding to p digits (the p-digit grid is part of the finer one),
	 * so "reads back" is monotone in p: when p = n reads back and n − 1 does not, n is the answer.
	 * {@code Double.toString}'s digit count n reads back (its digits do, and the nearest n-digit
	 * value is no farther), so two roundings usually settle it instead of trying p = 1, 2, … 17
	 * (each a BigDecimal rounding and a parse — the cost of writing large metric tables).
	 */
	static BigDecimal shortest(double a) {
		BigDecimal exact = new BigDecimal(a);
		long bits = Double.doubleToRawLongBits(a);
		boolean symmetric = (bits & 0x000fffffffffffffL) != 0 && (bits >>> 52) != 0 && (bits >>> 52) < 0x7fe;
		if (symmetric) {
			int n = significantDigits(Double.toString(a));
			if (n >= 2 && n <= 17) {
				BigDecimal r = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
				if (r.doubleValue() == a && exact.round(new MathContext(n - 1, RoundingMode.HALF_EVEN)).doubleValue() != a) return r;
			}
		}
		return shortestByTrial(a, exact);
	}

	/** The definition: p = 1, 2, … until the rounding reads back. */
	static BigDecimal shortestByTrial(double a, BigDecimal exact) {
		for (int p = 1; p <= 17; p++) {
			BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
			if (r.doubleValue() == a) return r;
		}
		return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
	}

	/** Significant digits of a {@code Double.toString} result ({@code 0.00123}, {@code 1.5E-5}, {@code 120.0}). */
	private static int significantDigits(String s) {
		int end = s.indexOf('E');
		if (end < 0) end = s.length();
		int first = -1, last = -1;
		for (int i = 0; i < end; i++) {
			char c = s.charAt(i);
			if (c >= '1' && c <= '9') {
				if (first < 0) first = i;
				last = i;
			}
		}
		if (first < 0) return 0;
		int n = 0;
		for (int i = first; i <= last; i++) if (s.charAt(i) != '.') n++;
		return n;
	}

	private static String scientific(StringBuilder sb, String digits, int exp10) {
		sb.append(digits.charAt(0));
		if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
		sb.append('e').append(exp10 < 0 ? '-' : '+');
		int a = Math.abs(exp10);
		if (a < 10) sb.append('0');
		sb.append(a);
		return sb.toString();
	}
}
