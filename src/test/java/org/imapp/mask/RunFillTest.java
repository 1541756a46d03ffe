package org.imapp.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** RunFill against the JDK's own Arrays.fill. */
class RunFillTest {

	@Test
	void fillsExactlyTheRangeForEveryLengthAndOffset() {
		Random rnd = new Random(7);
		for (int n = 0; n <= 300; n++) {
			for (int from : new int[] { 0, 1, 5, 31 }) {
				byte[] b = new byte[from + n + 9], eb = b.clone();
				rnd.nextBytes(b);
				System.arraycopy(b, 0, eb, 0, b.length);
				RunFill.fill(b, from, from + n, (byte) 0x5a);
				Arrays.fill(eb, from, from + n, (byte) 0x5a);
				assertArrayEquals(eb, b, "byte n=" + n + " from=" + from);

				int[] i = rnd.ints(from + n + 9).toArray(), ei = i.clone();
				RunFill.fill(i, from, from + n, -3);
				Arrays.fill(ei, from, from + n, -3);
				assertArrayEquals(ei, i, "int n=" + n + " from=" + from);

				float[] f = new float[from + n + 9];
				for (int k = 0; k < f.length; k++) f[k] = rnd.nextFloat();
				float[] ef = f.clone();
				RunFill.fill(f, from, from + n, 0.25f);
				Arrays.fill(ef, from, from + n, 0.25f);
				assertArrayEquals(ef, f, "float n=" + n + " from=" + from);
			}
		}
		byte[] big = new byte[10_000_019];
		RunFill.fill(big, 3, big.length - 2, (byte) 1);
		byte[] ebig = new byte[big.length];
		Arrays.fill(ebig, 3, big.length - 2, (byte) 1);
		assertArrayEquals(ebig, big);
	}
}
