package org.imapp.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.imapp.mask.BinaryMask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MajorityVoteTest {

	/** Every vote count of k raters appears; ties (2·votes = k) must be foreground. */
	@ParameterizedTest(name = "{0} raters")
	@ValueSource(ints = { 1, 2, 3, 4, 5 })
	void tiesGoToForeground(int k) {
		int w = 1 << k, h = 3; // column x holds vote pattern x: every pattern, in every row
		List<BinaryMask> masks = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			BinaryMask m = BinaryMask.empty(w, h);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) m.set(x, y, (x >>> i & 1) == 1);
			masks.add(m);
		}
		BinaryMask mv = MajorityVote.compute(masks, TestMasks.names(k));
		for (int x = 0; x < w; x++) {
			int votes = Integer.bitCount(x);
			boolean expected = votes * 2 >= k;
			for (int y = 0; y < h; y++) assertEquals(expected, mv.get(x, y), k + " raters, " + votes + " votes");
		}
	}

	@ParameterizedTest(name = "{0} raters")
	@ValueSource(ints = { 2, 3, 4, 5 })
	void ruleMatchesItkLabelVotingWithUndecidedLabelOne(int k) {
		// LabelVotingImageFilter: most votes wins, a tie gives the undecided label (1).
		for (int votes = 0; votes <= k; votes++) {
			int zeros = k - votes;
			boolean itk = votes > zeros || (votes == zeros);
			assertEquals(itk, MajorityVote.isForeground(votes, k));
		}
		assertTrue(MajorityVote.isForeground(1, 2)); // two raters: the union
		assertFalse(MajorityVote.isForeground(1, 3));
		assertTrue(MajorityVote.isForeground(2, 4));
		assertFalse(MajorityVote.isForeground(2, 5));
	}
}
