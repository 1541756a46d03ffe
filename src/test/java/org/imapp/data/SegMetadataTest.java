package org.imapp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.imapp.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegMetadataTest {

	private static final Path REAL = Fixtures.REFERENCE.resolve(DatasetPaths.SEG_METADATA);
	private static final String HEADER = "ISIC_id,img_filename,seg_filename,annotator,tool,skill_level,mskObjectID,mask_md5\n";
	private static final String GOOD = "ISIC_0000004,ISIC_0000004.JPG,ISIC_0000004_A04_T1_S2_545d08aabae47821f8802550.png,A04,T1,S2,545d08aabae47821f8802550,0123456789abcdef0123456789abcdef\n";

	@Test
	void realMetadataLoadsCompletelyAndGroupsAsPublished() throws Exception {
		SegMetadata seg = SegMetadata.read(REAL, true);
		assertEquals(22472, seg.rowsRead());
		assertEquals(22472, seg.records().size());
		assertEquals(1.0, seg.syntacticAccuracy());
		List<ImageGroup> groups = Dataset.group(seg.records());
		assertEquals(14967, groups.size());
		long consensus = seg.records().stream().filter(SegRecord::isConsensus).count();
		assertEquals(4788, consensus);

		List<ImageGroup> multi = groups.stream().filter(ImageGroup::isMultiAnnotator).toList();
		assertEquals(2394, multi.size());
		assertEquals(5111, multi.stream().mapToInt(g -> g.annotatorMasks().size()).sum());
		Map<Integer, Long> perImage = multi.stream().collect(Collectors.groupingBy(g -> g.annotatorMasks().size(), TreeMap::new, Collectors.counting()));
		assertEquals(Map.of(2, 2130L, 3, 209L, 4, 51L, 5, 4L), perImage);
		// Every multi-annotator image has its ST then MV row.
		assertTrue(multi.stream().allMatch(g -> g.consensusMasks().size() == 2 && g.consensusMasks().get(0).annotator().equals("ST")));
	}

	@Test
	void multiAnnotatorRecordsReproduceThePublishedSubsetFile(@TempDir Path tmp) throws Exception {
		SegMetadata seg = SegMetadata.read(REAL, true);
		List<SegRecord> records = Dataset.subsetOf(seg.records());
		assertEquals(9899, records.size());
		Path out = tmp.resolve("subset.csv");
		org.imapp.table.CsvTables.write(SegMetadata.toTable(records), out);
		String published = Files.readString(Fixtures.REFERENCE.resolve(DatasetPaths.SUBSET_METADATA)).replace("\r\n", "\n");
		assertEquals(published, Files.readString(out));
	}

	@Test
	void badRowsAreReportedWithLineAndRuleAndLeftOut(@TempDir Path tmp) throws Exception {
		Path f = tmp.resolve("seg.csv");
		String badAnnotator = GOOD.replace("A04", "A16");
		String truncated = "ISIC_0000005,ISIC_0000005.JPG,ISIC_0000005_A04_T1_S2_545d08aabae47821f8802551.png,A04\n";
		String badMd5 = GOOD.replace("0000004", "0000006").replace("0123456789abcdef0123456789abcdef", "xyz");
		byte[] nonUtf8 = GOOD.replace("0000004", "0000007").replace("A04,T1", "A04,T\u00e91").getBytes(StandardCharsets.ISO_8859_1);
		try (var out = Files.newOutputStream(f)) {
			out.write((HEADER + GOOD + badAnnotator + truncated + badMd5).getBytes(StandardCharsets.UTF_8));
			out.write(nonUtf8);
			out.write(GOOD.getBytes(StandardCharsets.UTF_8)); // duplicate seg_filename
		}
		SegMetadata seg = SegMetadata.read(f, false);
		assertEquals(6, seg.rowsRead());
		assertEquals(1, seg.records().size());
		assertEquals(1.0 / 6, seg.syntacticAccuracy(), 1e-15);
		List<String> problems = seg.problems().stream().map(ValidationProblem::toString).toList();
		assertEquals(5, problems.size());
		assertTrue(problems.get(0).startsWith("seg.csv:3: annotator is not A00-A15"), problems.get(0));
		assertTrue(problems.get(1).startsWith("seg.csv:4: wrong number of fields"), problems.get(1));
		assertTrue(problems.get(2).startsWith("seg.csv:5: mask_md5 is not 32"), problems.get(2));
		assertTrue(problems.get(3).startsWith("seg.csv:6: not valid UTF-8"), problems.get(3));
		assertTrue(problems.get(4).startsWith("seg.csv:7: duplicate seg_filename"), problems.get(4));

		MetadataException strict = assertThrows(MetadataException.class, () -> SegMetadata.read(f, true));
		assertTrue(strict.getMessage().contains("seg.csv:3: annotator"), strict.getMessage());
	}

	@Test
	void fileNameRuleAndConsensusRows() {
		SegRecord ok = new SegRecord(2, "ISIC_0000004", "ISIC_0000004.JPG", "ISIC_0000004_A04_T1_S2_545d.png", "A04", "T1", "S2", "545d", "0123456789abcdef0123456789abcdef");
		assertEquals(null, SegMetadata.firstBrokenRule(ok));
		SegRecord wrongName = new SegRecord(2, "ISIC_0000004", "ISIC_0000004.JPG", "ISIC_0000004_A04_T1_S1_545d.png", "A04", "T1", "S2", "545d", "0123456789abcdef0123456789abcdef");
		assertTrue(SegMetadata.firstBrokenRule(wrongName).startsWith("seg_filename is not ISIC_0000004_A04_T1_S2_545d.png"));
		SegRecord st = SegRecord.consensus("ISIC_0000004", "ISIC_0000004.JPG", "ST", "0123456789abcdef0123456789abcdef");
		assertEquals(null, SegMetadata.firstBrokenRule(st));
		assertEquals("ISIC_0000004_ST_ST_ST_ST.png", st.segFilename());
		SegRecord badImg = new SegRecord(2, "ISIC_0000004", "ISIC_0000004.jpg", "ISIC_0000004_A04_T1_S2_545d.png", "A04", "T1", "S2", "545d", "0123456789abcdef0123456789abcdef");
		assertTrue(SegMetadata.firstBrokenRule(badImg).startsWith("img_filename"));
		SegRecord badTool = new SegRecord(2, "ISIC_0000004", "ISIC_0000004.JPG", "ISIC_0000004_A04_T4_S2_545d.png", "A04", "T4", "S2", "545d", "0123456789abcdef0123456789abcdef");
		assertTrue(SegMetadata.firstBrokenRule(badTool).startsWith("tool"));
	}

	@Test
	void missingColumnAndMissingFileAreNamed(@TempDir Path tmp) throws Exception {
		Path f = tmp.resolve("seg.csv");
		Files.writeString(f, HEADER.replace(",mask_md5", "") + "x\n");
		MetadataException e = assertThrows(MetadataException.class, () -> SegMetadata.read(f, false));
		assertTrue(e.getMessage().contains("missing column 'mask_md5'") && e.getMessage().contains(f.toString()), e.getMessage());
		Path missing = tmp.resolve("nope.csv");
		e = assertThrows(MetadataException.class, () -> SegMetadata.read(missing, false));
		assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("nope.csv"), e.getMessage());
	}

	@Test
	void aByteOrderMarkIsSkipped(@TempDir Path tmp) throws Exception {
		Path f = tmp.resolve("seg.csv");
		Files.write(f, ("\uFEFF" + HEADER + GOOD).getBytes(StandardCharsets.UTF_8)); // as Excel saves "CSV UTF-8"
		SegMetadata seg = SegMetadata.read(f, true);
		assertEquals(1, seg.records().size());
		assertEquals("ISIC_0000004", seg.records().get(0).isicId());
		Path img = tmp.resolve("img.csv");
		Files.write(img, "\uFEFFisic_id,age\nISIC_0000004,40\n".getBytes(StandardCharsets.UTF_8));
		assertEquals("40", ImageMetadata.read(img).get("ISIC_0000004", "age"));
	}

	@Test
	void quotedLineBreaksUnclosedQuotesAndControlCharactersAreRowProblemsWithFileLineAndColumn(@TempDir Path tmp) throws Exception {
		Path f = tmp.resolve("seg.csv");
		String second = GOOD.replace("0000004", "0000005");
		String third = GOOD.replace("0000004", "0000008");
		// Line 3-4: a quoted field holding a line break; line 6: a NUL inside the mask file name
		// (fields must agree, so the mskObjectID holds it too); line 7: a tab; line 8: a quote never closed.
		String broken = GOOD.replace("0000004", "0000006").replace(",A04,T1,", ",\"A0\n4\",T1,");
		String nul = GOOD.replace("0000004", "0000007").replace("545d08aabae47821f8802550", "545d\u0000aab");
		String tab = GOOD.replace("0000004", "0000009").replace("545d08aabae47821f8802550", "545d\taab");
		String unclosed = "ISIC_0000010,\"ISIC_0000010.JPG,x,A04,T1,S2,1,0123456789abcdef0123456789abcdef\n";
		Files.write(f, (HEADER + GOOD + broken + second + nul + tab + unclosed + third).getBytes(StandardCharsets.UTF_8));
		SegMetadata seg = SegMetadata.read(f, false);
		assertEquals(List.of("ISIC_0000004", "ISIC_0000005", "ISIC_0000008"), seg.records().stream().map(SegRecord::isicId).toList());
		assertEquals(List.of(2, 5, 9), seg.records().stream().map(SegRecord::line).toList());
		List<String> problems = seg.problems().stream().map(ValidationProblem::toString).toList();
		assertEquals(List.of("seg.csv:3: a quoted field holds a line break (lines 3-4)",
			"seg.csv:6: control character U+0000 in seg_filename (column 58 of the line) (ISIC_0000007_A04_T1_S2_545d<U+0000>aab.png)",
			"seg.csv:7: control character U+0009 in seg_filename (column 58 of the line) (ISIC_0000009_A04_T1_S2_545d<U+0009>aab.png)",
			"seg.csv:8: a quoted field is never closed"), problems);
		assertEquals(7, seg.rowsRead());
		MetadataException strict = assertThrows(MetadataException.class, () -> SegMetadata.read(f, true));
		assertEquals("Invalid seg metadata row: seg.csv:3: a quoted field holds a line break (lines 3-4)", strict.getMessage());
	}

	@Test
	void aHeaderOnlyFileLoadsButHasNoMasksToWorkOn(@TempDir Path tmp) throws Exception {
		Path ds = tmp.resolve("ds");
		Files.createDirectories(ds.resolve("metadata"));
		Files.createDirectories(ds.resolve("segs"));
		Path f = ds.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
		Files.writeString(f, HEADER);
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			assertEquals(0, d.records().size());
			MetadataException e = assertThrows(MetadataException.class, d::requireMasks);
			assertEquals("no masks in the dataset: " + f + " (no data rows)", e.getMessage());
		}
		Files.writeString(f, HEADER + GOOD.replace("A04", "A16"));
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			MetadataException e = assertThrows(MetadataException.class, d::requireMasks);
			assertTrue(e.getMessage().startsWith("no masks in the dataset: " + f + " (all 1 rows rejected; first: IMAplusplus_seg_metadata.csv:2: annotator is not A00-A15"), e.getMessage());
		}
	}
}
