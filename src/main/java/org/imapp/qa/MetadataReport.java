package org.imapp.qa;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.imapp.data.DatasetSummary;
import org.imapp.data.ImageMetadata;
import org.imapp.data.SegMetadata;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * How complete the image metadata is and how well-formed the seg metadata is.
 * <p>
 * Completeness: per column, the share of rows with a value; per published group (IMA++'s
 * {@code compute_image_metadata_completeness.py}, spec §4.8), the rows with a value in at least
 * one of the group's columns, with the script's exact log line (a group whose columns the file
 * lacks gets no count). A value is missing when it is
 * empty or whitespace-only, or one of pandas' default NA strings ({@code NA}, {@code None},
 * {@code nan}, …), which {@code read_csv} turns into NaN before the script counts (trap 28).
 * <p>
 * Syntactic accuracy: the share of seg metadata rows passing every validation rule of
 * {@link SegMetadata}, with each failing row listed by file, line and rule
 * ({@link DatasetSummary#problems}, the table {@code IMA++ Load Metadata} shows too).
 */
public final class MetadataReport {

	public static final String COMPLETENESS_CSV = "IMAplusplus_img_metadata_completeness.csv";
	public static final String GROUPS_CSV = "IMAplusplus_img_metadata_completeness_groups.csv";
	public static final String ACCURACY_CSV = "IMAplusplus_seg_metadata_syntactic_accuracy.csv";
	public static final String PROBLEMS_CSV = "IMAplusplus_seg_metadata_validation_problems.csv";

	/** pandas' default {@code na_values} of {@code read_csv} (matched exactly, case-sensitively). */
	public static final Set<String> PANDAS_NA_VALUES = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
		"-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

	/**
	 * A published completeness group.
	 * @param logFormat the script's log line with {@code %d} for the count and {@code %s} for the percentage
	 */
	public record Group(String name, List<String> columns, String logFormat) {}

	/** The six groups the published script reports, in its order and with its log lines (one lacks a space). */
	public static final List<Group> PUBLISHED_GROUPS = List.of(
		new Group("diagnosis", List.of("diagnosis_1", "diagnosis_2", "diagnosis_3", "diagnosis_4", "diagnosis_5"),
			"Found %d rows (%s%%) with any level of recorded diagnosis."),
		new Group("age", List.of("age_approx"), "Found %d rows(%s%%) with recorded age."),
		new Group("sex", List.of("sex"), "Found %d rows(%s%%) with recorded sex."),
		new Group("anatomic site", List.of("anatom_site_general"), "Found %d rows(%s%%) with recorded anatomic site."),
		new Group("malignancy status", List.of("benign_malignant"), "Found %d rows(%s%%) with recorded malignancy status."),
		new Group("diagnosis confirm type", List.of("diagnosis_confirm_type"), "Found %d rows(%s%%) with recorded diagnosis confirm type."));

	/** The four tables; {@link #write} saves them as CSV. */
	public record Result(Table completeness, Table groups, Table accuracy, Table problems) {

		public List<Path> write(Path folder) throws IOException {
			List<Path> out = new ArrayList<>();
			String[] names = { COMPLETENESS_CSV, GROUPS_CSV, ACCURACY_CSV, PROBLEMS_CSV };
			Table[] tables = { completeness, groups, accuracy, problems };
			for (int i = 0; i < names.length; i++) {
				Path p = folder.resolve(names[i]);
				CsvTables.write(tables[i], p);
				out.add(p);
			}
			return out;
		}
	}

	private MetadataReport() {}

	/**
	 * Reads and reports both metadata files.
	 * @param imageMetadata may be null (no completeness rows then)
	 */
	public static Result run(Path segMetadata, Path imageMetadata) throws IOException {
		SegMetadata seg = SegMetadata.read(segMetadata, false);
		Table img = imageMetadata == null ? null : ImageMetadata.read(imageMetadata).table();
		return new Result(completeness(img), groups(img), syntacticAccuracy(seg), DatasetSummary.problems(seg));
	}

	/** Missing as the published script sees it: pandas NA string, empty or whitespace only. */
	public static boolean isMissing(String value) {
		return value == null || value.isBlank() || PANDAS_NA_VALUES.contains(value);
	}

	/** Rows with a value in at least one of {@code columns} (the script's {@code count_rows_with_values}). */
	public static long rowsWithValues(Table t, List<String> columns) {
		int[] idx = columns.stream().mapToInt(c -> t.require(c, "image metadata")).toArray();
		long n = 0;
		for (int r = 0; r < t.rowCount(); r++) {
			for (int c : idx) {
				if (!isMissing(t.getString(r, c))) {
					n++;
					break;
				}
			}
		}
		return n;
	}

	/** One row per column: {@code column,non_empty,rows,share,percent}. */
	public static Table completeness(Table img) {
		Table t = new Table("column", "non_empty", "rows", "share", "percent");
		if (img == null) return t;
		for (String c : img.columns()) {
			long n = rowsWithValues(img, List.of(c));
			t.addRow(c, n, (long) img.rowCount(), share(n, img.rowCount()), percent(n, img.rowCount()));
		}
		return t;
	}

	/** One row per published group: {@code group,columns,rows_with_values,rows,share,percent,log}. */
	public static Table groups(Table img) {
		Table t = new Table("group", "columns", "rows_with_values", "rows", "share", "percent", "log");
		if (img == null) return t;
		for (Group g : PUBLISHED_GROUPS) {
			// Only the group's columns the file has; none at all → no count (the script would fail).
			List<String> present = g.columns().stream().filter(c -> img.indexOf(c) >= 0).toList();
			if (present.isEmpty()) {
				t.addRow(g.name(), String.join(" ", g.columns()), null, (long) img.rowCount(), null, "", "");
				continue;
			}
			long n = rowsWithValues(img, present);
			String p = percent(n, img.rowCount());
			t.addRow(g.name(), String.join(" ", present), n, (long) img.rowCount(), share(n, img.rowCount()), p, String.format(g.logFormat(), n, p));
		}
		return t;
	}

	/** {@code file,rows,valid_rows,invalid_rows,syntactic_accuracy}. */
	public static Table syntacticAccuracy(SegMetadata seg) {
		Table t = new Table("file", "rows", "valid_rows", "invalid_rows", "syntactic_accuracy");
		t.addRow(seg.file().getFileName().toString(), (long) seg.rowsRead(), (long) seg.records().size(),
			(long) seg.problems().size(), seg.syntacticAccuracy());
		return t;
	}

	private static Double share(long n, int rows) {
		return rows == 0 ? Double.NaN : (double) n / rows;
	}

	/** {@code n / rows * 100} formatted as Python's {@code {:.2f}} (correctly rounded, half-even on the exact double). */
	public static String percent(long n, int rows) {
		if (rows == 0) return "";
		double p = (double) n / rows * 100;
		return new BigDecimal(p).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
	}
}
