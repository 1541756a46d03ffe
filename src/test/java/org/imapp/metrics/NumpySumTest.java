package org.imapp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link NumpyStatistics#sum} and {@link NumpyStatistics#mean} against numpy's own results on
 * arrays longer than its 8,192-element reduction buffer ({@code numpy_sums.csv}, written by
 * {@code src/test/python/numpy_sums.py} with numpy 1.24.2; the inputs are regenerated here).
 */
class NumpySumTest {

	/** The generator of numpy_sums.py: a 64-bit LCG, values sqrt(floor(u * 5000)). */
	static double[] values(long seed, int n) {
		double[] out = new double[n];
		long x = seed;
		for (int i = 0; i < n; i++) {
			x = x * 6364136223846793005L + 1442695040888963407L;
			double u = (x >>> 11) * 0x1.0p-53;
			out[i] = Math.sqrt(Math.floor(u * 5000));
		}
		return out;
	}

	private record Case(long seed, int n, double sum, double mean) {}

	private static List<Case> cases() throws Exception {
		List<Case> cases = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(NumpySumTest.class.getResourceAsStream("numpy_sums.csv"), StandardCharsets.UTF_8))) {
			for (String line; (line = in.readLine()) != null;) {
				if (line.startsWith("#") || line.startsWith("seed")) continue;
				String[] f = line.split(",");
				cases.add(new Case(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
			}
		}
		return cases;
	}

	@Test
	void sumsAndMeansEqualNumpyToTheBit() throws Exception {
		List<Case> cases = cases();
		assertEquals(12, cases.size());
		int differFromWholePairwise = 0;
		for (Case c : cases) {
			double[] a = values(c.seed, c.n);
			String where = "seed " + c.seed + ", n " + c.n;
			assertEquals(c.sum, NumpyStatistics.sum(a, 0, a.length), 0.0, where);
			assertEquals(c.mean, NumpyStatistics.mean(a), 0.0, where);
			if (NumpyStatistics.pairwiseSum(a, 0, a.length) != c.sum) differFromWholePairwise++;
		}
		// The reference discriminates: one pairwise sum over the whole array misses numpy on several lengths.
		assertTrue(differFromWholePairwise >= 4, differFromWholePairwise + " cases where the whole-array pairwise sum differs");
	}

	@Test
	void blocksStartAtTheSliceGiven() throws Exception {
		// np.mean of a separate array (medpy's directed means): blocks count from its first element.
		double[] a = values(11, 300000);
		double[] padded = new double[a.length + 5];
		System.arraycopy(a, 0, padded, 5, a.length);
		assertEquals(NumpyStatistics.sum(a, 0, a.length), NumpyStatistics.sum(padded, 5, a.length), 0.0);
		assertEquals(cases().get(8).sum, NumpyStatistics.sum(padded, 5, a.length), 0.0);
	}
}
