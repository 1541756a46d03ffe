package org.imapp.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imapp.Fixtures;
import org.junit.jupiter.api.Test;

class PythonFloatTest {

	@Test
	void knownReprs() {
		assertEquals("0.0", PythonFloat.repr(0.0));
		assertEquals("1.0", PythonFloat.repr(1.0));
		assertEquals("114.0", PythonFloat.repr(114.0));
		assertEquals("0.1", PythonFloat.repr(0.1));
		assertEquals("0.0001", PythonFloat.repr(1e-4));
		assertEquals("1.5e-05", PythonFloat.repr(1.5e-5));
		assertEquals("4.613057704869397e-05", PythonFloat.repr(4.613057704869397e-05));
		assertEquals("1e+16", PythonFloat.repr(1e16));
		assertEquals("1234567890123456.0", PythonFloat.repr(1234567890123456.0));
		assertEquals("-2.5", PythonFloat.repr(-2.5));
		assertEquals("2.23606797749979", PythonFloat.repr(Math.sqrt(5)));
		assertEquals("0.30000000000000004", PythonFloat.repr(0.1 + 0.2));
		// Java 17 prints 2.0E-3 style and non-shortest digits for some values.
		assertEquals("0.002", PythonFloat.repr(0.002));
		assertEquals("1e-05", PythonFloat.repr(1e-5));
		assertEquals("5e-324", PythonFloat.repr(Double.MIN_VALUE));
		assertEquals("1.7976931348623157e+308", PythonFloat.repr(Double.MAX_VALUE));
	}

	@Test
	void everyFloatOfThePublishedPairwiseTableRoundTripsToTheSameText() throws Exception {
		String text = Files.readString(Fixtures.REFERENCE.resolve("IMAplusplus_multiannotator_subset_IAA_metrics.csv"));
		Matcher m = Pattern.compile("(?<=,)-?[0-9][0-9.]*(e[-+][0-9]+)?(?=[,\\n])").matcher(text);
		int n = 0;
		while (m.find()) {
			String s = m.group();
			if (!s.contains(".") && !s.contains("e")) continue;
			assertEquals(s, PythonFloat.repr(Double.parseDouble(s)));
			n++;
		}
		// 15,719 rows × 8 metric columns, less the 9 empty cells of ISIC_0013567.
		assertEquals(15719 * 8 - 9, n);
	}

	/** The two-rounding shortcut gives what trying p = 1 … 17 gives: random bit patterns, ratios (as metrics are), powers of two and their neighbours, decade edges. */
	@Test
	void shortcutAgreesWithTheDefinition() {
		java.util.Random r = new java.util.Random(17);
		java.util.List<Double> values = new java.util.ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			double v = Double.longBitsToDouble(r.nextLong() & 0x7fffffffffffffffL);
			if (Double.isFinite(v) && v > 0) values.add(v);
			values.add((double) r.nextInt(1 << 20) / (1 + r.nextInt(1 << 20)));
			values.add(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
		}
		for (int e = -1074; e <= 1023; e++) {
			double p2 = Math.scalb(1.0, e);
			values.add(p2);
			values.add(Math.nextUp(p2));
			values.add(Math.nextDown(p2));
		}
		for (int e = -300; e <= 300; e++) {
			double t = Double.parseDouble("1e" + e);
			values.add(t);
			values.add(Math.nextUp(t));
			values.add(Math.nextDown(t));
			values.add(Double.parseDouble("9.999999999999999e" + e));
		}
		values.add(Double.MAX_VALUE);
		values.add(Double.MIN_VALUE);
		values.add(Double.MIN_NORMAL);
		for (double v : values) {
			if (!(v > 0) || Double.isInfinite(v)) continue;
			assertEquals(PythonFloat.shortestByTrial(v, new java.math.BigDecimal(v)), PythonFloat.shortest(v), () -> "value bits " + Long.toHexString(Double.doubleToRawLongBits(v)));
		}
	}
}
