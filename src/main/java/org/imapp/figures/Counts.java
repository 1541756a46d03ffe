package org.imapp.figures;

import java.util.Locale;

/** Counts as figure text: "1 image", "2,394 images". */
final class Counts {

	private Counts() {}

	/** {@code n} with thousands separators and the noun, plural unless {@code n} is 1. */
	static String of(long n, String noun) {
		return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
	}
}
