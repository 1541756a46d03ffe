package org.imapp.synth;

import java.util.List;
import java.util.Random;

/**
 * Plausible ISIC clinical metadata rows for synthetic images, in the 36 columns of the
 * published {@code IMAplusplus_img_metadata.csv}; the frequencies follow the published file
 * (benign ≈ 89 %, malignant ≈ 10 %, most anatomic sites missing).
 */
final class ClinicalMetadata {

	private ClinicalMetadata() {}

	static final List<String> COLUMNS = List.of("isic_id", "attribution", "copyright_license", "acquisition_day", "age_approx",
		"anatom_site_general", "anatom_site_special", "benign_malignant", "clin_size_long_diam_mm", "concomitant_biopsy",
		"dermoscopic_type", "diagnosis_1", "diagnosis_2", "diagnosis_3", "diagnosis_4", "diagnosis_5", "diagnosis_confirm_type",
		"family_hx_mm", "fitzpatrick_skin_type", "image_manipulation", "image_type", "lesion_id", "mel_class", "mel_mitotic_index",
		"mel_thick_mm", "mel_type", "mel_ulcer", "melanocytic", "nevus_type", "patient_id", "personal_hx_mm", "pixels_x", "pixels_y",
		"rcm_case_id", "sex", "tbp_tile_type");

	private static final String[] SITES = { "posterior torso", "lower extremity", "upper extremity", "anterior torso", "head/neck" };
	private static final String[] NEVUS_4 = { "", "", "Nevus, Atypical, Dysplastic, or Clark", "Nevus, Congenital", "Nevus, NOS, Compound" };
	private static final String[] MELANOMA_3 = { "Melanoma, NOS", "Melanoma in situ", "Melanoma Invasive" };

	/** One row (cells in {@link #COLUMNS} order) for an image of the given size. */
	static Object[] row(String isicId, int width, int height, Random r) {
		return row(isicId, width, height, null, r);
	}

	/** One row with the given malignancy status ({@code benign}, {@code malignant}, …; null: drawn at random). */
	static Object[] row(String isicId, int width, int height, String benignMalignant, Random r) {
		Object[] c = new Object[COLUMNS.size()];
		java.util.Arrays.fill(c, "");
		set(c, "isic_id", isicId);
		set(c, "attribution", "Anonymous");
		set(c, "copyright_license", "CC-0");
		if (r.nextInt(20) > 0) set(c, "age_approx", (5 * (2 + r.nextInt(16))) + ".0");
		if (r.nextInt(3) == 0) set(c, "anatom_site_general", SITES[r.nextInt(SITES.length)]);
		int kind = r.nextInt(100);
		boolean malignant = benignMalignant == null ? kind >= 89 && kind < 99 : benignMalignant.equals("malignant");
		boolean indeterminate = benignMalignant == null ? kind == 99 : benignMalignant.startsWith("indeterminate");
		set(c, "benign_malignant", benignMalignant != null ? benignMalignant : malignant ? "malignant" : indeterminate ? "indeterminate" : "benign");
		set(c, "concomitant_biopsy", malignant || r.nextInt(4) == 0 ? "True" : "False");
		set(c, "diagnosis_1", malignant ? "Malignant" : indeterminate ? "Indeterminate" : "Benign");
		set(c, "diagnosis_2", malignant ? "Malignant melanocytic proliferations (Melanoma)"
			: indeterminate ? "Indeterminate melanocytic proliferations" : "Benign melanocytic proliferations");
		set(c, "diagnosis_3", malignant ? MELANOMA_3[r.nextInt(MELANOMA_3.length)] : indeterminate ? "Atypical melanocytic neoplasm" : "Nevus");
		if (!malignant && !indeterminate) set(c, "diagnosis_4", NEVUS_4[r.nextInt(NEVUS_4.length)]);
		set(c, "diagnosis_confirm_type", malignant ? "histopathology" : r.nextInt(3) == 0 ? "histopathology" : "single image expert consensus");
		set(c, "image_type", "dermoscopic");
		set(c, "melanocytic", "True");
		set(c, "patient_id", String.format("IP_%07d", r.nextInt(10_000_000)));
		set(c, "pixels_x", Integer.toString(width));
		set(c, "pixels_y", Integer.toString(height));
		if (r.nextInt(20) > 0) set(c, "sex", r.nextBoolean() ? "male" : "female");
		return c;
	}

	private static void set(Object[] row, String column, String value) {
		row[COLUMNS.indexOf(column)] = value;
	}
}
