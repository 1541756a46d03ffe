package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.imapp.Fixtures;
import org.junit.jupiter.api.Test;

class HardCasesTest {

	@Test
	void publishedZeroOverlapImages() {
		List<HardCases.Case> cases = HardCases.select(PublishedTables.pairs().pairs(), 0);
		// Spec 6.3: 27 Dice-0 annotator pairs on 26 images; 23 images have mean Dice 0.
		assertEquals(26, cases.size());
		assertEquals(27, cases.stream().mapToInt(HardCases.Case::zeroPairs).sum());
		assertEquals(23, cases.stream().filter(c -> c.meanDice() == 0).count());
		assertEquals("ISIC_0001582.JPG", cases.get(0).imgId());
		List<HardCases.Case> more = HardCases.select(PublishedTables.pairs().pairs(), 5);
		assertEquals(31, more.size());
		assertEquals(5, more.stream().filter(c -> c.reason().equals(HardCases.LOWEST)).count());
	}

	@Test
	void fixtureHardCases() throws Exception {
		PairwiseMetrics pm = PairwiseMetrics.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		List<HardCases.Case> cases = HardCases.select(pm.pairs(), 2);
		assertEquals(List.of("ISIC_0022329.JPG", "ISIC_0011468.JPG", "ISIC_0022678.JPG"), cases.stream().map(HardCases.Case::imgId).toList());
		assertEquals(HardCases.ZERO_OVERLAP, cases.get(2).reason());
		assertEquals(2, cases.get(2).zeroPairs());
		assertEquals(0.0010763104079216446, cases.get(0).meanDice());
	}
}
