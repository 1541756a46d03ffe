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

	/**
	 * sumRuns against the pixel loop, bit for bit: STAPLE-like values (W, 1 - W, tiny, zero) and
	 * values that are ties on the grids the sum passes through, over runs of 1 to 60,000 pixels.
	 */
	@Test
	void runSumsEqualThePixelLoop() {
		Random r = new Random(4);
		for (int t = 0; t < 1000; t++) {
			int codes = 1 << (1 + r.nextInt(4));
			double[] value = new double[codes];
			for (int c = 0; c < codes; c++) {
				float w = (float) r.nextDouble();
				value[c] = switch (r.nextInt(7)) {
					case 0 -> w;
					case 1 -> 1.0 - w;
					case 2 -> Math.scalb((double) w, -r.nextInt(60));
					case 3 -> 0;
					case 4 -> (r.nextInt(8) + 0.5) * Math.scalb(1.0, -52 + 10 + r.nextInt(14)); // a tie on some binade's grid
					case 5 -> (2 * r.nextInt(4) + 1) * Math.scalb(1.0, -52 + 10 + r.nextInt(14)); // odd ulps: rounds anew in the next binade
					default -> r.nextInt(3);
				};
			}
			VotePatterns.Runs runs = new VotePatterns.Runs(16);
			int n = 1 + r.nextInt(400);
			double expected = 0;
			int last = -1;
			for (int i = 0; i < n; i++) {
				int code;
				do code = r.nextInt(codes); while (code == last && codes > 1);
				last = code;
				int len = r.nextBoolean() ? 1 + r.nextInt(12) : 1 + r.nextInt(r.nextBoolean() ? 600 : 60_000);
				runs.add(code, len);
				for (int j = 0; j < len; j++) expected += value[code];
			}
			double actual = SequentialSum.sumRuns(runs, value);
			assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), "case " + t + ": " + expected + " vs " + actual);
		}
	}

	/** Short runs of odd-ulp terms across a binade's end: the run that would cross it leaves the integer grid. */
	@Test
	void runSumsCrossABinadeEndLikeThePixelLoop() {
		double u = Math.ulp(Math.scalb(1.0, 18)); // the grid of [2^18, 2^19)
		for (int start = 1; start <= 60; start++) {
			for (int pattern = 0; pattern < 8; pattern++) {
				double[] value = { 3 * u, 5 * u, Math.scalb(1.0, 19) - start * u };
				VotePatterns.Runs runs = new VotePatterns.Runs(16);
				runs.add(2, 1);
				double expected = value[2];
				for (int i = 0; i < 40; i++) {
					int code = i % 2, len = 1 + (pattern + i) % 4;
					runs.add(code, len);
					for (int j = 0; j < len; j++) expected += value[code];
				}
				double actual = SequentialSum.sumRuns(runs, value);
				assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), "start " + start + " pattern " + pattern);
			}
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
