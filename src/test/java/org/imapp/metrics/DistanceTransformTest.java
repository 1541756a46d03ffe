package org.imapp.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import net.imglib2.FinalInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.view.Views;

import org.imapp.mask.BinaryMask;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

	@Test
	void singlePixelGivesSquaredDistances() {
		BinaryMask m = BinaryMask.empty(5, 4);
		m.set(1, 2, true);
		int[] d = DistanceTransform.squared(m, new FinalInterval(5, 4)).update(null).getCurrentStorageArray();
		assertEquals(0, d[2 * 5 + 1]);
		assertEquals(1 + 4, d[0]); // (0,0): dx 1, dy 2
		assertEquals(9 + 1, d[3 * 5 + 4]); // (4,3): dx 3, dy 1
	}

	@Test
	void matchesBruteForceOnRandomMasksAndBoxes() {
		Random r = new Random(42);
		for (int trial = 0; trial < 300; trial++) {
			int w = 1 + r.nextInt(30), h = 1 + r.nextInt(30);
			BinaryMask m = BruteForce.randomMask(r, w, h);
			int x0 = r.nextInt(w), y0 = r.nextInt(h);
			int x1 = x0 + r.nextInt(w - x0), y1 = y0 + r.nextInt(h - y0);
			int[] expected = BruteForce.edtSquared(m, x0, y0, x1, y1);
			for (int i = 0; i < expected.length; i++) if (expected[i] == Integer.MAX_VALUE) expected[i] = DistanceTransform.NO_FEATURE;
			var box = new FinalInterval(new long[] { x0, y0 }, new long[] { x1, y1 });
			int[] got = DistanceTransform.squared(m, box).update(null).getCurrentStorageArray();
			assertArrayEquals(expected, got, "trial " + trial + " " + w + "x" + h);
		}
	}

	@Test
	void imglib2AndParallelPathsAgreeWithArrayPath() throws Exception {
		Random r = new Random(7);
		BinaryMask m = BruteForce.randomMask(r, 300, 200);
		var box = new FinalInterval(new long[] { 10, 5 }, new long[] { 290, 180 });
		int[] serial = DistanceTransform.squared(m, box).update(null).getCurrentStorageArray();
		ExecutorService es = Executors.newFixedThreadPool(3);
		try {
			assertArrayEquals(serial, DistanceTransform.squared(m, box, es).update(null).getCurrentStorageArray());
			var target = ArrayImgs.ints(281, 176);
			DistanceTransform.squared(m.img(), Views.translate(target, 10, 5), es);
			assertArrayEquals(serial, target.update(null).getCurrentStorageArray());
		}
		finally {
			es.shutdown();
		}
	}

	@Test
	void emptyBoxHasNoFeature() {
		BinaryMask m = BinaryMask.empty(4, 4);
		int[] d = DistanceTransform.squared(m, new FinalInterval(4, 4)).update(null).getCurrentStorageArray();
		for (int v : d) assertEquals(DistanceTransform.NO_FEATURE, v);
	}

	@Test
	void rejectsBoxOutsideMask() {
		BinaryMask m = BinaryMask.empty(4, 4);
		assertThrows(IllegalArgumentException.class, () -> DistanceTransform.squared(m, new FinalInterval(new long[] { 2, 0 }, new long[] { 4, 3 })));
		var target = Views.translate(ArrayImgs.ints(4, 4), 1, 0);
		assertThrows(IllegalArgumentException.class, () -> DistanceTransform.squared(m.img(), (net.imglib2.RandomAccessibleInterval<IntType>) target));
	}
}
