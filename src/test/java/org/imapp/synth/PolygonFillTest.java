package org.imapp.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.imapp.mask.BinaryMask;
import org.junit.jupiter.api.Test;

class PolygonFillTest {

	@Test
	void axisAlignedSquareCoversExactlyThePixelsWhoseCentresAreInside() {
		// Square [2, 5) × [1, 4): centres 2.5, 3.5, 4.5 in x and 1.5, 2.5, 3.5 in y.
		BinaryMask m = PolygonFill.fill(8, 6, List.of(new PolygonFill.Ring(new double[] { 2, 5, 5, 2 }, new double[] { 1, 1, 4, 4 })));
		assertEquals(9, m.count());
		assertEquals(true, m.get(2, 1));
		assertEquals(true, m.get(4, 3));
		assertEquals(false, m.get(5, 3));
		assertEquals(false, m.get(1, 1));
	}

	@Test
	void reversedInnerRingCutsAHoleAndSameOrientationRingsUnite() {
		PolygonFill.Ring outer = new PolygonFill.Ring(new double[] { 0, 10, 10, 0 }, new double[] { 0, 0, 10, 10 });
		PolygonFill.Ring inner = new PolygonFill.Ring(new double[] { 3, 7, 7, 3 }, new double[] { 3, 3, 7, 7 });
		assertEquals(100 - 16, PolygonFill.fill(10, 10, List.of(outer, inner.reversed())).count());
		// Same orientation: the union, not an XOR.
		assertEquals(100, PolygonFill.fill(10, 10, List.of(outer, inner)).count());
		// Clipped at the frame.
		PolygonFill.Ring big = new PolygonFill.Ring(new double[] { -5, 20, 20, -5 }, new double[] { -5, -5, 20, 20 });
		assertEquals(100, PolygonFill.fill(10, 10, List.of(big)).count());
	}

	@Test
	void randomStarPolygonsAgreeWithAPerPixelWindingTest() {
		Random r = new Random(1);
		for (int t = 0; t < 25; t++) {
			int w = 20 + r.nextInt(60), h = 20 + r.nextInt(60);
			LesionShape s = LesionShape.random(r, w, h, 0.2 + 0.3 * r.nextDouble(), w * r.nextDouble(), h * r.nextDouble());
			PolygonFill.Ring ring = new AnnotatorStyle(t % 3 == 0 ? "T1" : t % 3 == 1 ? "T2" : "T3", t % 2 == 0, 0.05).trace(s, r);
			BinaryMask fast = PolygonFill.fill(w, h, List.of(ring));
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				assertEquals(winding(ring, x + 0.5, y + 0.5) != 0, fast.get(x, y), "polygon " + t + " pixel " + x + "," + y);
			}
		}
	}

	/** Winding number of a point (the textbook per-pixel test the scanline fill replaces). */
	private static int winding(PolygonFill.Ring ring, double px, double py) {
		int wn = 0;
		double[] x = ring.x(), y = ring.y();
		for (int i = 0; i < x.length; i++) {
			int j = (i + 1) % x.length;
			double cross = (x[j] - x[i]) * (py - y[i]) - (px - x[i]) * (y[j] - y[i]);
			if (y[i] <= py) {
				if (y[j] > py && cross > 0) wn++;
			}
			else if (y[j] <= py && cross < 0) wn--;
		}
		return wn;
	}
}
