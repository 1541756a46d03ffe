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
}
