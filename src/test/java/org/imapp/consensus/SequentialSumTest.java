package org.imapp.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SequentialSumTest {

	private static double loop(double s, double v, long n) {
		for (long i = 0; i < n; i++) s += v;
		return s;
	}

	private static void check(double s, double v, long n) {
		double expected = loop(s, v, n);
		double actual = SequentialSum.addRepeated(s, v, n);
		assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), "s=" + s + " v=" + v + " n=" + n + ": " + expected + " vs " + actual);
	}

	@Test
	void equalsTheLoopForStapleLikeTerms() {
		Random r = new Random(1);
		for (int t = 0; t < 40_000; t++) {
			double s = switch (r.nextInt(3)) {
				case 0 -> r.nextInt(100_000);
				case 1 -> r.nextDouble() * Math.scalb(1.0, r.nextInt(40));
				default -> 0;
			};
			float w = (float) switch (r.nextInt(4)) {
				case 0 -> r.nextDouble();
				case 1 -> r.nextDouble() * 1e-6;
				case 2 -> 1 - r.nextDouble() * 1e-6;
				default -> Math.scalb(r.nextDouble(), -r.nextInt(120));
			};
			double v = r.nextBoolean() ? w : 1.0 - w; // ITK adds W and 1 - W
			check(s, v, 1 + r.nextInt(r.nextBoolean() ? 10 : 5_000));
		}
	}

	@Test
	void tiesRoundToEvenLikeTheLoop() {
		// v = (m + 1/2) ulp(s): every addition is a tie, from odd and from even multiples.
		for (double s : new double[] { 1024, 1024 + Math.ulp(1024.0), 3000.5, 1 << 20 }) {
			double u = Math.ulp(s);
			for (long m : new long[] { 0, 1, 2, 3, 1 << 20, (1 << 20) + 1 }) {
				check(s, (m + 0.5) * u, 5000);
				check(s, (m + 0.25) * u, 5000);
				check(s, (m + 0.75) * u, 5000);
			}
		}
	}

	@Test
	void longRunsAcrossManyBinades() {
		check(0, 1.0 - (double) 3.1e-8f, 40_000_000);
		check(0, (double) 0.33333334f, 30_000_000);
		check(1e-300, 1e-310, 1000); // subnormal terms
		check(0, 0, 10);
		assertEquals(Double.NaN, SequentialSum.addRepeated(5, Double.NaN, 10));
		check(5, -0.25, 100); // negative terms take the plain loop
	}
}
