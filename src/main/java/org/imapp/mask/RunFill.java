package org.imapp.mask;

/**
 * {@code Arrays.fill} for the long runs of mask data (a lesion row is thousands of equal bytes),
 * fast with either JIT: C2 turns {@code Arrays.fill} into vector stores, but C1 (which
 * {@code ./imapp} uses for small jobs, to start fast) runs it as a byte-at-a-time loop with
 * bounds checks. {@code System.arraycopy} is a stub in both, so a run is filled by copying its
 * own filled start in doubling chunks.
 */
public final class RunFill {

	/** Filled by a plain loop, which for short runs is as fast as the copies. */
	private static final int SHORT = 32;

	private RunFill() {}

	public static void fill(byte[] a, int from, int to, byte v) {
		for (int i = from, end = Math.min(to, from + SHORT); i < end; i++) a[i] = v;
		copyDoubling(a, from, to - from);
	}

	public static void fill(int[] a, int from, int to, int v) {
		for (int i = from, end = Math.min(to, from + SHORT); i < end; i++) a[i] = v;
		copyDoubling(a, from, to - from);
	}

	public static void fill(float[] a, int from, int to, float v) {
		for (int i = from, end = Math.min(to, from + SHORT); i < end; i++) a[i] = v;
		copyDoubling(a, from, to - from);
	}

	/** Fills {@code a[from + SHORT, from + n)} (if any) from its filled start {@code a[from, from + SHORT)}. */
	private static void copyDoubling(Object a, int from, int n) {
		for (int done = SHORT; done < n;) {
			int chunk = Math.min(done, n - done);
			System.arraycopy(a, from, a, from + done, chunk);
			done += chunk;
		}
	}
}
