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
		BigDecimal exact = new BigDecimal(Math.abs(d));
		BigDecimal shortest = null;
		for (int p = 1; p <= 17; p++) {
			BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
			if (r.doubleValue() == Math.abs(d)) {
				shortest = r;
				break;
			}
		}
		if (shortest == null) shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
		BigDecimal stripped = shortest.stripTrailingZeros();
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
