package org.imapp.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;

class BinaryMaskTest {

	@Test
	void binarisesAnyPositiveValue() {
		var img = ArrayImgs.floats(new float[] { 0, 0.5f, -1, 200, 0, 1 }, 3, 2);
		BinaryMask m = BinaryMask.of(img);
		assertEquals(3, m.width());
		assertEquals(2, m.height());
		assertEquals(3, m.count());
		assertTrue(m.get(1, 0));
		assertTrue(m.get(0, 1));
		assertTrue(!m.get(2, 0));
	}

	/** The run scans against a byte-by-byte search: long and short runs, span boundaries, a stray value 2, every sub-range start. */
	@Test
	void nextNonZeroAndNextZeroFindWhatAByteLoopFinds() {
		java.util.Random r = new java.util.Random(5);
		for (int trial = 0; trial < 40; trial++) {
			byte[] d = new byte[r.nextInt(20_000) + 1];
			for (int i = 0; i < d.length;) {
				int len = r.nextBoolean() ? r.nextInt(10) + 1 : r.nextInt(9000) + 1;
				byte v = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(50) == 0 ? 2 : 1);
				if (r.nextBoolean()) v = 0;
				for (int k = 0; k < len && i < d.length; k++) d[i++] = v;
			}
			for (int q = 0; q < 50; q++) {
				int from = r.nextInt(d.length + 1), to = from + r.nextInt(d.length - from + 1);
				int nz = from, z = from;
				while (nz < to && d[nz] == 0) nz++;
				while (z < to && d[z] != 0) z++;
				assertEquals(nz, BinaryMask.nextNonZero(d, from, to), "trial " + trial + " from " + from + " to " + to);
				assertEquals(z, BinaryMask.nextZero(d, from, to), "trial " + trial + " from " + from + " to " + to);
			}
		}
	}
}
