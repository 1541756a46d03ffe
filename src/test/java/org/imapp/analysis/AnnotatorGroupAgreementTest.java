package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class AnnotatorGroupAgreementTest {

	@Test
	void publishedGroupsImagesAndPairs() {
		List<MetricPair> pairs = PublishedTables.pairs().pairs();
		List<Set<String>> groups = AnnotatorGroupAgreement.largestGroups(pairs, 8);
		// The eight panels of the published figure, in its order.
		assertEquals(List.of(Set.of("A00", "A03"), Set.of("A04", "A06"), Set.of("A01", "A02"), Set.of("A01", "A05"), Set.of("A00", "A03", "A08"),
			Set.of("A02", "A05"), Set.of("A00", "A09"), Set.of("A02", "A03", "A04")), groups);
		List<AnnotatorGroupAgreement.Group> g = AnnotatorGroupAgreement.compute(pairs, groups);
		int[][] published = { { 726, 786 }, { 447, 486 }, { 291, 291 }, { 241, 243 }, { 91, 318 }, { 73, 73 }, { 68, 70 }, { 58, 177 } };
		for (int i = 0; i < published.length; i++) {
			assertEquals(published[i][0], g.get(i).images().size(), g.get(i).label());
			assertEquals(published[i][1], g.get(i).pairs().size(), g.get(i).label());
		}
		assertEquals("{A00, A03}", g.get(0).label());

		// Independently: per image annotator set from the raw CSV, then the Dice median of {A00, A03}.
		Table raw = PublishedTables.pairTable();
		Map<String, Set<String>> sets = new HashMap<>();
		for (int i = 0; i < raw.rowCount(); i++) {
			String a = raw.getString(i, "annotator1"), b = raw.getString(i, "annotator2");
			if (PublishedTables.consensus(a) || PublishedTables.consensus(b)) continue;
			Set<String> s = sets.computeIfAbsent(raw.getString(i, "img_id"), k -> new TreeSet<>());
			s.add(a);
			s.add(b);
		}
		double[] dice = java.util.stream.IntStream.range(0, raw.rowCount())
			.filter(i -> !PublishedTables.consensus(raw.getString(i, "annotator1")) && !PublishedTables.consensus(raw.getString(i, "annotator2")))
			.filter(i -> sets.get(raw.getString(i, "img_id")).equals(Set.of("A00", "A03"))).mapToDouble(i -> raw.getDouble(i, "dice_score")).sorted().toArray();
		assertEquals(786, dice.length);
		Table box = AnnotatorGroupAgreement.boxTable(g, AnnotatorGroupAgreement.METRICS);
		assertEquals(16, box.rowCount());
		assertEquals("dice_score", box.getString(0, "metric"));
		assertEquals((dice[392] + dice[393]) / 2, box.getDouble(0, "median"), 1e-15);
		assertEquals(786.0, box.getDouble(0, "n"));
		Table points = AnnotatorGroupAgreement.pointTable(g, AnnotatorGroupAgreement.METRICS);
		assertEquals(786 + 486 + 291 + 243 + 318 + 73 + 70 + 177, points.rowCount());
	}

	@Test
	void boxStatisticsLikeMatplotlib() {
		BoxStatistics b = BoxStatistics.of(new double[] { 1, 2, 3, 4, 100, Double.NaN });
		assertEquals(5, b.n());
		assertEquals(2, b.q1());
		assertEquals(3, b.median());
		assertEquals(4, b.q3());
		assertEquals(1, b.whiskerLow());
		assertEquals(4, b.whiskerHigh()); // 100 lies beyond q3 + 1.5·IQR = 7
		assertEquals(3 - 1.57 * 2 / Math.sqrt(5), b.notchLow(), 1e-12);
	}
}
