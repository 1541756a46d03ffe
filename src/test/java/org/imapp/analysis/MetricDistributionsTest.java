package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class MetricDistributionsTest {

	/** Linear-interpolation percentile (NumPy default), written out for the test. */
	private static double percentile(double[] sorted, double q) {
		double h = (sorted.length - 1) * q;
		int lo = (int) Math.floor(h);
		return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
	}

	@Test
	void histogramsOverAnnotatorPairsFollowNumpyAuto() {
		List<MetricDistributions.Histogram> hs = MetricDistributions.compute(PublishedTables.pairs().pairs(), MetricDistributions.METRICS);
		Table raw = PublishedTables.pairTable();
		Table t = MetricDistributions.table(hs);
		for (MetricDistributions.Histogram h : hs) {
			List<Double> vals = new ArrayList<>();
			for (int i = 0; i < raw.rowCount(); i++) {
				if (PublishedTables.consensus(raw.getString(i, "annotator1")) || PublishedTables.consensus(raw.getString(i, "annotator2"))) continue;
				double v = raw.getDouble(i, h.metric());
				if (!Double.isNaN(v)) vals.add(v);
			}
			double[] v = vals.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			// 3,103 annotator pairs; the boundary metrics are empty for none of them.
			assertEquals(3103, v.length, h.metric());
			assertEquals(v.length, h.n());
			double range = v[v.length - 1] - v[0];
			double fd = 2 * (percentile(v, 0.75) - percentile(v, 0.25)) / Math.cbrt(v.length);
			double sturges = range / (Math.log(v.length) / Math.log(2) + 1);
			assertEquals((int) Math.ceil(range / Math.min(fd, sturges)), h.counts().length, h.metric());
			assertEquals(v[0], h.edges()[0]);
			assertEquals(v[v.length - 1], h.edges()[h.edges().length - 1]);
			long[] expected = new long[h.counts().length];
			for (double x : v) {
				int k = 0;
				while (k < expected.length - 1 && x >= h.edges()[k + 1]) k++;
				expected[k]++;
			}
			assertArrayEquals(expected, h.counts(), h.metric());
		}
		// NumPy on the same values gives 39 Dice bins starting 41, 15, 16, 7, 13.
		assertEquals(39, hs.get(0).counts().length);
		assertArrayEquals(new long[] { 41, 15, 16, 7, 13 }, Arrays.copyOf(hs.get(0).counts(), 5));
		assertEquals(hs.stream().mapToInt(h -> h.counts().length).sum(), t.rowCount());
	}

	@Test
	void constantValuesGiveOneBinAroundThem() {
		MetricDistributions.Histogram h = MetricDistributions.histogram("x", new double[] { 2, 2, 2 });
		assertArrayEquals(new double[] { 1.5, 2.5 }, h.edges());
		assertArrayEquals(new long[] { 3 }, h.counts());
	}
}
