package org.imapp.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.imapp.mask.BinaryMask;
import org.junit.jupiter.api.Test;

class VotePatternsTest {

	/** Codes, histogram and runs written out pixel by pixel. */
	private static void assertMatchesPixelLoop(List<BinaryMask> masks, VotePatterns vp) {
		int k = masks.size(), w = masks.get(0).width(), h = masks.get(0).height();
		long[] counts = new long[1 << k];
		List<int[]> runs = new ArrayList<>();
		byte[] codes = vp.codes();
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int code = 0;
				for (int i = 0; i < k; i++) code |= (masks.get(i).get(x, y) ? 1 : 0) << i;
				assertEquals(code, codes[y * w + x]);
				counts[code]++;
				if (!runs.isEmpty() && runs.get(runs.size() - 1)[0] == code) runs.get(runs.size() - 1)[1]++;
				else runs.add(new int[] { code, 1 });
			}
		}
		assertArrayEquals(counts, vp.counts());
		assertEquals(runs.size(), vp.runCount());
		for (int r = 0; r < runs.size(); r++) {
			assertEquals(runs.get(r)[0], vp.runs().code(r), "run " + r);
			assertEquals(runs.get(r)[1], vp.runs().length(r), "run " + r);
		}
	}

	@Test
	void codesCountsAndRunsEqualThePixelLoop() throws Exception {
		List<BinaryMask> masks = TestMasks.raters(3, 1021, 777, 8); // > 2 chunks, width not a multiple of 8
		masks.add(TestMasks.noise(1021, 777, 0.01, 9));
		assertMatchesPixelLoop(masks, VotePatterns.of(masks, TestMasks.names(4)));
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			assertMatchesPixelLoop(masks, VotePatterns.of(masks, TestMasks.names(4), pool));
		}
		finally {
			pool.shutdown();
		}
		List<BinaryMask> tiny = List.of(TestMasks.noise(3, 2, 0.5, 1), TestMasks.noise(3, 2, 0.5, 2));
		assertMatchesPixelLoop(tiny, VotePatterns.of(tiny, TestMasks.names(2)));
	}

	/**
	 * Long runs, where the encoder compares whole blocks of every mask at once: changes just
	 * before, at and after block edges (1024), in one mask only, and a mask that keeps its bit
	 * long after another has changed.
	 */
	@Test
	void longRunsEndWhereAnyMaskChanges() {
		int w = 4099, h = 3, n = w * h;
		java.util.Random rnd = new java.util.Random(3);
		for (int t = 0; t < 40; t++) {
			List<BinaryMask> masks = new ArrayList<>();
			int k = 2 + t % 4;
			for (int i = 0; i < k; i++) {
				byte[] d = new byte[n];
				int v = rnd.nextInt(2);
				int[] edges = { 1023, 1024, 1025, 2047 + i, 3072 - i, 4096 * 2 + rnd.nextInt(100), rnd.nextInt(n) };
				int next = 0;
				java.util.Arrays.sort(edges);
				for (int x = 0; x < n; x++) {
					while (next < edges.length && edges[next] == x) {
						if (rnd.nextInt(3) > 0 || i == t % k) v ^= 1;
						next++;
					}
					d[x] = (byte) v;
				}
				masks.add(new BinaryMask(w, h, d));
			}
			assertMatchesPixelLoop(masks, VotePatterns.of(masks, TestMasks.names(k)));
		}
	}

	@Test
	void tooManyRatersOrMissingNamesAreRejected() {
		List<BinaryMask> nine = new ArrayList<>();
		for (int i = 0; i < 9; i++) nine.add(BinaryMask.empty(4, 4));
		assertThrows(IllegalArgumentException.class, () -> VotePatterns.of(nine, TestMasks.names(9)));
		assertThrows(IllegalArgumentException.class, () -> VotePatterns.of(nine.subList(0, 2), TestMasks.names(1)));
	}
}
