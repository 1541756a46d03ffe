package org.imapp.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.imapp.mask.BinaryMask;
import org.junit.jupiter.api.Test;

class SurfaceDistancesTest {

	@Test
	void surfaceMatchesDefinitionOnRandomMasks() {
		Random r = new Random(1);
		for (int trial = 0; trial < 500; trial++) {
			// widths around multiples of 8 exercise the word-wise scan and its tails
			int w = 1 + r.nextInt(40), h = 1 + r.nextInt(25);
			BinaryMask m = BruteForce.randomMask(r, w, h);
			List<int[]> expected = BruteForce.surface(m);
			MaskSurface s = MaskSurface.of(m);
			int[] idx = expected.stream().mapToInt(p -> p[1] * w + p[0]).toArray();
			assertArrayEquals(idx, s.pixels(), "trial " + trial + " " + w + "x" + h);
			assertEquals(m.count(), s.area());
		}
	}

	@Test
	void fullImageMaskSurfaceIsTheOuterRing() {
		BinaryMask m = new BinaryMask(6, 5, filled(30));
		MaskSurface s = MaskSurface.of(m);
		assertEquals(2 * 6 + 2 * 3, s.size());
		assertEquals(30, s.area());
		assertEquals(0, s.minX());
		assertEquals(5, s.maxX());
		assertEquals(4, s.maxY());
	}

	@Test
	void directedDistancesMatchBruteForceOnRandomMasks() {
		Random r = new Random(2024);
		int checked = 0;
		for (int trial = 0; trial < 400; trial++) {
			int w = 1 + r.nextInt(60), h = 1 + r.nextInt(45);
			BinaryMask a = BruteForce.randomMask(r, w, h), b = BruteForce.randomMask(r, w, h);
			if (a.isEmpty() || b.isEmpty()) continue;
			assertArrayEquals(BruteForce.directedSquared(a, b), SurfaceDistances.directedSquared(MaskSurface.of(a), MaskSurface.of(b)), "trial " + trial);
			assertArrayEquals(BruteForce.directedSquared(b, a), SurfaceDistances.directedSquared(MaskSurface.of(b), MaskSurface.of(a)), "trial " + trial);
			checked++;
		}
		assertEquals(true, checked > 300, "random masks should rarely be empty, checked " + checked);
	}

	@Test
	void scatteredAndFarApartMasksMatchBruteForce() {
		// Sparse speckle against compact blobs in different corners: wide search windows, envelope rows.
		Random r = new Random(77);
		for (int trial = 0; trial < 300; trial++) {
			int w = 2 + r.nextInt(90), h = 2 + r.nextInt(60);
			BinaryMask a = BinaryMask.empty(w, h), b = BinaryMask.empty(w, h);
			double density = 0.002 + 0.05 * r.nextDouble();
			for (int i = 0; i < w * h; i++) if (r.nextDouble() < density) a.data()[i] = 1;
			int bx = r.nextInt(w), by = r.nextInt(h), bw = 1 + r.nextInt(Math.max(1, w / 4)), bh = 1 + r.nextInt(Math.max(1, h / 4));
			for (int y = by; y < Math.min(h, by + bh); y++) for (int x = bx; x < Math.min(w, bx + bw); x++) b.set(x, y, true);
			if (r.nextBoolean()) b.set(r.nextInt(w), r.nextInt(h), true);
			if (a.isEmpty()) a.set(0, h - 1, true);
			assertArrayEquals(BruteForce.directedSquared(a, b), SurfaceDistances.directedSquared(MaskSurface.of(a), MaskSurface.of(b)), "trial " + trial);
			assertArrayEquals(BruteForce.directedSquared(b, a), SurfaceDistances.directedSquared(MaskSurface.of(b), MaskSurface.of(a)), "trial " + trial);
		}
	}

	@Test
	void raterLikeBlobsMatchBruteForce() {
		// Two wobbly, shifted outlines of one lesion, as two raters draw it: near-vertical edges far
		// apart with only the far top and bottom between them, where whole blocks of columns are skipped.
		Random r = new Random(16);
		for (int trial = 0; trial < 40; trial++) {
			int w = 120 + r.nextInt(200), h = 80 + r.nextInt(150);
			BinaryMask a = wobblyBlob(r, w, h), b = wobblyBlob(r, w, h);
			assertArrayEquals(BruteForce.directedSquared(a, b), SurfaceDistances.directedSquared(MaskSurface.of(a), MaskSurface.of(b)), "trial " + trial);
			assertArrayEquals(BruteForce.directedSquared(b, a), SurfaceDistances.directedSquared(MaskSurface.of(b), MaskSurface.of(a)), "trial " + trial);
		}
	}

	private static BinaryMask wobblyBlob(Random r, int w, int h) {
		BinaryMask m = BinaryMask.empty(w, h);
		double cx = w * (0.35 + 0.3 * r.nextDouble()), cy = h * (0.35 + 0.3 * r.nextDouble());
		double rx = w * (0.15 + 0.25 * r.nextDouble()), ry = h * (0.15 + 0.25 * r.nextDouble());
		double a1 = 0.2 * r.nextDouble(), f1 = 2 + r.nextInt(5), p1 = r.nextDouble() * 6.3;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double dx = (x - cx) / rx, dy = (y - cy) / ry;
				double radius = 1 + a1 * Math.sin(f1 * Math.atan2(dy, dx) + p1);
				if (dx * dx + dy * dy <= radius * radius) m.set(x, y, true);
			}
		}
		if (m.isEmpty()) m.set(w / 2, h / 2, true);
		return m;
	}

	@Test
	void farApartMasksFindTheirDistantNearestPixel() {
		// Zero overlap, opposite corners: the nearest pixel lies far outside the other mask's box.
		BinaryMask a = BinaryMask.empty(200, 120), b = BinaryMask.empty(200, 120);
		a.set(0, 0, true);
		for (int y = 100; y < 120; y++) for (int x = 150; x < 200; x++) b.set(x, y, true);
		assertArrayEquals(new double[] { Math.sqrt(150 * 150 + 100 * 100) }, SurfaceDistances.directed(a, b));
		double[] back = SurfaceDistances.directed(b, a);
		assertEquals(Math.sqrt(199 * 199 + 119 * 119), back[back.length - 1]);
		assertArrayEquals(BruteForce.directedSquared(b, a), SurfaceDistances.directedSquared(MaskSurface.of(b), MaskSurface.of(a)));
	}

	@Test
	void parallelDirectionsEqualSerial() {
		Random r = new Random(3);
		BinaryMask a = BruteForce.randomMask(r, 120, 90), b = BruteForce.randomMask(r, 120, 90);
		ExecutorService es = Executors.newFixedThreadPool(2);
		try {
			var s = SurfaceDistances.both(MaskSurface.of(a), MaskSurface.of(b));
			var p = SurfaceDistances.both(MaskSurface.of(a), MaskSurface.of(b), es);
			assertArrayEquals(s.aToB(), p.aToB());
			assertArrayEquals(s.bToA(), p.bToA());
		}
		finally {
			es.shutdown();
		}
	}

	@Test
	void rejectsEmptyAndMismatchedMasks() {
		BinaryMask a = new BinaryMask(3, 3, filled(9));
		assertThrows(IllegalArgumentException.class, () -> SurfaceDistances.directed(a, BinaryMask.empty(3, 3)));
		assertThrows(IllegalArgumentException.class, () -> SurfaceDistances.directed(a, new BinaryMask(3, 4, filled(12))));
	}

	static byte[] filled(int n) {
		byte[] d = new byte[n];
		java.util.Arrays.fill(d, (byte) 1);
		return d;
	}
}
