package org.imapp.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.imapp.data.ImageMetadata;
import org.imapp.data.SegRecord;
import org.imapp.table.Table;

/**
 * A train/validation/test split by patient: all images of one {@code patient_id} land in the same
 * split (an image without a patient id is a group of its own), so no patient's lesions leak from
 * training into evaluation.
 *
 * <p>Groups are shuffled with the seed, then assigned largest first. A group may only go to a
 * split whose remaining quota (target − assigned images) holds it whole; among those, with
 * stratification, the one whose quota of the group's strata ({@code benign_malignant} value and/or
 * number of annotators) is least filled; without, the one with the largest quota. Only when no
 * split can hold the group does it go to the split with the largest quota. This keeps every
 * split within one group's size of its target: a split can only overshoot when none had room,
 * and cannot be left short by more than a group, since then it had room for every later group
 * and every other split stayed within its quota.
 */
public final class DatasetSplit {

	public static final String SPLIT_COLUMN = "split";
	public static final List<String> SPLITS = List.of("train", "val", "test");

	/**
	 * @param fractions target fractions of images for train, val, test (sum 1)
	 * @param seed shuffles the groups
	 * @param stratifyByClass balance {@code benign_malignant} values across splits
	 * @param stratifyByAnnotators balance the number of annotators per image across splits
	 */
	public record Options(double[] fractions, long seed, boolean stratifyByClass, boolean stratifyByAnnotators) {
		public Options {
			if (fractions.length != SPLITS.size()) throw new IllegalArgumentException("Need " + SPLITS.size() + " fractions (train, val, test)");
			double sum = 0;
			for (double f : fractions) {
				if (!(f >= 0 && f <= 1)) throw new IllegalArgumentException("Split fractions must lie in [0, 1], got " + f);
				sum += f;
			}
			if (Math.abs(sum - 1) > 1e-6) throw new IllegalArgumentException("Split fractions must sum to 1, got " + sum);
			fractions = fractions.clone();
		}
	}

	/**
	 * @param splitOf ISIC id → split name, in dataset order
	 * @param groupOf ISIC id → patient group ({@code patient_id}, or the ISIC id itself)
	 * @param sizes columns {@code split, target_fraction, images, fraction, patient_groups, masks,
	 *        <class>..., annotators_<k>...}, plus an {@code all} row
	 */
	public record Result(Map<String, String> splitOf, Map<String, String> groupOf, Table sizes, int largestGroup) {}

	private DatasetSplit() {}

	public static Result split(Collection<SegRecord> records, ImageMetadata metadata, Options options) {
		if (metadata == null) throw new IllegalArgumentException("Splitting by patient needs the image metadata (IMAplusplus_img_metadata.csv)");
		boolean hasPatient = metadata.columns().contains("patient_id");
		Map<String, Set<String>> annotators = new LinkedHashMap<>();
		Map<String, Integer> masks = new HashMap<>();
		for (SegRecord r : records) {
			Set<String> a = annotators.computeIfAbsent(r.isicId(), k -> new HashSet<>());
			if (!r.isConsensus()) {
				a.add(r.annotator());
				masks.merge(r.isicId(), 1, Integer::sum);
			}
		}
		Map<String, String> groupOf = new LinkedHashMap<>();
		Map<String, String> classOf = new HashMap<>();
		Map<String, List<String>> groups = new TreeMap<>();
		for (String img : annotators.keySet()) {
			String patient = hasPatient ? metadata.get(img, "patient_id") : null;
			String g = patient == null || patient.isBlank() ? img : patient.strip();
			groupOf.put(img, g);
			groups.computeIfAbsent(g, k -> new ArrayList<>()).add(img);
			String cls = metadata.get(img, MalignancyAgreement.COLUMN);
			classOf.put(img, cls == null || cls.isBlank() ? "unknown" : cls);
		}
		Map<String, String> stratumOf = new HashMap<>();
		for (String img : annotators.keySet()) {
			stratumOf.put(img, (options.stratifyByClass() ? classOf.get(img) : "") + "|" + (options.stratifyByAnnotators() ? annotators.get(img).size() : ""));
		}
		Map<String, Integer> stratumIndex = new HashMap<>();
		for (String s : new TreeSet<>(stratumOf.values())) stratumIndex.put(s, stratumIndex.size());
		int strata = stratumIndex.size();
		int n = annotators.size();
		int k = SPLITS.size();
		double[] target = new double[k];
		double[][] stratumTarget = new double[k][strata];
		long[] stratumTotal = new long[strata];
		for (String img : annotators.keySet()) stratumTotal[stratumIndex.get(stratumOf.get(img))]++;
		for (int s = 0; s < k; s++) {
			target[s] = options.fractions()[s] * n;
			for (int j = 0; j < strata; j++) stratumTarget[s][j] = options.fractions()[s] * stratumTotal[j];
		}

		List<List<String>> order = new ArrayList<>(groups.values());
		Collections.shuffle(order, new Random(options.seed()));
		order.sort(Comparator.comparingInt((List<String> g) -> g.size()).reversed());
		double[] assigned = new double[k];
		double[][] stratumAssigned = new double[k][strata];
		Map<String, String> splitOf = new LinkedHashMap<>();
		Map<String, String> splitOfImage = new HashMap<>();
		int largest = 0;
		boolean stratify = options.stratifyByClass() || options.stratifyByAnnotators();
		for (List<String> g : order) {
			largest = Math.max(largest, g.size());
			int[] comp = new int[strata];
			for (String img : g) comp[stratumIndex.get(stratumOf.get(img))]++;
			int best = -1;
			double bestScore = Double.NEGATIVE_INFINITY;
			for (int s = 0; s < k; s++) {
				double room = target[s] - assigned[s];
				if (room < g.size()) continue;
				double score = room / Math.max(target[s], 1e-12);
				if (stratify) {
					double strat = 0;
					for (int j = 0; j < strata; j++) if (comp[j] > 0) strat += comp[j] * (stratumTarget[s][j] - stratumAssigned[s][j]) / stratumTotal[j];
					score = strat * 1e6 + score; // stratum quota first, overall quota breaks ties
				}
				if (score > bestScore) {
					bestScore = score;
					best = s;
				}
			}
			if (best < 0) {
				for (int s = 0; s < k; s++) if (best < 0 || target[s] - assigned[s] > target[best] - assigned[best]) best = s;
			}
			assigned[best] += g.size();
			for (int j = 0; j < strata; j++) stratumAssigned[best][j] += comp[j];
			for (String img : g) splitOfImage.put(img, SPLITS.get(best));
		}
		for (String img : annotators.keySet()) splitOf.put(img, splitOfImage.get(img));
		Table sizes = sizes(splitOf, groupOf, classOf, annotators, masks, options);
		return new Result(splitOf, groupOf, sizes, largest);
	}

