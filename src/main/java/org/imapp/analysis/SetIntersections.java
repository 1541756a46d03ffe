package org.imapp.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imapp.table.Table;

/**
 * The data of an UpSet plot, as UpSetPlot's {@code from_contents(...)} with
 * {@code subset_size="count", min_subset_size=1, sort_by="cardinality"} computes it: for every
 * element the exact set of categories containing it, and the number of elements per such
 * exact intersection (not the inclusive overlaps of a Venn diagram).
 */
public final class SetIntersections {

	/** One exact intersection: the categories (in {@link #categories()} order) and its element count. */
	public record Intersection(List<String> members, long size) {
		public int degree() {
			return members.size();
		}

		/** {@code A00 & A03}. */
		public String label() {
			return String.join(" & ", members);
		}
	}

	private final List<String> categories;
	private final Map<String, Long> setSizes;
	private final List<Intersection> intersections;

	private SetIntersections(List<String> categories, Map<String, Long> setSizes, List<Intersection> intersections) {
		this.categories = categories;
		this.setSizes = setSizes;
		this.intersections = intersections;
	}

	/**
	 * @param contents category → its elements, in the caller's order (which breaks ties)
	 */
	public static SetIntersections of(Map<String, ? extends Set<String>> contents) {
		List<String> given = new ArrayList<>(contents.keySet());
		// Categories by cardinality, largest first; ties keep the given order (stable sort).
		List<String> cats = new ArrayList<>(given);
		cats.sort(Comparator.comparingLong((String c) -> contents.get(c).size()).reversed());
		Map<String, BitSet> membership = new HashMap<>();
		for (int i = 0; i < cats.size(); i++) {
			for (String e : contents.get(cats.get(i))) membership.computeIfAbsent(e, k -> new BitSet()).set(i);
		}
		Map<BitSet, long[]> counts = new LinkedHashMap<>();
		for (BitSet b : membership.values()) counts.computeIfAbsent(b, k -> new long[1])[0]++;
		List<Intersection> list = new ArrayList<>();
		for (var e : counts.entrySet()) {
			List<String> members = new ArrayList<>();
			for (int i = e.getKey().nextSetBit(0); i >= 0; i = e.getKey().nextSetBit(i + 1)) members.add(cats.get(i));
			list.add(new Intersection(List.copyOf(members), e.getValue()[0]));
		}
		// Largest first; ties by degree, then by the members' positions, so the order is deterministic.
		Comparator<Intersection> bySize = Comparator.comparingLong(Intersection::size).reversed();
		list.sort(bySize.thenComparingInt(Intersection::degree).thenComparing(in -> key(in, cats)));
		Map<String, Long> sizes = new LinkedHashMap<>();
		for (String c : cats) sizes.put(c, (long) contents.get(c).size());
		return new SetIntersections(List.copyOf(cats), sizes, List.copyOf(list));
	}

	private static String key(Intersection in, List<String> cats) {
		StringBuilder sb = new StringBuilder();
		for (String m : in.members()) sb.append(String.format("%04d", cats.indexOf(m)));
		return sb.toString();
	}

	/** Categories sorted by set size, largest first. */
	public List<String> categories() {
		return categories;
	}

	/** Elements per category, in {@link #categories()} order. */
	public Map<String, Long> setSizes() {
		return setSizes;
	}

	/** Non-empty exact intersections, largest first. */
	public List<Intersection> intersections() {
		return intersections;
	}

	/** The size of the exact intersection formed by exactly these categories (0 if none). */
	public long size(Set<String> members) {
		for (Intersection in : intersections) if (in.members().size() == members.size() && members.containsAll(in.members())) return in.size();
		return 0;
	}

	/**
	 * Columns {@code rank, intersection, degree, size} then one {@code True/False} membership
	 * column per category (the index UpSetPlot builds).
	 */
	public Table intersectionTable() {
		List<String> cols = new ArrayList<>(List.of("rank", "intersection", "degree", "size"));
		cols.addAll(categories);
		Table t = new Table(cols);
		int rank = 1;
		for (Intersection in : intersections) {
			Object[] row = new Object[cols.size()];
			row[0] = (long) rank++;
			row[1] = in.label();
			row[2] = (long) in.degree();
			row[3] = in.size();
			for (int i = 0; i < categories.size(); i++) row[4 + i] = in.members().contains(categories.get(i));
			t.addRow(row);
		}
		return t;
	}

	/** Columns {@code category, size}. */
	public Table setSizeTable() {
		Table t = new Table("category", "size");
		setSizes.forEach((k, v) -> t.addRow(k, v));
		return t;
	}
}
