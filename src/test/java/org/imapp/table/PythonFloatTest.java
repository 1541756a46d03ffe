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
}
