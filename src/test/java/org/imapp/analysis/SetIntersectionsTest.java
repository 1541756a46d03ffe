package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class SetIntersectionsTest {

	@Test
	void exactIntersectionsOfASmallExample() {
		Map<String, Set<String>> c = new LinkedHashMap<>();
		c.put("X", Set.of("1", "2", "3"));
		c.put("Y", Set.of("2", "3", "4", "5"));
		c.put("Z", Set.of("3"));
		SetIntersections s = SetIntersections.of(c);
		assertEquals(List.of("Y", "X", "Z"), s.categories());
		// Exact sets: {1}→X, {2}→X&Y, {3}→X&Y&Z, {4,5}→Y.
		assertEquals(2, s.size(Set.of("Y")));
		assertEquals(1, s.size(Set.of("X")));
		assertEquals(1, s.size(Set.of("X", "Y")));
		assertEquals(1, s.size(Set.of("X", "Y", "Z")));
		assertEquals(0, s.size(Set.of("Z")));
		assertEquals(List.of("Y"), s.intersections().get(0).members());
		Table t = s.intersectionTable();
		assertEquals(List.of("rank", "intersection", "degree", "size", "Y", "X", "Z"), t.columns());
		assertEquals(Boolean.TRUE, t.get(0, 4));
		assertEquals(Boolean.FALSE, t.get(0, 5));
	}

	@Test
	void publishedAnnotatorOverlap() {
		SetIntersections s = AnnotatorOverlap.compute(PublishedTables.seg());
		// Independently: each image's set of annotators from the raw CSV, ST/MV excluded.
		Table raw = PublishedTables.read(PublishedTables.SEG);
		Map<String, Set<String>> perImage = new HashMap<>();
		for (int i = 0; i < raw.rowCount(); i++) {
			String a = raw.getString(i, "annotator");
			if (!PublishedTables.consensus(a)) perImage.computeIfAbsent(raw.getString(i, "img_filename"), k -> new TreeSet<>()).add(a);
		}
		Map<Set<String>, Long> expected = new HashMap<>();
		for (Set<String> v : perImage.values()) expected.merge(v, 1L, Long::sum);
		assertEquals(57, expected.size());
		assertEquals(57, s.intersections().size());
		for (var e : expected.entrySet()) assertEquals(e.getValue(), s.size(e.getKey()), e.getKey().toString());
		// The published figure's leading bars and set sizes.
		long[] top = { 2452, 2319, 2229, 2057, 1705, 1513, 726, 447 };
		List<Set<String>> topSets = List.of(Set.of("A01"), Set.of("A00"), Set.of("A02"), Set.of("A04"), Set.of("A03"), Set.of("A05"), Set.of("A00", "A03"), Set.of("A04", "A06"));
		for (int i = 0; i < top.length; i++) {
			assertEquals(top[i], s.intersections().get(i).size());
			assertEquals(topSets.get(i), new HashSet<>(s.intersections().get(i).members()));
		}
		for (int i = 1; i < s.intersections().size(); i++) assertTrue(s.intersections().get(i - 1).size() >= s.intersections().get(i).size());
		assertEquals(3286L, s.setSizes().get("A00"));
		assertEquals(3041L, s.setSizes().get("A01"));
		assertEquals(1L, s.setSizes().get("A15"));
		assertEquals("A00", s.categories().get(0));
		assertTrue(!s.categories().contains("ST") && !s.categories().contains("MV"));
	}

	@Test
	void publishedDatasetOverlap() throws Exception {
		SetIntersections s = DatasetOverlap.compute(PublishedTables.seg(), PublishedTables.OTHER);
		// Independently: read the id lists, map every id to its exact set of datasets.
		Map<String, String> names = Map.of("ISIC2016", "ISIC 2016", "ISIC2017", "ISIC 2017", "ISIC2018", "ISIC 2018", "HAM10000", "HAM10000",
			"ISIC2019_seg", "ISIC2019-Seg", "PH2", "PH2", "DermoFit", "DermoFit", "SCD", "SCD");
		Map<String, Set<String>> member = new HashMap<>();
		for (var e : names.entrySet()) {
			try (var files = Files.list(PublishedTables.OTHER.resolve(e.getKey()))) {
				for (Path p : (Iterable<Path>) files::iterator) {
					for (String id : Files.readAllLines(p)) member.computeIfAbsent(id, k -> new TreeSet<>()).add(e.getValue());
				}
			}
		}
		Table raw = PublishedTables.read(PublishedTables.SEG);
		for (int i = 0; i < raw.rowCount(); i++) member.computeIfAbsent(raw.getString(i, "ISIC_id"), k -> new TreeSet<>()).add("IMA++");
		Map<Set<String>, Long> expected = new HashMap<>();
		for (Set<String> v : member.values()) expected.merge(v, 1L, Long::sum);
		assertEquals(24, expected.size());
		assertEquals(24, s.intersections().size());
		for (var e : expected.entrySet()) assertEquals(e.getValue(), s.size(e.getKey()), e.getKey().toString());
		// Published numbers (spec 3.2).
		assertEquals(11081, s.size(Set.of("IMA++")));
		assertEquals(10015, s.size(Set.of("HAM10000")));
		assertEquals(1358, s.size(Set.of("IMA++", "ISIC 2017", "ISIC 2018")));
		assertEquals(940, s.size(Set.of("IMA++", "ISIC 2016", "ISIC 2017", "ISIC 2018")));
		assertEquals(61, s.size(Set.of("IMA++", "ISIC 2016", "ISIC 2017", "ISIC 2018", "ISIC2019-Seg")));
		assertEquals(1, s.size(Set.of("ISIC 2016", "ISIC2019-Seg")));
		assertEquals(List.of("IMA++"), s.intersections().get(0).members());
		assertEquals(new ArrayList<>(new TreeMap<>(Map.of("IMA++", 14967L, "HAM10000", 10015L)).keySet()),
			new ArrayList<>(new TreeSet<>(s.categories().subList(0, 2))));
		assertEquals(14967L, s.setSizes().get("IMA++"));
		assertEquals(2750L, s.setSizes().get("ISIC 2017"));
	}
}
