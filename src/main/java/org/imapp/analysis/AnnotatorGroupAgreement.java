package org.imapp.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.imapp.table.Table;

/**
 * Agreement within fixed annotator groups (published {@code annotator_intersection_agreements/all_annotator_intersections}):
 * the images annotated by <em>exactly</em> a given set of annotators (trap 21: an image of
 * {A00, A03, A08} is not in {A00, A03}) and all their annotator pairs, same-annotator pairs included.
 */
public final class AnnotatorGroupAgreement {

	/** The metrics of the published panels: Dice and normalized HD95. */
	public static final List<String> METRICS = List.of("dice_score", "hd95_score_normalized");

	/** One group: its annotators (sorted), images and pairs. */
	public record Group(List<String> annotators, List<String> images, List<MetricPair> pairs) {
		/** {@code {A00, A03}}, as in the published panel titles. */
		public String label() {
			return "{" + String.join(", ", annotators) + "}";
		}
	}

	private AnnotatorGroupAgreement() {}

	/** Each image's set of annotators, from its annotator pairs, sorted by image. */
	public static Map<String, Set<String>> annotatorSets(Collection<MetricPair> pairs) {
		Map<String, Set<String>> sets = new java.util.TreeMap<>();
		for (MetricPair p : pairs) {
			if (!p.isAnnotatorPair()) continue;
			Set<String> s = sets.computeIfAbsent(p.imgId(), k -> new TreeSet<>());
			s.add(p.annotator1());
			s.add(p.annotator2());
		}
		return sets;
	}

	/**
	 * The {@code count} exact annotator sets of at least two annotators with the most images,
	 * largest first (ties by name). On the published tables these are the eight groups of the
	 * published figure, in its order.
	 */
	public static List<Set<String>> largestGroups(Collection<MetricPair> pairs, int count) {
		Map<Set<String>, Integer> images = new HashMap<>();
		for (Set<String> s : annotatorSets(pairs).values()) if (s.size() >= 2) images.merge(s, 1, Integer::sum);
		List<Set<String>> keys = new ArrayList<>(images.keySet());
		keys.sort(Comparator.comparing((Set<String> s) -> -images.get(s)).thenComparing(Object::toString));
		return keys.subList(0, Math.min(count, keys.size())).stream().map(s -> (Set<String>) new TreeSet<>(s)).toList();
	}

	public static List<Group> compute(Collection<MetricPair> pairs, List<? extends Set<String>> targets) {
		Map<String, Set<String>> sets = annotatorSets(pairs);
		Map<Set<String>, Group> out = new LinkedHashMap<>();
		for (Set<String> t : targets) out.put(new TreeSet<>(t), new Group(List.copyOf(new TreeSet<>(t)), new ArrayList<>(), new ArrayList<>()));
		sets.forEach((img, s) -> {
			Group g = out.get(s);
			if (g != null) g.images().add(img);
		});
		for (MetricPair p : pairs) {
			if (!p.isAnnotatorPair()) continue;
			Group g = out.get(sets.get(p.imgId()));
			if (g != null) g.pairs().add(p);
		}
		return out.values().stream().map(g -> new Group(g.annotators(), List.copyOf(g.images()), List.copyOf(g.pairs()))).toList();
	}

	/** The points drawn: columns {@code group, img_id, annotator1, annotator2} then the metrics. */
	public static Table pointTable(List<Group> groups, List<String> metrics) {
		List<String> cols = new ArrayList<>(List.of("group", "img_id", "annotator1", "annotator2"));
		cols.addAll(metrics);
		Table t = new Table(cols);
		for (Group g : groups) {
			for (MetricPair p : g.pairs()) {
				Object[] row = new Object[cols.size()];
				row[0] = g.label();
				row[1] = p.imgId();
				row[2] = p.annotator1();
				row[3] = p.annotator2();
				for (int m = 0; m < metrics.size(); m++) row[4 + m] = p.value(metrics.get(m));
				t.addRow(row);
			}
		}
		return t;
	}

	/** The boxes drawn: columns {@code group, images, pairs, metric} then {@link BoxStatistics#COLUMNS}. */
	public static Table boxTable(List<Group> groups, List<String> metrics) {
		List<String> cols = new ArrayList<>(List.of("group", "images", "pairs", "metric"));
		cols.addAll(List.of(BoxStatistics.COLUMNS));
		Table t = new Table(cols);
		for (Group g : groups) {
			for (String m : metrics) {
				BoxStatistics b = BoxStatistics.of(g.pairs().stream().mapToDouble(p -> p.value(m)).toArray());
				Object[] head = { g.label(), (long) g.images().size(), (long) g.pairs().size(), m };
				Object[] row = new Object[cols.size()];
				System.arraycopy(head, 0, row, 0, 4);
				System.arraycopy(b.cells(), 0, row, 4, BoxStatistics.COLUMNS.length);
				t.addRow(row);
			}
		}
		return t;
	}
}
