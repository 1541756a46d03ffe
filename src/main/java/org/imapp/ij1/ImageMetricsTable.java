package org.imapp.ij1;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * One image's rows of a pairwise agreement table (the IMA++ {@code IAA_metrics} CSV: every pair of
 * its masks, annotators and consensus), with the masks named as their ROIs are.
 */
public final class ImageMetricsTable {

	/** The columns shown beside an image, in this order, when the CSV has them. */
	public static final String[] METRICS = { "dice_score", "jaccard_score", "hd_score", "hd95_score", "assd_score",
		"hd_score_normalized", "hd95_score_normalized", "assd_score_normalized" };

	private ImageMetricsTable() {}

	/**
	 * Reads {@code csv} and keeps the rows of {@code imgFilename} (the {@code img_id} column, e.g.
	 * ISIC_0000230.JPG); masks are named by {@code names} (file name → ROI name) where known.
	 */
	public static Table fromCsv(Path csv, String imgFilename, Map<String, String> names) throws IOException {
		return of(CsvTables.read(csv), imgFilename, names, csv.toString());
	}

	public static Table of(Table pairs, String imgFilename, Map<String, String> names, String source) {
		int img = pairs.require("img_id", source);
		int m1 = pairs.require("mask1", source);
		int m2 = pairs.require("mask2", source);
		java.util.List<String> cols = new java.util.ArrayList<>(java.util.List.of("mask1", "mask2"));
		java.util.List<Integer> idx = new java.util.ArrayList<>();
		for (String m : METRICS) {
			int i = pairs.indexOf(m);
			if (i >= 0) {
				cols.add(m);
				idx.add(i);
			}
		}
		Table out = new Table(cols);
		for (int r = 0; r < pairs.rowCount(); r++) {
			if (!pairs.getString(r, img).equals(imgFilename)) continue;
			Object[] row = new Object[cols.size()];
			row[0] = names.getOrDefault(pairs.getString(r, m1), maskLabel(pairs.getString(r, m1)));
			row[1] = names.getOrDefault(pairs.getString(r, m2), maskLabel(pairs.getString(r, m2)));
			for (int k = 0; k < idx.size(); k++) row[2 + k] = pairs.getDouble(r, idx.get(k));
			out.addRow(row);
		}
		return out;
	}

	/** {@code ISIC_0000230_A06_T1_S1_<id>.png} → {@code A06 T1 S1}; consensus files → {@code STAPLE} / {@code Majority vote}. */
	public static String maskLabel(String segFilename) {
		String[] p = segFilename.replaceFirst("\\.[^.]*$", "").split("_");
		if (p.length < 5) return segFilename;
		if (p[2].equals("ST")) return "STAPLE";
		if (p[2].equals("MV")) return "Majority vote";
		return p[2] + " " + p[3] + " " + p[4];
	}
}
