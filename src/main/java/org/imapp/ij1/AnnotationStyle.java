package org.imapp.ij1;

import java.awt.BasicStroke;
import java.awt.Color;

import ij.gui.Roi;

import org.imapp.data.SegRecord;

/**
 * How annotations look on a lesion image: a fixed colour per annotator code (A00–A15), so an
 * annotator has the same colour on every image; consensus masks (STAPLE, majority vote) in their
 * own colours, dashed and thicker. Line widths grow with the image so outlines stay visible on a
 * 6,688-pixel-wide photograph viewed whole.
 */
public final class AnnotationStyle {

	private AnnotationStyle() {}

	/** Sixteen distinguishable colours (Glasbey-like), one per annotator code A00..A15. */
	private static final Color[] ANNOTATOR = {
		new Color(0x00, 0xC8, 0xFF), new Color(0xFF, 0xD7, 0x00), new Color(0x32, 0xFF, 0x32), new Color(0xFF, 0x64, 0x00),
		new Color(0x46, 0x82, 0xFF), new Color(0xFF, 0x3C, 0x78), new Color(0x00, 0xFF, 0xB4), new Color(0xC8, 0xFF, 0x00),
		new Color(0xB4, 0x78, 0xFF), new Color(0xFF, 0xA0, 0x50), new Color(0x00, 0xA0, 0x64), new Color(0xFF, 0xFF, 0x96),
		new Color(0x96, 0xDC, 0xFF), new Color(0xE6, 0x00, 0x00), new Color(0x80, 0x80, 0xFF), new Color(0xA0, 0xFF, 0xA0) };

	public static final Color STAPLE = new Color(0xFF, 0x00, 0xFF);
	public static final Color MAJORITY_VOTE = Color.WHITE;

	/** The colour of the i-th rater of an image (a generic dataset's raters have no fixed codes). */
	public static Color raterColor(int i) {
		return ANNOTATOR[Math.floorMod(i, ANNOTATOR.length)];
	}

	/** The colour of an annotator code or consensus kind. */
	public static Color color(String annotator) {
		if (SegRecord.STAPLE.equals(annotator)) return STAPLE;
		if (SegRecord.MAJORITY_VOTE.equals(annotator)) return MAJORITY_VOTE;
		if (annotator != null && annotator.matches("A\\d\\d")) {
			int k = Integer.parseInt(annotator.substring(1));
			return ANNOTATOR[k % ANNOTATOR.length];
		}
		// Unknown codes (user-drawn ROIs): a stable colour from the name.
		return ANNOTATOR[Math.floorMod(annotator == null ? 0 : annotator.hashCode(), ANNOTATOR.length)];
	}

	/** Dashes 3w long with 4w gaps; majority vote's start where STAPLE's end. */
	public static BasicStroke consensusStroke(float w, String kind) {
		float phase = SegRecord.MAJORITY_VOTE.equals(kind) ? 3.5f * w : 0f;
		return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 3 * w, 4 * w }, phase);
	}

	/** Outline width for an image: 2 px on small images, about 1/400 of the diagonal on large ones. */
	public static float lineWidth(int width, int height) {
		return (float) Math.max(2.0, Math.round(Math.hypot(width, height) / 400.0));
	}

	/**
	 * Names and styles a mask's ROI: solid for annotators, dashed and 1.5× thicker for consensus
	 * (majority vote's dashes fall in STAPLE's gaps, so both show where the masks coincide).
	 */
	public static void apply(Roi roi, SegRecord record, String name, int imageWidth, int imageHeight) {
		roi.setName(name);
		roi.setProperty("seg_filename", record.segFilename());
		roi.setProperty("annotator", record.annotator());
		roi.setStrokeColor(color(record.annotator()));
		float w = lineWidth(imageWidth, imageHeight);
		if (record.isConsensus()) {
			float cw = w * 1.5f;
			roi.setStroke(consensusStroke(cw, record.annotator()));
		}
		else roi.setStrokeWidth(w);
	}
}
