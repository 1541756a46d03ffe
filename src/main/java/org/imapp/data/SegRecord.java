package org.imapp.data;

/**
 * One row of {@code IMAplusplus_seg_metadata.csv}: a mask and who made it, with the line of the
 * file it came from (for error messages).
 */
public record SegRecord(int line, String isicId, String imgFilename, String segFilename, String annotator,
	String tool, String skillLevel, String mskObjectId, String maskMd5) {

	/** Column order of the published seg metadata files. */
	public static final String[] COLUMNS = { "ISIC_id", "img_filename", "seg_filename", "annotator", "tool",
		"skill_level", "mskObjectID", "mask_md5" };

	public static final String STAPLE = "ST";
	public static final String MAJORITY_VOTE = "MV";

	/** A consensus row (STAPLE or majority vote) rather than an annotator's mask. */
	public boolean isConsensus() {
		return isConsensusLabel(annotator);
	}

	public static boolean isConsensusLabel(String annotator) {
		return STAPLE.equals(annotator) || MAJORITY_VOTE.equals(annotator);
	}

	/** The consensus row IMA++ appends for an image: every label column is ST or MV. */
	public static SegRecord consensus(String isicId, String imgFilename, String kind, String md5) {
		return new SegRecord(0, isicId, imgFilename, consensusFilename(isicId, kind), kind, kind, kind, kind, md5);
	}

	/** {@code <ISIC_id>_ST_ST_ST_ST.png}: the token repeats so that split("_") parsing works (trap 23). */
	public static String consensusFilename(String isicId, String kind) {
		return isicId + "_" + kind + "_" + kind + "_" + kind + "_" + kind + ".png";
	}

	/** The cells in {@link #COLUMNS} order. */
	public Object[] cells() {
		return new Object[] { isicId, imgFilename, segFilename, annotator, tool, skillLevel, mskObjectId, maskMd5 };
	}

	/** A short label for ROIs and legends: {@code A04 T1 S2}, or {@code STAPLE} / {@code Majority vote}. */
	public String label() {
		if (STAPLE.equals(annotator)) return "STAPLE";
		if (MAJORITY_VOTE.equals(annotator)) return "Majority vote";
		return annotator + " " + tool + " " + skillLevel;
	}
}
