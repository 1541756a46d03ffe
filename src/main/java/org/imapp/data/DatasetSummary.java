package org.imapp.data;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.table.Table;

/**
 * What a loaded dataset holds, as the tables {@code IMA++ Load Metadata} shows: every record
 * joined with its image's clinical fields, and a summary of counts (masks, images, masks per
 * image, per annotator, tool, skill and diagnosis, validation).
 */
public final class DatasetSummary {

	private DatasetSummary() {}

	/** The records with the image metadata fields users filter on most. */
	public static Table records(List<SegRecord> records, ImageMetadata img) {
		Table t = new Table("line", "ISIC_id", "img_filename", "seg_filename", "annotator", "tool", "skill_level", "mskObjectID", "mask_md5",
			"benign_malignant", "diagnosis", "pixels_x", "pixels_y");
		for (SegRecord r : records) {
			String bm = img == null ? null : img.get(r.isicId(), "benign_malignant");
			String dx = img == null ? null : img.diagnosis(r.isicId());
			Object px = img == null ? null : img.getInt(r.isicId(), "pixels_x").isPresent() ? (Object) (long) img.getInt(r.isicId(), "pixels_x").getAsInt() : null;
			Object py = img == null ? null : img.getInt(r.isicId(), "pixels_y").isPresent() ? (Object) (long) img.getInt(r.isicId(), "pixels_y").getAsInt() : null;
			t.addRow((long) r.line(), r.isicId(), r.imgFilename(), r.segFilename(), r.annotator(), r.tool(), r.skillLevel(), r.mskObjectId(), r.maskMd5(), bm, dx, px, py);
		}
		return t;
	}

	/**
	 * Counts in rows {@code group,value,count}. Per-annotator, tool and skill counts are over
	 * annotator masks; consensus masks are counted apart, as the published figures do.
	 */
	public static Table summary(SegMetadata seg, ImageMetadata img) {
		List<SegRecord> records = seg.records();
		List<ImageGroup> groups = Dataset.group(records);
		Table t = new Table("group", "value", "count");
		long consensus = records.stream().filter(SegRecord::isConsensus).count();
		t.addRow("dataset", "metadata rows read", (long) seg.rowsRead());
		t.addRow("dataset", "valid rows", (long) records.size());
		t.addRow("dataset", "syntactic accuracy", seg.syntacticAccuracy());
		t.addRow("dataset", "images", (long) groups.size());
		t.addRow("dataset", "annotator masks", records.size() - consensus);
		t.addRow("dataset", "consensus masks", consensus);
		t.addRow("dataset", "multi-annotator images", groups.stream().filter(ImageGroup::isMultiAnnotator).count());
		Map<Integer, Long> perImage = new TreeMap<>();
		for (ImageGroup g : groups) if (!g.annotatorMasks().isEmpty()) perImage.merge(g.annotatorMasks().size(), 1L, Long::sum);
		perImage.forEach((k, v) -> t.addRow("annotator masks per image", String.valueOf(k), v));
		count(t, "annotator", records, SegRecord::annotator);
		count(t, "tool", records, SegRecord::tool);
		count(t, "skill_level", records, SegRecord::skillLevel);
		if (img != null) {
			Map<String, Long> dx = new TreeMap<>();
			Map<String, Long> bm = new TreeMap<>();
			for (ImageGroup g : groups) {
				String d = img.diagnosis(g.isicId());
				dx.merge(d == null || d.isEmpty() ? "(none)" : d, 1L, Long::sum);
				String b = img.get(g.isicId(), "benign_malignant");
				bm.merge(b == null || b.isBlank() ? "(none)" : b, 1L, Long::sum);
			}
			bm.forEach((k, v) -> t.addRow("benign_malignant (images)", k, v));
			dx.forEach((k, v) -> t.addRow("diagnosis (images)", k, v));
		}
		return t;
	}

	private static void count(Table t, String group, List<SegRecord> records, java.util.function.Function<SegRecord, String> key) {
		Map<String, Long> m = new TreeMap<>();
		for (SegRecord r : records) if (!r.isConsensus()) m.merge(key.apply(r), 1L, Long::sum);
		m.forEach((k, v) -> t.addRow(group, k, v));
	}

	/** The validation problems, one row each. */
	public static Table problems(SegMetadata seg) {
		Table t = new Table("file", "line", "rule", "detail");
		for (ValidationProblem p : seg.problems()) t.addRow(p.file().toString(), (long) p.line(), p.rule(), p.detail());
		return t;
	}
}
