package org.imapp.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imapp.io.Md5;
import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegMetadata;
import org.imapp.data.SegRecord;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityCheckTest {

	@Test
	void cleanFixtureHasMatchingHashesAndNoStrayFiles(@TempDir Path out) throws IOException {
		IntegrityCheck.Result r;
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			r = IntegrityCheck.run(d, 2, ProgressMonitor.NONE);
		}
		assertEquals(55L, r.count("masks in metadata"));
		assertEquals(55L, r.count("mask MD5 matches mask_md5"));
		assertEquals(0L, r.count("mask MD5 differs from mask_md5"));
		assertEquals(0L, r.count("mask files present but not referenced"));
		assertEquals(0L, r.count("identical-mask groups within an image"));
		assertEquals(24L, r.count("images referenced"));
		assertEquals(0L, r.count("image files referenced but absent"));
		assertEquals(0L, r.count("identical-image groups"));
		assertEquals(0, r.files().rowCount());
		// Every file MD5 is recomputed, independently of the metadata column it is compared to.
		for (int i = 0; i < r.maskMd5().rowCount(); i++) {
			Path mask = Fixtures.SMALL.resolve("segs").resolve(r.maskMd5().getString(i, "mask"));
			assertEquals(Md5.of(Files.readAllBytes(mask)), r.maskMd5().getString(i, "file_md5"));
			assertEquals(IntegrityCheck.OK, r.maskMd5().getString(i, "status"));
		}
		List<Path> written = r.write(out);
		assertEquals(5, written.size());
		assertEquals("check,count", Files.readAllLines(out.resolve(IntegrityCheck.SUMMARY_CSV)).get(0));
		assertEquals(56, Files.readAllLines(out.resolve(IntegrityCheck.MD5_CSV)).size());
	}

	@Test
	void md5OfKnownBytes() {
		assertEquals("d41d8cd98f00b204e9800998ecf8427e", Md5.of(new byte[0]));
		assertEquals("900150983cd24fb0d6963f7d28e17f72", Md5.of("abc".getBytes()));
	}

	@Test
	void damagedCopy(@TempDir Path dir) throws IOException {
		Path ds = MaskQaTest.copyFixture(dir);
		Path segs = ds.resolve("segs"), images = ds.resolve("images");
		List<SegRecord> recs;
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			recs = d.records();
		}
		Map<String, List<SegRecord>> byImage = new LinkedHashMap<>();
		for (SegRecord r : recs) byImage.computeIfAbsent(r.imgFilename(), k -> new ArrayList<>()).add(r);
		List<List<SegRecord>> groups = new ArrayList<>(byImage.values());
		// Two annotators' identical masks in one image: the second file becomes a copy of the first.
		List<SegRecord> g0 = groups.get(0);
		Files.copy(segs.resolve(g0.get(0).segFilename()), segs.resolve(g0.get(1).segFilename()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		// The same mask on two images.
		SegRecord a = groups.get(1).get(0), b = groups.get(2).get(0);
		Files.copy(segs.resolve(a.segFilename()), segs.resolve(b.segFilename()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		// A missing mask, a stray mask, a missing image, one image under two names, a hidden file.
		SegRecord gone = groups.get(3).get(0);
		Files.delete(segs.resolve(gone.segFilename()));
		Files.write(segs.resolve("ISIC_9999999_A00_T2_S1_stray.png"), new byte[] { 1, 2, 3 });
		Files.write(segs.resolve(".DS_Store"), new byte[] { 0 });
		String goneImage = groups.get(4).get(0).imgFilename();
		Files.delete(images.resolve(goneImage));
		String copied = groups.get(5).get(0).imgFilename();
		Files.copy(images.resolve(copied), images.resolve("ISIC_0000000_copy.JPG"));

		IntegrityCheck.Result r;
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			r = IntegrityCheck.run(d, 2, ProgressMonitor.NONE);
		}
		Map<String, String> status = new LinkedHashMap<>();
		for (int i = 0; i < r.maskMd5().rowCount(); i++) status.put(r.maskMd5().getString(i, "mask"), r.maskMd5().getString(i, "status"));
		assertEquals(IntegrityCheck.MISMATCH, status.get(g0.get(1).segFilename()));
		assertEquals(IntegrityCheck.MISMATCH, status.get(b.segFilename()));
		assertEquals(IntegrityCheck.MISSING, status.get(gone.segFilename()));
		assertEquals(52L, r.count("mask MD5 matches mask_md5"));
		assertEquals(2L, r.count("mask MD5 differs from mask_md5"));
		assertEquals(1L, r.count("mask files referenced but absent"));

		Table dup = r.duplicateMasks();
		assertEquals(4, dup.rowCount());
		assertEquals(List.of(g0.get(0).segFilename(), g0.get(1).segFilename(), a.segFilename(), b.segFilename()),
			column(dup, "mask"));
		assertEquals(List.of(IntegrityCheck.SAME_IMAGE, IntegrityCheck.SAME_IMAGE, IntegrityCheck.ACROSS_IMAGES, IntegrityCheck.ACROSS_IMAGES),
			column(dup, "scope"));
		assertEquals(1L, r.count("identical-mask groups within an image"));
		assertEquals(1L, r.count("identical-mask groups across images"));

		Set<String> files = new HashSet<>();
		for (Object[] row : r.files().rows()) files.add(row[0] + "|" + row[1] + "|" + row[2]);
		assertEquals(Set.of(
			"mask|" + gone.segFilename() + "|" + IntegrityCheck.ABSENT,
			"mask|ISIC_9999999_A00_T2_S1_stray.png|" + IntegrityCheck.UNREFERENCED,
			"image|" + goneImage + "|" + IntegrityCheck.ABSENT,
			"image|ISIC_0000000_copy.JPG|" + IntegrityCheck.UNREFERENCED), files);

		assertEquals(List.of(copied, "ISIC_0000000_copy.JPG").stream().sorted().toList(), column(r.duplicateImages(), "image"));
		assertEquals(Md5.of(images.resolve(copied)), r.duplicateImages().getString(0, "md5"));
		assertEquals(1L, r.count("identical-image groups"));
	}

	/** The published metadata alone: its mask_md5 column has 34 pairs of identical annotator masks, all across images. */
	@Test
	void identicalMasksOfThePublishedMetadata() throws IOException {
		SegMetadata seg = SegMetadata.read(Fixtures.REFERENCE.resolve(DatasetPaths.SEG_METADATA), true);
		Table dup = IntegrityCheck.duplicateMasks(seg.records(), seg.records().stream().map(SegRecord::maskMd5).toList());
		assertEquals(68, dup.rowCount());
		assertEquals(34, new HashSet<>(column(dup, "md5")).size());
		assertTrue(column(dup, "scope").stream().allMatch(IntegrityCheck.ACROSS_IMAGES::equals));
		Map<String, Long> annotators = new LinkedHashMap<>();
		for (String s : column(dup, "annotator")) annotators.merge(s, 1L, Long::sum);
		assertEquals(Map.of("A00", 66L, "A06", 2L), annotators);
	}

	static List<String> column(Table t, String c) {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < t.rowCount(); i++) out.add(t.getString(i, c));
		return out;
	}
}
