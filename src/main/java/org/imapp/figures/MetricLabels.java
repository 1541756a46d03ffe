package org.imapp.figures;

import java.util.Map;

/** Axis and panel titles of the metrics (the published {@code METRIC_NAME_MAP}, normalized forms marked). */
public final class MetricLabels {

	private MetricLabels() {}

	private static final Map<String, String> NAMES = Map.of(
		"dice_score", "Dice Coefficient (DC)",
		"jaccard_score", "Jaccard Index (JI)",
		"hd_score", "Hausdorff Distance (HD) [px]",
		"hd95_score", "Hausdorff Distance 95th %ile (HD95) [px]",
		"assd_score", "Avg. Symmetric Surface Distance (ASSD) [px]",
		"hd_score_normalized", "HD / image diagonal",
		"hd95_score_normalized", "HD95 / image diagonal",
		"assd_score_normalized", "ASSD / image diagonal");

	private static final Map<String, String> SHORT = Map.of("dice_score", "Dice", "jaccard_score", "Jaccard", "hd_score", "HD", "hd95_score", "HD95",
		"assd_score", "ASSD", "hd_score_normalized", "HD (norm.)", "hd95_score_normalized", "HD95 (norm.)", "assd_score_normalized", "ASSD (norm.)");

	public static String name(String metric) {
		return NAMES.getOrDefault(metric, metric);
	}

	public static String shortName(String metric) {
		return SHORT.getOrDefault(metric, metric);
	}
}
