package org.imapp.mask;

import java.util.HashSet;
import java.util.Set;

/**
 * Collects the distinct non-zero raw pixel values a decoder meets (grey level, packed RGB(A)
 * tuple, or palette colour), so QA can tell a clean 0/255 mask from an anti-aliased or
 * multi-label one without decoding the file twice. Counting stops at {@link #CAP} values.
 */
final class ForegroundValues {

	static final int CAP = 1 << 16;

	private final Set<Long> values = new HashSet<>();
	private long last; // masks are runs of one value: skip the set for repeats

	void add(long v) {
		if (v == 0 || v == last) return;
		last = v;
		if (values.size() < CAP) values.add(v);
	}

	/** Forgets the values seen (a decoder starting over). */
	void reset() {
		values.clear();
		last = 0;
	}

	int count() {
		return values.size();
	}
}
