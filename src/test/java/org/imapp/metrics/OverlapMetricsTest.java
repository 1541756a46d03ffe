package org.imapp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.imapp.Fixtures;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.junit.jupiter.api.Test;

class OverlapMetricsTest {

	static final String[] COLUMNS = { "dice_score", "jaccard_score", "hd_score", "hd95_score", "assd_score", "hd_score_normalized", "hd95_score_normalized",
		"assd_score_normalized" };

	static double[] values(PairMetrics m) {
		return new double[] { m.dice(), m.jaccard(), m.hd(), m.hd95(), m.assd(), m.normalized(m.hd()), m.normalized(m.hd95()), m.normalized(m.assd()) };
	}

	@Test
	void everyFixturePairMatchesMedpy() throws Exception {
		Map<String, MaskSurface> cache = new HashMap<>();
		int rows = 0, exact = 0, cells = 0;
		try (Reader in = Files.newBufferedReader(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"))) {
			for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
				MaskSurface a = cache.computeIfAbsent(r.get("mask1"), OverlapMetricsTest::load);
				MaskSurface b = cache.computeIfAbsent(r.get("mask2"), OverlapMetricsTest::load);
				double[] got = values(OverlapMetrics.compute(a, b, MetricOptions.DEFAULT));
				for (int c = 0; c < COLUMNS.length; c++) {
					int k = TableAssertions.assertMedpyCell(r.get(COLUMNS[c]), got[c], r.get("mask1") + " vs " + r.get("mask2") + " " + COLUMNS[c]);
					if (k < 0) continue;
					cells++;
					exact += k;
				}
				rows++;
			}
		}
		assertEquals(174, rows);
		// Summation and percentile follow numpy operation by operation, so nearly all cells agree to the bit.
		System.out.printf("fixture pairs: %d rows, %d/%d numeric cells bit-identical%n", rows, exact, cells);
		assertTrue(exact >= cells * 0.99, exact + " of " + cells + " bit-identical");
	}

