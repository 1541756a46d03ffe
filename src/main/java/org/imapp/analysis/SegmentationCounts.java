package org.imapp.analysis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.data.SegRecord;
import org.imapp.table.Table;

/**
 * How many segmentations each image has and who made them (published figure
 * {@code dataset_statistics/distribution}). Consensus rows are left out (trap 18): with them the
 * published bars 1–5 would become 1, 4–7.
 */
public final class SegmentationCounts {

	private SegmentationCounts() {}

	/**
	 * @param perImage columns {@code segmentations, images}: number of images having that many
	 *        annotator masks, ascending
	 * @param perFactor columns {@code factor, level, masks, images}: annotator masks and distinct
	 *        images per annotator, tool and skill level
	 */
	public record Result(Table perImage, Table perFactor) {}

	public static Result compute(Collection<SegRecord> records) {
		Map<String, Integer> masksPerImage = new LinkedHashMap<>();
		for (SegRecord r : records) if (!r.isConsensus()) masksPerImage.merge(r.imgFilename(), 1, Integer::sum);
		TreeMap<Integer, Long> hist = new TreeMap<>();
		for (int n : masksPerImage.values()) hist.merge(n, 1L, Long::sum);
		Table perImage = new Table("segmentations", "images");
		hist.forEach((k, v) -> perImage.addRow((long) k, v));

		Table perFactor = new Table("factor", "level", "masks", "images");
		for (Factor f : Factor.values()) {
			TreeMap<String, long[]> counts = new TreeMap<>();
			TreeMap<String, java.util.Set<String>> images = new TreeMap<>();
			for (SegRecord r : records) {
				if (r.isConsensus()) continue;
				String level = switch (f) {
					case TOOL -> r.tool();
					case SKILL -> r.skillLevel();
					case ANNOTATOR -> r.annotator();
				};
				counts.computeIfAbsent(level, k -> new long[1])[0]++;
				images.computeIfAbsent(level, k -> new java.util.HashSet<>()).add(r.imgFilename());
			}
			counts.forEach((level, c) -> perFactor.addRow(f.column(), level, c[0], (long) images.get(level).size()));
		}
		return new Result(perImage, perFactor);
	}
}
