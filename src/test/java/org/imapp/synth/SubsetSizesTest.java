package org.imapp.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.Fixtures;
import org.junit.jupiter.api.Test;

/** The bundled subset table is what the published metadata gives, and holds the published counts (spec §6.3). */
class SubsetSizesTest {

	@Test
	void bundledTableIsDerivedFromThePublishedMetadata() throws Exception {
		List<SubsetSizes.Image> derived = SubsetSizesGenerator.derive(Fixtures.REFERENCE);
		List<SubsetSizes.Image> bundled = SubsetSizes.bundled();
		assertEquals(SubsetSizes.csv(derived), SubsetSizes.csv(bundled), "regenerate with SubsetSizesGenerator");
		assertEquals(derived, bundled);
	}

	@Test
	void bundledTableHasThePublishedCounts() throws Exception {
		List<SubsetSizes.Image> all = SubsetSizes.bundled();
		assertEquals(2394, all.size());
		assertEquals(5111, all.stream().mapToInt(i -> i.masks().size()).sum());
		assertEquals(53_486.3, all.stream().mapToLong(i -> (long) i.width() * i.height() * i.masks().size()).sum() / 1e6, 0.05);
		Map<Integer, Long> perImage = new TreeMap<>();
		for (SubsetSizes.Image i : all) perImage.merge(i.masks().size(), 1L, Long::sum);
		assertEquals(Map.of(2, 2130L, 3, 209L, 4, 51L, 5, 4L), perImage);
	}
}