	static MaskSurface load(String name) {
		Path p = Fixtures.SMALL.resolve("segs").resolve(name);
		if (!Files.exists(p)) p = Fixtures.SMALL.resolve("expected/consensus").resolve(name);
		try {
			return MaskSurface.of(MaskIO.read(p), name);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void identicalMasksHaveZeroDistances() {
		BinaryMask m = BruteForce.randomMask(new Random(5), 50, 40);
		PairMetrics p = OverlapMetrics.compute(m, m.copy());
		assertEquals(1.0, p.dice());
		assertEquals(1.0, p.jaccard());
		assertEquals(0.0, p.hd());
		assertEquals(0.0, p.hd95());
		assertEquals(0.0, p.assd());
		assertEquals(0.0, p.masd());
		assertEquals(1.0, p.nsd());
		assertNull(p.note());
	}

	@Test
	void emptyAgainstNonEmptyFollowsThePublishedConvention() {
		BinaryMask a = BruteForce.randomMask(new Random(6), 30, 20);
		PairMetrics p = OverlapMetrics.compute(a, BinaryMask.empty(30, 20));
		assertEquals(0.0, p.dice());
		assertEquals(0.0, p.jaccard());
		assertTrue(Double.isNaN(p.hd()) && Double.isNaN(p.hd95()) && Double.isNaN(p.assd()));
		assertEquals(1.0, p.normalized(p.hd()));
		assertEquals(1.0, p.normalized(p.hd95()));
		assertEquals(1.0, p.normalized(p.assd()));
		assertEquals(0.0, p.nsd());
		assertEquals("mask2 is empty", p.note());
		assertEquals("mask1 is empty", OverlapMetrics.compute(BinaryMask.empty(30, 20), a).note());
	}

	@Test
	void bothEmptyStillGiveDiceZero() {
		PairMetrics p = OverlapMetrics.compute(BinaryMask.empty(8, 8), BinaryMask.empty(8, 8));
		assertEquals(0.0, p.dice()); // published convention (medpy itself would say 1.0)
		assertEquals(0.0, p.jaccard());
		assertTrue(Double.isNaN(p.hd()));
		assertEquals(1.0, p.normalized(p.hd95()));
		assertTrue(Double.isNaN(p.nsd()));
		assertEquals("both masks are empty", p.note());
	}

	@Test
	void singlePixelMasks() {
		BinaryMask a = BinaryMask.empty(10, 7), b = BinaryMask.empty(10, 7);
		a.set(1, 1, true);
		b.set(4, 5, true);
		PairMetrics p = OverlapMetrics.compute(a, b);
		assertEquals(0.0, p.dice());
		assertEquals(5.0, p.hd());
		assertEquals(5.0, p.hd95());
		assertEquals(5.0, p.assd());
		assertEquals(5.0 / Math.sqrt(149), p.normalized(p.hd()));
		assertEquals(1, p.surface1());
	}

	@Test
	void masksTouchingEveryEdgeHaveSurfaceOnTheFrame() {
		// Full image against the full image minus a 2-pixel frame: the frame is surface for the first.
		int w = 12, h = 9;
		BinaryMask full = new BinaryMask(w, h, SurfaceDistancesTest.filled(w * h));
		BinaryMask inner = BinaryMask.empty(w, h);
		for (int y = 2; y < h - 2; y++) for (int x = 2; x < w - 2; x++) inner.set(x, y, true);
		PairMetrics p = OverlapMetrics.compute(full, inner);
		int[] ab = BruteForce.directedSquared(full, inner), ba = BruteForce.directedSquared(inner, full);
		assertEquals(2 * w + 2 * (h - 2), p.surface1());
		assertEquals(Math.sqrt(8), p.hd()); // frame corner to inner corner
		assertEquals(reference(ab, ba)[0], p.hd95());
		assertEquals(reference(ab, ba)[1], p.assd(), 1e-15);
		assertEquals((double) 5 * 8 / (w * h), p.jaccard());
	}

	@Test
	void holesAndIslandsCountTheirSurfaces() {
		BinaryMask ring = BinaryMask.empty(20, 20), island = BinaryMask.empty(20, 20);
		for (int y = 2; y < 18; y++) for (int x = 2; x < 18; x++) ring.set(x, y, true);
		for (int y = 7; y < 13; y++) for (int x = 7; x < 13; x++) ring.set(x, y, false); // hole
		for (int y = 2; y < 18; y++) for (int x = 2; x < 18; x++) island.set(x, y, true);
		island.set(0, 19, true); // island in the corner
		PairMetrics p = OverlapMetrics.compute(ring, island);
		// The hole's rim is surface of the ring; the island pixel is surface of the second mask.
		// 60 on the outer square, 24 around the hole (its corner pixels touch it only diagonally)
		assertEquals(60 + 24, p.surface1());
		assertEquals(60 + 1, p.surface2());
		int[] ab = BruteForce.directedSquared(ring, island), ba = BruteForce.directedSquared(island, ring);
		double[] ref = reference(ab, ba);
		assertEquals(ref[0], p.hd95());
		assertEquals(ref[1], p.assd(), 1e-14);
		assertEquals(16, Arrays.stream(ab).max().getAsInt(), "hole rim is 4 px from the outer rim");
		assertEquals(8, Arrays.stream(ba).max().getAsInt(), "island (0,19) to ring corner (2,17)");
		assertEquals(4.0, p.hd());
	}

	@Test
	void zeroOverlapMasks() {
		BinaryMask a = BinaryMask.empty(40, 30), b = BinaryMask.empty(40, 30);
		for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) a.set(x, y, true);
		for (int y = 20; y < 30; y++) for (int x = 30; x < 40; x++) b.set(x, y, true);
		PairMetrics p = OverlapMetrics.compute(a, b);
		assertEquals(0.0, p.dice());
		assertEquals(0.0, p.jaccard());
		// farthest surface pixel (0,0) of the first square, nearest (30,20) of the second
		assertEquals(Math.sqrt(30 * 30 + 20 * 20), p.hd());
		double[] ref = reference(BruteForce.directedSquared(a, b), BruteForce.directedSquared(b, a));
		assertEquals(ref[0], p.hd95());
		assertEquals(ref[1], p.assd(), 1e-13);
		assertEquals(0.0, p.nsd());
	}

	@Test
	void variantsMatchTheirDefinitionsOnRandomMasks() {
		Random r = new Random(11);
		for (int trial = 0; trial < 100; trial++) {
			BinaryMask a = BruteForce.randomMask(r, 45, 35), b = BruteForce.randomMask(r, 45, 35);
			if (a.isEmpty() || b.isEmpty()) continue;
			MaskSurface sa = MaskSurface.of(a), sb = MaskSurface.of(b);
			PairMetrics p = OverlapMetrics.compute(sa, sb, MetricOptions.DEFAULT.withNsdTolerance(3));
			double[] ab = SurfaceDistances.sqrt(BruteForce.directedSquared(a, b)), ba = SurfaceDistances.sqrt(BruteForce.directedSquared(b, a));
			double[] pooled = concat(ab, ba);
			assertEquals(BruteForce.percentile(pooled, 95), p.hd95(), 1e-12);
			assertEquals(Math.max(BruteForce.percentile(ab, 95), BruteForce.percentile(ba, 95)), p.hd95MaxDirected(), 1e-12);
			assertEquals(Arrays.stream(pooled).sum() / pooled.length, p.assd(), 1e-12);
			assertEquals((Arrays.stream(ab).average().getAsDouble() + Arrays.stream(ba).average().getAsDouble()) / 2, p.masd(), 1e-12);
			assertEquals(Arrays.stream(pooled).filter(d -> d <= 3).count() / (double) pooled.length, p.nsd(), 1e-15);
			assertEquals(Arrays.stream(pooled).max().getAsDouble(), p.hd());
			long inter = 0, sizes = a.count() + b.count();
			for (int i = 0; i < a.data().length; i++) inter += a.data()[i] & b.data()[i];
			assertEquals(2.0 * inter / sizes, p.dice());
			assertEquals((double) inter / (sizes - inter), p.jaccard());
			assertEquals(p.hd95MaxDirected(), p.hd95(MetricOptions.Hd95Variant.MAX_DIRECTED));
			assertEquals(p.masd(), p.assd(MetricOptions.AssdVariant.MEAN_OF_DIRECTED));
		}
	}

	@Test
	void defaultNsdToleranceIsTwoPercentOfTheDiagonal() {
		BinaryMask a = BruteForce.randomMask(new Random(8), 300, 400);
		PairMetrics p = OverlapMetrics.compute(a, a);
		assertEquals(0.02 * 500, p.nsdTolerance(), 1e-12);
		assertEquals(500.0, p.diagonal());
	}

	@Test
	void sizeMismatchNamesBothMasks() {
		MaskSurface a = MaskSurface.of(BinaryMask.empty(10, 10), "first.png");
		MaskSurface b = MaskSurface.of(BinaryMask.empty(10, 11), "second.png");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OverlapMetrics.compute(a, b, MetricOptions.DEFAULT));
		assertTrue(e.getMessage().contains("first.png") && e.getMessage().contains("second.png") && e.getMessage().contains("10x11"), e.getMessage());
	}

	/** {hd95 pooled, assd pooled} computed naively. */
	static double[] reference(int[] ab, int[] ba) {
		double[] pooled = concat(SurfaceDistances.sqrt(ab), SurfaceDistances.sqrt(ba));
		return new double[] { BruteForce.percentile(pooled, 95), Arrays.stream(pooled).sum() / pooled.length };
	}

	static double[] concat(double[] a, double[] b) {
		double[] c = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}
}
