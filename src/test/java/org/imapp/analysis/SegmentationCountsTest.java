package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class SegmentationCountsTest {

	@Test
	void publishedBarsAndFactorCounts() {
		SegmentationCounts.Result r = SegmentationCounts.compute(PublishedTables.seg());
		// Published figure dataset_statistics/distribution: 1 → 12,573 … 5 → 4 (ST/MV excluded).
		Map<Long, Long> bars = new TreeMap<>();
		for (int i = 0; i < r.perImage().rowCount(); i++) bars.put((Long) r.perImage().get(i, 0), (Long) r.perImage().get(i, 1));
		assertEquals(Map.of(1L, 12573L, 2L, 2130L, 3L, 209L, 4L, 51L, 5L, 4L), bars);

		// Independently from the raw CSV: masks per annotator / tool / skill, consensus rows skipped.
		Table raw = PublishedTables.read(PublishedTables.SEG);
		Map<String, Long> expected = new HashMap<>();
		Map<String, Long> perImage = new HashMap<>();
		for (int i = 0; i < raw.rowCount(); i++) {
			String a = raw.getString(i, "annotator");
			if (PublishedTables.consensus(a)) continue;
			expected.merge("annotator/" + a, 1L, Long::sum);
			expected.merge("tool/" + raw.getString(i, "tool"), 1L, Long::sum);
			expected.merge("skill_level/" + raw.getString(i, "skill_level"), 1L, Long::sum);
			perImage.merge(raw.getString(i, "img_filename"), 1L, Long::sum);
		}
		Map<String, Long> actual = new HashMap<>();
		Table f = r.perFactor();
		for (int i = 0; i < f.rowCount(); i++) actual.put(f.getString(i, 0) + "/" + f.getString(i, 1), (Long) f.get(i, 2));
		assertEquals(expected, actual);
		assertEquals(3437L, actual.get("annotator/A00"));
		assertEquals(7415L, actual.get("tool/T1"));
		assertEquals(12454L, actual.get("skill_level/S1"));
		assertEquals(14967, perImage.size());
		assertEquals(perImage.size(), bars.values().stream().mapToLong(Long::longValue).sum());
	}
}
