package org.imapp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.imapp.Fixtures;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskReadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

	@Test
	void fixtureLoadsWithImagesAndMetadata() throws Exception {
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL), true)) {
			assertEquals(55, d.records().size());
			assertEquals(24, d.groups().size());
			assertEquals(24, d.multiAnnotatorGroups().size());
			ImageGroup g = d.group("ISIC_0000230");
			assertEquals(4, g.annotatorMasks().size());
			assertEquals("A06", g.annotatorMasks().get(0).annotator());
			assertEquals("115", d.imageMetadata().get("ISIC_0000230", "pixels_x"));
			assertNotNull(d.paths().image("ISIC_0000230.JPG"));
			BinaryMask m = d.masks().read(g.annotatorMasks().get(0).segFilename());
			assertEquals(115, m.width());
			assertEquals(81, m.height());
		}
	}

	@Test
	void masksAreReadFromSegsZipWithoutUnpacking(@TempDir Path tmp) throws Exception {
		Path root = tmp.resolve("ds");
		Files.createDirectories(root.resolve("metadata"));
		Files.copy(Fixtures.SMALL.resolve("metadata/" + DatasetPaths.SEG_METADATA), root.resolve("metadata/" + DatasetPaths.SEG_METADATA));
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(root.resolve("segs.zip")))) {
			try (var files = Files.list(Fixtures.SMALL.resolve("segs"))) {
				for (Path p : (Iterable<Path>) files::iterator) {
					z.putNextEntry(new ZipEntry("IMAplusplus/masks/" + p.getFileName()));
					z.write(Files.readAllBytes(p));
					z.closeEntry();
				}
			}
		}
		try (Dataset zipped = Dataset.load(DatasetPaths.of(root)); Dataset plain = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			assertEquals(null, zipped.imageMetadata());
			assertEquals(null, zipped.paths().images());
			for (SegRecord r : plain.records()) {
				assertEquals(plain.masks().read(r.segFilename()), zipped.masks().read(r.segFilename()), r.segFilename());
			}
			MaskReadException e = assertThrows(MaskReadException.class, () -> zipped.masks().read("ISIC_0000001_A00_T2_S1_x.png"));
			assertTrue(e.getMessage().contains("segs.zip!ISIC_0000001_A00_T2_S1_x.png"), e.getMessage());
		}
	}

	@Test
	void wrongPathsAreNamed(@TempDir Path tmp) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetPaths.resolve(tmp.resolve("nope").toFile(), null, null, null));
		assertTrue(e.getMessage().startsWith("Dataset folder not found: ") && e.getMessage().contains("nope"));
		e = assertThrows(IllegalArgumentException.class, () -> DatasetPaths.resolve(tmp.toFile(), null, null, null));
		assertTrue(e.getMessage().startsWith("Seg metadata file not found: "), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> DatasetPaths.resolve(Fixtures.SMALL.toFile(), null, new File(tmp.toFile(), "masks"), null));
		assertTrue(e.getMessage().startsWith("Mask folder or segs.zip not found: "), e.getMessage());
	}

	@Test
	void filterByAnnotatorToolSkillAndDiagnosis() throws Exception {
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			long a00 = d.records().stream().filter(r -> r.annotator().equals("A00")).count();
			assertEquals(a00, d.filter(RecordFilter.parse("a00", "", "", "").predicate(d.imageMetadata())).size());
			assertEquals(d.records().stream().filter(r -> r.tool().equals("T3") && r.skillLevel().equals("S1")).count(),
				d.filter(RecordFilter.parse("", "T3", "s1", "").predicate(d.imageMetadata())).size());
			long benign = d.records().stream().filter(r -> "benign".equals(d.imageMetadata().get(r.isicId(), "benign_malignant"))).count();
			assertTrue(benign > 0);
			assertEquals(benign, d.filter(RecordFilter.parse("", "", "", "Benign").predicate(d.imageMetadata())).size());
		}
	}
}
