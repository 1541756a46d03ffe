package org.imapp.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imapp.Fixtures;
import org.imapp.data.DatasetPaths;
import org.imapp.table.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataReportTest {

	static MetadataReport.Result published;

	@BeforeAll
	static void reportOnPublishedMetadata() throws IOException {
		published = MetadataReport.run(Fixtures.REFERENCE.resolve(DatasetPaths.SEG_METADATA), Fixtures.REFERENCE.resolve(DatasetPaths.IMG_METADATA));
	}

	@Test
	void publishedCompletenessGroupsAreReproduced() {
		Table g = published.groups();
		assertEquals(6, g.rowCount());
		long[] counts = { 14964, 14209, 14280, 4799, 14961, 14380 };
		String[] percents = { "99.98", "94.94", "95.41", "32.06", "99.96", "96.08" };
		for (int i = 0; i < 6; i++) {
			assertEquals(counts[i], g.get(i, "rows_with_values"), g.getString(i, "group"));
			assertEquals(14967L, g.get(i, "rows"));
			assertEquals(percents[i], g.getString(i, "percent"), g.getString(i, "group"));
		}
		// The script's log lines, including the missing space after "rows" in all but the first.
		assertEquals("Found 14964 rows (99.98%) with any level of recorded diagnosis.", g.getString(0, "log"));
		assertEquals("Found 14209 rows(94.94%) with recorded age.", g.getString(1, "log"));
		assertEquals("Found 14380 rows(96.08%) with recorded diagnosis confirm type.", g.getString(5, "log"));
	}

	@Test
	void perColumnCompletenessOfThePublishedImageMetadata() {
		Table c = published.completeness();
		assertEquals(36, c.rowCount());
		assertEquals("isic_id", c.getString(0, "column"));
		assertEquals(14967L, c.get(0, "non_empty"));
		assertEquals("100.00", c.getString(0, "percent"));
		assertEquals(1.0, c.getDouble(0, "share"));
		// The six completely empty columns of spec §6.2.
		List<String> empty = new ArrayList<>();
		for (int i = 0; i < c.rowCount(); i++) if ((Long) c.get(i, "non_empty") == 0) empty.add(c.getString(i, "column"));
		assertEquals(List.of("acquisition_day", "fitzpatrick_skin_type", "image_manipulation", "mel_mitotic_index", "rcm_case_id", "tbp_tile_type"), empty);
		assertEquals(14280L, c.get(rowOf(c, "sex"), "non_empty"));
	}

	static int rowOf(Table t, String column) {
		for (int i = 0; i < t.rowCount(); i++) if (t.getString(i, "column").equals(column)) return i;
		throw new AssertionError(column);
	}

	@Test
	void publishedSegMetadataIsFullySyntacticallyValid() {
		Table a = published.accuracy();
		assertEquals(DatasetPaths.SEG_METADATA, a.getString(0, "file"));
		assertEquals(22472L, a.get(0, "rows"));
		assertEquals(22472L, a.get(0, "valid_rows"));
		assertEquals(1.0, a.get(0, "syntactic_accuracy"));
		assertEquals(0, published.problems().rowCount());
	}

	@Test
	void missingValuesFollowPandasDefaults() {
		for (String s : new String[] { "", " ", "\t ", "NA", "N/A", "n/a", "None", "nan", "NaN", "-nan", "NULL", "null", "<NA>", "#N/A" }) {
			assertTrue(MetadataReport.isMissing(s), "'" + s + "'");
		}
		for (String s : new String[] { "na", "none", "0", "False", "-", " NA" }) assertFalse(MetadataReport.isMissing(s), "'" + s + "'");
	}

	@Test
	void invalidRowsAreListedByLineAndRule(@TempDir Path dir) throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.SMALL.resolve("metadata").resolve(DatasetPaths.SEG_METADATA)));
		lines.set(3, lines.get(3).replace(",A03,", ",A99,")); // line 4
		lines.set(5, lines.get(5).substring(0, lines.get(5).lastIndexOf(','))); // line 6: a field short
		lines.add(lines.get(10)); // line 57: repeated
		Path seg = dir.resolve(DatasetPaths.SEG_METADATA);
		Files.write(seg, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
		Path img = dir.resolve(DatasetPaths.IMG_METADATA);
		Files.writeString(img, "isic_id,sex,age_approx\nISIC_1,female,\nISIC_2, ,NA\nISIC_3,None,40.0\nISIC_4,male,\n");

		MetadataReport.Result r = MetadataReport.run(seg, img);
		Table p = r.problems();
		assertEquals(3, p.rowCount());
		assertEquals(List.of(4L, 6L, 57L), List.of(p.get(0, "line"), p.get(1, "line"), p.get(2, "line")));
		assertTrue(p.getString(0, "rule").startsWith("annotator is not A00-A15"), p.getString(0, "rule"));
		assertEquals("wrong number of fields", p.getString(1, "rule"));
		assertTrue(p.getString(2, "rule").startsWith("duplicate seg_filename"), p.getString(2, "rule"));
		assertEquals(56L, r.accuracy().get(0, "rows"));
		assertEquals(53.0 / 56, r.accuracy().get(0, "syntactic_accuracy"));

		Table c = r.completeness();
		assertEquals(2L, c.get(rowOf(c, "sex"), "non_empty"));
		assertEquals("50.00", c.getString(rowOf(c, "sex"), "percent"));
		assertEquals(1L, c.get(rowOf(c, "age_approx"), "non_empty"));
		// Groups whose columns the file lacks have no count rather than a made-up zero.
		Table g = r.groups();
		assertEquals(2L, g.get(2, "rows_with_values"));
		assertEquals("Found 2 rows(50.00%) with recorded sex.", g.getString(2, "log"));
		assertEquals(null, g.get(0, "rows_with_values"));
		assertEquals("", g.getString(0, "percent"));
		r.write(dir.resolve("out"));
		assertEquals("file,line,rule,detail", Files.readAllLines(dir.resolve("out").resolve(MetadataReport.PROBLEMS_CSV)).get(0));
	}

	@Test
	void percentRoundsLikePythonFormat() {
		assertEquals("99.98", MetadataReport.percent(14964, 14967));
		assertEquals("32.06", MetadataReport.percent(4799, 14967));
		assertEquals("12.50", MetadataReport.percent(1, 8));
		// 1/8*100 = 12.5 exactly; 1/16*100 = 6.25 exactly: half-even as Python gives "6.25"; 1/32*100 = 3.125 → "3.12".
		assertEquals("3.12", MetadataReport.percent(1, 32));
	}
}
