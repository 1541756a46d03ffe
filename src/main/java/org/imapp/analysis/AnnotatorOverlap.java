package org.imapp.analysis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.imapp.data.SegRecord;

/**
 * Which annotators segmented the same images (published {@code upset_plots/imaplusplus_annotator_overlap}):
 * each image's set of annotators, consensus rows excluded (trap 18) and (image, annotator)
 * deduplicated, so an annotator's repeated masks count once.
 */
public final class AnnotatorOverlap {

	private AnnotatorOverlap() {}

	public static SetIntersections compute(Collection<SegRecord> records) {
		// Annotators in sorted order, the order pandas' groupby hands to from_contents.
		Map<String, Set<String>> contents = new TreeMap<>();
		for (SegRecord r : records) {
			if (r.isConsensus()) continue;
			contents.computeIfAbsent(r.annotator(), k -> new LinkedHashSet<>()).add(r.imgFilename());
		}
		return SetIntersections.of(new LinkedHashMap<>(contents));
	}
}