	private static Table sizes(Map<String, String> splitOf, Map<String, String> groupOf, Map<String, String> classOf,
		Map<String, Set<String>> annotators, Map<String, Integer> masks, Options options)
	{
		TreeSet<String> classes = new TreeSet<>(classOf.values());
		TreeSet<Integer> annCounts = new TreeSet<>();
		for (Set<String> a : annotators.values()) annCounts.add(a.size());
		List<String> cols = new ArrayList<>(List.of(SPLIT_COLUMN, "target_fraction", "images", "fraction", "patient_groups", "masks"));
		for (String c : classes) cols.add(c);
		cols.add("malignant_fraction");
		for (int a : annCounts) cols.add("annotators_" + a);
		Table t = new Table(cols);
		int n = splitOf.size();
		List<String> rows = new ArrayList<>(SPLITS);
		rows.add("all");
		for (int r = 0; r < rows.size(); r++) {
			String split = rows.get(r);
			List<String> imgs = splitOf.keySet().stream().filter(i -> split.equals("all") || split.equals(splitOf.get(i))).toList();
			Object[] row = new Object[cols.size()];
			int c = 0;
			row[c++] = split;
			row[c++] = split.equals("all") ? 1.0 : options.fractions()[r];
			row[c++] = (long) imgs.size();
			row[c++] = n == 0 ? Double.NaN : (double) imgs.size() / n;
			row[c++] = imgs.stream().map(groupOf::get).distinct().count();
			row[c++] = imgs.stream().mapToLong(i -> masks.getOrDefault(i, 0)).sum();
			long mal = 0;
			for (String cls : classes) {
				long cnt = imgs.stream().filter(i -> classOf.get(i).equals(cls)).count();
				if (cls.equals(MalignancyAgreement.MALIGNANT)) mal = cnt;
				row[c++] = cnt;
			}
			row[c++] = imgs.isEmpty() ? Double.NaN : (double) mal / imgs.size();
			for (int a : annCounts) row[c++] = imgs.stream().filter(i -> annotators.get(i).size() == a).count();
			t.addRow(row);
		}
		return t;
	}

	/** A copy of {@code table} with the split of each row's image appended ({@code idColumn} holds the ISIC id). */
	public static Table withSplitColumn(Table table, String idColumn, Map<String, String> splitOf) {
		int id = table.require(idColumn, "table");
		List<String> cols = new ArrayList<>(table.columns());
		cols.add(SPLIT_COLUMN);
		Table out = new Table(cols);
		for (Object[] row : table.rows()) {
			Object[] r = java.util.Arrays.copyOf(row, row.length + 1);
			r[row.length] = splitOf.get(String.valueOf(row[id]));
			out.addRow(r);
		}
		return out;
	}
}
