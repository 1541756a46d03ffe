package org.imapp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.imapp.Fixtures;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class DatasetSummaryTest {

	@Test
	void publishedCountsOfTheRealMetadata() throws Exception {
		SegMetadata seg = SegMetadata.read(Fixtures.REFERENCE.resolve(DatasetPaths.SEG_METADATA), false);
		ImageMetadata img = ImageMetadata.read(Fixtures.REFERENCE.resolve(DatasetPaths.IMG_METADATA));
		Table t = DatasetSummary.summary(seg, img);
		Map<String, Object> m = new HashMap<>();
		for (int r = 0; r < t.rowCount(); r++) m.put(t.getString(r, 0) + "/" + t.getString(r, 1), t.get(r, 2));
		assertEquals(14967L, m.get("dataset/images"));
		assertEquals(17684L, m.get("dataset/annotator masks"));
		assertEquals(4788L, m.get("dataset/consensus masks"));
		assertEquals(2394L, m.get("dataset/multi-annotator images"));
		assertEquals(12573L, m.get("annotator masks per image/1"));
		assertEquals(2130L, m.get("annotator masks per image/2"));
		assertEquals(209L, m.get("annotator masks per image/3"));
		assertEquals(51L, m.get("annotator masks per image/4"));
		assertEquals(4L, m.get("annotator masks per image/5"));
		assertEquals(3437L, m.get("annotator/A00"));
		assertEquals(1L, m.get("annotator/A15"));
		assertEquals(7415L, m.get("tool/T1"));
		assertEquals(3437L, m.get("tool/T2"));
		assertEquals(6832L, m.get("tool/T3"));
		assertEquals(12454L, m.get("skill_level/S1"));
		assertEquals(5230L, m.get("skill_level/S2"));
		assertEquals(13376L, m.get("benign_malignant (images)/benign"));
		assertEquals(1427L, m.get("benign_malignant (images)/malignant"));
	}
}
