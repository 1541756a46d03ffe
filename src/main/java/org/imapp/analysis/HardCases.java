package org.imapp.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.table.Table;

/**
 * The images annotators disagreed on most: every image with a zero-overlap annotator pair
 * (Dice 0; the published {@code plot_zero_overlap_images.py} takes images whose <em>mean</em> Dice
 * is 0, a subset of these) plus the images of lowest mean annotator-pair Dice.
 */
public final class HardCases {

	public static final String ZERO_OVERLAP = "zero-overlap pair";
	public static final String LOWEST = "lowest mean Dice";

	/** One selected image. */
	public record Case(String imgId, String reason, int pairs, int zeroPairs, double minDice, double meanDice) {}

	private HardCases() {}

	/**
	 * @param lowest how many images of lowest mean Dice to add beyond the zero-overlap ones
	 * @return the cases, by mean Dice ascending (ties by image)
	 */
	public static List<Case> select(Collection<MetricPair> pairs, int lowest) {
		Map<String, double[]> acc = new LinkedHashMap<>(); // sum, n, zeros, min
		for (MetricPair p : pairs) {
			if (!p.isAnnotatorPair() || Double.isNaN(p.dice())) continue;
			double[] a = acc.computeIfAbsent(p.imgId(), k -> new double[] { 0, 0, 0, Double.POSITIVE_INFINITY });
			a[0] += p.dice();
			a[1]++;
			if (p.dice() == 0) a[2]++;
			a[3] = Math.min(a[3], p.dice());
		}
		List<Case> all = new ArrayList<>();
		acc.forEach((img, a) -> all.add(new Case(img, a[2] > 0 ? ZERO_OVERLAP : LOWEST, (int) a[1], (int) a[2], a[3], a[0] / a[1])));
		Comparator<Case> order = Comparator.comparingDouble(Case::meanDice).thenComparing(Case::imgId);
		all.sort(order);
		List<Case> out = new ArrayList<>();
		int added = 0;
		for (Case c : all) {
			if (c.zeroPairs() > 0) out.add(c);
			else if (added < lowest) {
				out.add(c);
				added++;
			}
		}
		out.sort(order);
		return out;
	}

	/** Columns {@code img_id, reason, pairs, zero_dice_pairs, min_dice, mean_dice}. */
	public static Table table(List<Case> cases) {
		Table t = new Table("img_id", "reason", "pairs", "zero_dice_pairs", "min_dice", "mean_dice");
		for (Case c : cases) t.addRow(c.imgId(), c.reason(), (long) c.pairs(), (long) c.zeroPairs(), c.minDice(), c.meanDice());
		return t;
	}
}
