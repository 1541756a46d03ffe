package org.imapp.qa;

import static org.imapp.qa.ConnectedComponentsTest.mask;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.imapp.mask.BinaryMask;
import org.imapp.qa.MaskQa.Finding;
import org.junit.jupiter.api.Test;

/** The per-mask rules on tiny inline masks. */
class MaskQaCheckTest {

	static final Finding BORDER = new Finding(MaskQa.BORDER, MaskQa.LOW);

	static Finding regions(int n) {
		return new Finding("Multiple disconnected regions (" + n + ")", MaskQa.MEDIUM);
	}

	/** A 30 × 30 background with a 10 × 10 lesion (100 px) at (10, 10), away from the border. */
	static BinaryMask lesion() {
		BinaryMask m = BinaryMask.empty(30, 30);
		rect(m, 10, 10, 10, 10);
		return m;
	}

	static void rect(BinaryMask m, int x0, int y0, int w, int h) {
		for (int y = y0; y < y0 + h; y++) for (int x = x0; x < x0 + w; x++) m.set(x, y, true);
	}

	@Test
	void emptyAndFullStopFurtherChecks() {
		assertEquals(List.of(new Finding("Empty mask", "high")), MaskQa.check(BinaryMask.empty(4, 3), false));
		// A full mask touches every border but is reported only as full.
		assertEquals(List.of(new Finding("Mask covers entire image", "high")), MaskQa.check(mask("###", "###"), true));
	}

	@Test
	void speckLabelledFirstFiresTheRasterRuleOnAnyLesion() {
		BinaryMask m = lesion();
		m.set(25, 3, true); // above the lesion: component 1 in raster order
		assertEquals(List.of(regions(2)), MaskQa.check(m, true)); // 100 > 0.05 × 1
		assertEquals(List.of(), MaskQa.check(m, false)); // 1 ≤ 0.05 × 100
	}

	@Test
	void speckLabelledSecondHidesARealIslandFromTheRasterRule() {
		BinaryMask m = lesion();
		m.set(25, 12, true); // starts on a lesion row: component 2
		rect(m, 3, 24, 3, 3); // a 9-pixel island below: component 3
		assertEquals(List.of(), MaskQa.check(m, true)); // 1 ≤ 0.05 × 100
		assertEquals(List.of(regions(3)), MaskQa.check(m, false)); // 9 > 0.05 × 100; N counts the speck too
	}

	@Test
	void fivePercentIsNotEnough() {
		BinaryMask m = lesion();
		rect(m, 24, 24, 5, 1); // exactly 5 % of the lesion; the rule is strictly greater
		assertEquals(List.of(), MaskQa.check(m, false));
		assertEquals(List.of(), MaskQa.check(m, true));
		m.set(24, 25, true); // 6 %
		assertEquals(List.of(regions(2)), MaskQa.check(m, false));
	}

	@Test
	void diagonalContactIsOneRegion() {
		BinaryMask m = lesion();
		rect(m, 20, 20, 5, 5); // touches the lesion's corner pixel (19, 19) diagonally only
		assertEquals(List.of(), MaskQa.check(m, false));
		assertEquals(List.of(), MaskQa.check(m, true));
	}

	@Test
	void borderOnEachSideAndAfterTheRegionRow() {
		assertEquals(List.of(BORDER), MaskQa.check(mask(".#..", "....", "...."), false));
		assertEquals(List.of(BORDER), MaskQa.check(mask("....", "....", "..#."), false));
		assertEquals(List.of(BORDER), MaskQa.check(mask("....", "#...", "...."), false));
		assertEquals(List.of(BORDER), MaskQa.check(mask("....", "...#", "...."), false));
		assertEquals(List.of(), MaskQa.check(mask("....", ".##.", "...."), false));
		// Both rules fire: regions first, then border (two rows, as in the published script).
		assertEquals(List.of(regions(2), BORDER), MaskQa.check(mask("##..", "....", "..##"), false));
	}
}
