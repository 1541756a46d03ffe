package org.imapp.analysis;

import org.imapp.data.SegRecord;

/**
 * One row of the pairwise agreement table ({@code IMAplusplus_multiannotator_subset_IAA_metrics.csv}):
 * two masks of an image, who made them, and the eight metric values in {@link PairwiseMetrics#METRICS}
 * order (NaN where the published file has an empty cell).
 */
public record MetricPair(int line, String imgId, String mask1, String mask2, String annotator1, String annotator2,
	String tool1, String skill1, String tool2, String skill2, double[] values) {

	/** A metric by its column name. */
	public double value(String metric) {
		int i = PairwiseMetrics.METRICS.indexOf(metric);
		if (i < 0) throw new IllegalArgumentException("Unknown metric '" + metric + "' (known: " + PairwiseMetrics.METRICS + ")");
		return values[i];
	}

	public double dice() {
		return values[0];
	}

	/** Neither mask is a consensus (STAPLE or majority vote) mask. */
	public boolean isAnnotatorPair() {
		return !SegRecord.isConsensusLabel(annotator1) && !SegRecord.isConsensusLabel(annotator2);
	}

	/** The ISIC id of the image ({@code img_id} is the file name, trap 17). */
	public String isicId() {
		int dot = imgId.lastIndexOf('.');
		return dot < 0 ? imgId : imgId.substring(0, dot);
	}
}
