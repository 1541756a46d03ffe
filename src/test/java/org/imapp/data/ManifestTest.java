package org.imapp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imapp.Fixtures;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest of a generic multi-rater dataset: read as written, and every kind of bad row named by file and line. */
class ManifestTest {

	@Test
	void readsTheFixtureManifestInFileOrder() throws Exception {
		Manifest m = Manifest.load(Fixtures.MULTIRATER_3D.resolve("manifest.csv"));
		Table raw = CsvTables.read(Fixtures.MULTIRATER_3D.resolve("manifest.csv"));
		assertEquals(List.of("group"), m.groupColumns());
		assertEquals(10, m.images().size());
		int row = 0;
		for (Manifest.Image im : m.images()) {
			for (Manifest.Entry e : im.raters()) {
				assertEquals(raw.getString(row, "image_id"), e.imageId());
				assertEquals(raw.getString(row, "rater"), e.rater());
				assertEquals(Fixtures.MULTIRATER_3D.resolve(raw.getString(row, "mask")).toAbsolutePath().normalize(), e.mask());
				assertEquals(List.of(raw.getString(row, "group")), e.groups());
				assertEquals(row + 2, e.line());
				row++;
			}
		}
		assertEquals(raw.rowCount(), row);
		assertEquals(5, m.image("VOL_008").raters().size());
	}

	private static Path write(Path dir, String text) throws Exception {
		Files.createDirectories(dir.resolve("m"));
		for (String n : List.of("a.png", "b.png")) Files.write(dir.resolve("m").resolve(n), new byte[] { 1 });
		Path f = dir.resolve("manifest.csv");
		Files.write(f, text.getBytes(StandardCharsets.UTF_8));
		return f;
	}

	private static String error(Path f) {
		return assertThrows(IllegalArgumentException.class, () -> Manifest.load(f)).getMessage();
	}

	@Test
	void byteOrderMarkAndBlankLinesAreAccepted(@TempDir Path tmp) throws Exception {
		Manifest m = Manifest.load(write(tmp, "\uFEFFimage_id,rater,mask,site\n\nimg1,r1,m/a.png,A\nimg1,r2,m/b.png,A\n"));
		assertEquals(List.of("site"), m.groupColumns());
		assertEquals(1, m.images().size());
		assertEquals(4, m.images().get(0).raters().get(1).line());
	}

	@Test
	void missingColumnsAreNamed(@TempDir Path tmp) throws Exception {
		String e = error(write(tmp, "image,rater,file\nimg1,r1,m/a.png\n"));
		assertTrue(e.contains("manifest.csv: line 1: missing columns image_id, mask"), e);
	}

	@Test
	void duplicateRaterMissingFileEmptyCellAndShortRowAreNamedWithTheirLines(@TempDir Path tmp) throws Exception {
		String e = error(write(tmp, String.join("\n", "image_id,rater,mask", "img1,r1,m/a.png", "img1,r2,m/b.png", "img1,r1,m/b.png", "img2,r1,m/gone.png",
			"img2,,m/a.png", "img3,r1", "")));
		assertTrue(e.startsWith("4 problems in the manifest"), e);
		assertTrue(e.contains("manifest.csv: line 4: rater r1 of image img1 listed twice (first on line 2)"), e);
		assertTrue(e.contains("manifest.csv: line 5: mask file not found: m/gone.png"), e);
		assertTrue(e.contains("manifest.csv: line 6: empty rater"), e);
		assertTrue(e.contains("manifest.csv: line 7: expected 3 fields, found 2"), e);
	}

	@Test
	void emptyManifestAndMissingFileAreErrors(@TempDir Path tmp) throws Exception {
		assertTrue(error(write(tmp, "")).contains("empty file"));
		assertTrue(error(write(tmp, "image_id,rater,mask\n")).contains("no mask rows"));
		assertTrue(error(tmp.resolve("nope.csv")).startsWith("Manifest file not found"));
	}
}
