package org.imapp.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskQaTest {

	static Dataset small;
	static MaskQa.Result corrected;
	static MaskQa.Result published;

	@BeforeAll
	static void runOnFixture() throws IOException {
		small = Dataset.load(DatasetPaths.of(Fixtures.SMALL));
		corrected = MaskQa.run(small, MaskQa.Options.DEFAULT, 2, ProgressMonitor.NONE);
		published = MaskQa.run(small, MaskQa.Options.PUBLISHED, 2, ProgressMonitor.NONE);
	}

	/** Issue strings per mask, in table order. */
	static Map<String, List<String>> issuesByMask(Table t) {
		Map<String, List<String>> out = new LinkedHashMap<>();
		for (Object[] r : t.rows()) out.computeIfAbsent((String) r[1], k -> new ArrayList<>()).add((String) r[2]);
		return out;
	}

	static List<String> rows(Table t) {
		return t.rows().stream().map(r -> String.join(",", Arrays.stream(r).map(String::valueOf).toList())).toList();
	}

	/** The mask made unusual for each edge case: the last mask of the image in metadata order. */
	static Map<String, String> edgeCaseMasks() throws IOException {
		Table cases = CsvTables.read(Fixtures.SMALL.resolve("edge_cases.csv"));
		Map<String, String> out = new LinkedHashMap<>();
		for (int i = 0; i < cases.rowCount(); i++) {
			String id = cases.getString(i, "ISIC_id");
			List<SegRecord> masks = small.records().stream().filter(r -> r.isicId().equals(id)).toList();
			out.put(masks.get(masks.size() - 1).segFilename(), cases.getString(i, "case"));
		}
		return out;
	}

	/** Reads a PNG through ImageIO and binarises as load_mask does (grey > 0), independently of MaskIO. */
	static BinaryMask readIndependently(String segFilename) throws IOException {
		BufferedImage img = ImageIO.read(Fixtures.SMALL.resolve("segs").resolve(segFilename).toFile());
		Raster r = img.getRaster();
		byte[] d = new byte[img.getWidth() * img.getHeight()];
		for (int y = 0; y < img.getHeight(); y++) {
			for (int x = 0; x < img.getWidth(); x++) d[y * img.getWidth() + x] = r.getSample(x, y, 0) > 0 ? (byte) 1 : 0;
		}
		return new BinaryMask(img.getWidth(), img.getHeight(), d);
	}

	@Test
	void everyEdgeCaseIsReportedWithItsRule() throws IOException {
		Map<String, List<String>> byMask = issuesByMask(corrected.issues());
		Map<String, String> cases = edgeCaseMasks();
		assertEquals(6, cases.size());
		for (var e : cases.entrySet()) {
			List<String> issues = byMask.getOrDefault(e.getKey(), List.of());
			BinaryMask m = readIndependently(e.getKey());
			switch (e.getValue()) {
				case "full" -> assertEquals(List.of(MaskQa.FULL), issues, e.getKey());
				case "empty" -> assertEquals(List.of(MaskQa.EMPTY), issues, e.getKey());
				case "island" -> {
					int n = ConnectedComponentsTest.floodFill(m, true, new int[m.width() * m.height()]).length;
					assertTrue(n >= 2);
					assertTrue(issues.contains(MaskQa.multipleRegions(n)), e.getKey() + " " + issues);
				}
				// A hole does not split the foreground and a tiny lesion is one region: no content issue.
				case "hole", "tiny" -> assertTrue(issues.stream().noneMatch(i -> i.equals(MaskQa.EMPTY) || i.equals(MaskQa.FULL)
					|| i.startsWith(MaskQa.MULTIPLE_REGIONS)), e.getKey() + " " + issues);
				case "border" -> assertTrue(issues.contains(MaskQa.BORDER), e.getKey() + " " + issues);
				default -> fail("edge case without an expected rule: " + e.getValue());
			}
		}
	}

	/**
	 * mask_qa.py's rule written out again: label (8-connectivity, raster order), compare the
	 * second-labelled to the first-labelled component, border from the pixels.
	 */
	@Test
	void publishedRuleEqualsIndependentRasterOrderImplementation() throws IOException {
		List<String> expected = new ArrayList<>();
		for (SegRecord r : small.records()) {
			BinaryMask m = readIndependently(r.segFilename());
			long sum = 0;
			for (byte b : m.data()) sum += b;
			String prefix = r.imgFilename() + "," + r.segFilename() + ",";
			if (sum == 0) {
				expected.add(prefix + "Empty mask,high");
				continue;
			}
			if (sum == m.size()) {
				expected.add(prefix + "Mask covers entire image,high");
				continue;
			}
			long[] sizes = ConnectedComponentsTest.floodFill(m, true, new int[m.width() * m.height()]);
			if (sizes.length > 1 && sizes[1] > 0.05 * sizes[0]) expected.add(prefix + "Multiple disconnected regions (" + sizes.length + "),medium");
			boolean border = false;
			for (int x = 0; x < m.width(); x++) border |= m.get(x, 0) || m.get(x, m.height() - 1);
			for (int y = 0; y < m.height(); y++) border |= m.get(0, y) || m.get(m.width() - 1, y);
			if (border) expected.add(prefix + "Mask touches image border,low");
		}
		assertEquals(expected, rows(published.issues()));
		assertTrue(expected.stream().filter(s -> s.endsWith(",low")).count() >= 3, "the fixture has border contacts");
	}

	@Test
	void rasterOrderRuleMissesExactlyOneFixtureIslandBehindASpeck() throws IOException {
		Set<String> sizeRule = masksWith(corrected.issues(), MaskQa.MULTIPLE_REGIONS);
		Set<String> rasterRule = masksWith(published.issues(), MaskQa.MULTIPLE_REGIONS);
		assertTrue(sizeRule.containsAll(rasterRule));
		Set<String> missed = new HashSet<>(sizeRule);
		missed.removeAll(rasterRule);
		assertEquals(1, missed.size(), missed.toString());
		String mask = missed.iterator().next();
		assertEquals("island", edgeCaseMasks().get(mask));
		// Why: the component labelled second is a speck far below 5% of the first.
		BinaryMask m = readIndependently(mask);
		long[] sizes = ConnectedComponentsTest.floodFill(m, true, new int[m.width() * m.height()]);
		assertTrue(sizes[1] <= 0.05 * sizes[0], Arrays.toString(sizes));
		// Every island edge case is found by the size rule.
		edgeCaseMasks().forEach((k, v) -> {
			if (v.equals("island")) assertTrue(sizeRule.contains(k), k);
		});
	}

	static Set<String> masksWith(Table t, String issuePrefix) {
		return t.rows().stream().filter(r -> ((String) r[2]).startsWith(issuePrefix)).map(r -> (String) r[1]).collect(Collectors.toSet());
	}

	@Test
	void extraChecksFindNothingOnTheCleanFixture() {
		// The fixture's md5s, sizes and 0/255 values are consistent: corrected and published
		// runs differ only by the region rule.
		List<String> withoutRegions = rows(corrected.issues()).stream().filter(s -> !s.contains(MaskQa.MULTIPLE_REGIONS)).toList();
		List<String> publishedWithoutRegions = rows(published.issues()).stream().filter(s -> !s.contains(MaskQa.MULTIPLE_REGIONS)).toList();
		assertEquals(publishedWithoutRegions, withoutRegions);
		assertEquals(55, corrected.masksChecked());
		assertTrue(corrected.readErrors().isEmpty());
	}

	@Test
	void sameResultWithOneOrTwoThreads() {
		MaskQa.Result one = MaskQa.run(small, MaskQa.Options.DEFAULT, 1, ProgressMonitor.NONE);
		assertEquals(rows(corrected.issues()), rows(one.issues()));
	}

	@Test
	void writesThePublishedCsvFormat(@TempDir Path out) throws IOException {
		Path file = published.write(out);
		assertEquals(MaskQa.RESULTS_CSV, file.getFileName().toString());
		List<String> lines = Files.readAllLines(file);
		assertEquals("image,mask,issue,severity", lines.get(0));
		assertEquals(published.issues().rowCount() + 1, lines.size());
		// The published file goes through the same table model and writer byte for byte.
		Path ref = Fixtures.REFERENCE.resolve(MaskQa.RESULTS_CSV);
		Table t = CsvTables.read(ref);
		assertEquals(Arrays.asList(MaskQa.COLUMNS), t.columns());
		assertEquals(Files.readString(ref), CsvTables.format(t));
	}

	@Test
	void cancelStopsTheRun() {
		ProgressMonitor cancelAfterFive = new ProgressMonitor() {
			volatile long done;

			@Override
			public void progress(long d, long total, String message) {
				done = d;
			}

			@Override
			public boolean isCanceled() {
				return done >= 5;
			}
		};
		assertThrows(CanceledException.class, () -> MaskQa.run(small, MaskQa.Options.DEFAULT, 2, cancelAfterFive));
	}

	@Test
	void damagedCopyReportsEachProblemAndChecksAllOtherMasks(@TempDir Path dir) throws IOException {
		Path ds = copyFixture(dir);
		List<SegRecord> recs = small.records();
		// Masks from distinct images without edge cases: corrupted, truncated, missing, wrong md5, listed twice,
		// resized, grey levels.
		Set<String> edge = edgeCaseMasks().keySet();
		List<SegRecord> picks = new ArrayList<>();
		Set<String> images = new HashSet<>();
		for (SegRecord r : recs) if (!edge.contains(r.segFilename()) && images.add(r.imgFilename()) && picks.size() < 7) picks.add(r);
		SegRecord corrupted = picks.get(0), truncated = picks.get(1), missing = picks.get(2), wrongMd5 = picks.get(3),
			twice = picks.get(4), resized = picks.get(5), grey = picks.get(6);
		Path segs = ds.resolve("segs");

		byte[] png = Files.readAllBytes(segs.resolve(corrupted.segFilename()));
		png[png.length / 2] ^= 0x5a;
		Files.write(segs.resolve(corrupted.segFilename()), png);
		byte[] t = Files.readAllBytes(segs.resolve(truncated.segFilename()));
		Files.write(segs.resolve(truncated.segFilename()), Arrays.copyOf(t, t.length / 2));
		Files.delete(segs.resolve(missing.segFilename()));
		Files.write(segs.resolve(resized.segFilename()), png(BinaryMask.empty(10, 10), 0));
		BinaryMask g = readIndependently(grey.segFilename());
		Files.write(segs.resolve(grey.segFilename()), png(g, 128)); // lesion 255 with a band of 128

		Path meta = ds.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
		List<String> lines = new ArrayList<>(Files.readAllLines(meta));
		String badMd5 = new StringBuilder(wrongMd5.maskMd5()).reverse().toString();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(wrongMd5.segFilename())) lines.set(i, lines.get(i).replace(wrongMd5.maskMd5(), badMd5));
		}
		lines.add(String.join(",", Arrays.stream(twice.cells()).map(String::valueOf).toList()));
		int twiceLine = lines.size();
		Files.write(meta, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

		MaskQa.Result r;
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			r = MaskQa.run(d, MaskQa.Options.DEFAULT, 2, ProgressMonitor.NONE);
		}
		Map<String, List<String>> got = issuesByMask(r.issues());
		assertEquals(List.of(MaskQa.NOT_READABLE), got.get(corrupted.segFilename()));
		assertEquals(List.of(MaskQa.NOT_READABLE), got.get(truncated.segFilename()));
		assertEquals(List.of(MaskQa.NOT_READABLE), got.get(missing.segFilename()));
		assertEquals(3, r.readErrors().size());
		assertTrue(r.readErrors().stream().anyMatch(e -> e.contains(truncated.segFilename()) && e.contains("truncated")), r.readErrors().toString());
		assertTrue(r.readErrors().stream().anyMatch(e -> e.contains(corrupted.segFilename()) && e.contains("corrupted")), r.readErrors().toString());
		assertTrue(r.readErrors().stream().anyMatch(e -> e.contains(missing.segFilename()) && e.contains("not found")), r.readErrors().toString());

		assertEquals(List.of(MaskQa.MD5_MISMATCH + " (file " + wrongMd5.maskMd5() + ", metadata " + badMd5 + ")"), got.get(wrongMd5.segFilename()));
		assertEquals(List.of(MaskQa.LISTED_TWICE + " (line " + twiceLine + ")"), got.get(twice.segFilename()));
		List<String> resizedIssues = got.get(resized.segFilename());
		assertTrue(resizedIssues.contains(MaskQa.EMPTY), resizedIssues.toString());
		assertTrue(resizedIssues.stream().anyMatch(s -> s.startsWith(MaskQa.SIZE_VS_METADATA + " (mask 10x10, pixels_x × pixels_y ")), resizedIssues.toString());
		assertTrue(resizedIssues.stream().anyMatch(s -> s.startsWith(MaskQa.SIZE_VS_OTHERS + " (mask 10x10, others ")), resizedIssues.toString());
		assertTrue(got.get(grey.segFilename()).contains(MaskQa.NOT_TWO_VALUED + " (2 foreground values)"), got.get(grey.segFilename()).toString());

		// Every other mask is reported exactly as in the clean run.
		Set<String> touched = picks.stream().map(SegRecord::segFilename).collect(Collectors.toSet());
		List<String> clean = rows(corrected.issues()).stream().filter(s -> touched.stream().noneMatch(s::contains)).toList();
		List<String> damaged = rows(r.issues()).stream().filter(s -> touched.stream().noneMatch(s::contains)).toList();
		assertEquals(clean, damaged);
		assertEquals(55, r.masksChecked()); // the repeated row is reported, not checked twice
		// Severities as documented.
		Map<String, String> severity = new LinkedHashMap<>();
		for (Object[] row : r.issues().rows()) severity.put(((String) row[2]).replaceFirst(" \\(.*", ""), (String) row[3]);
		assertEquals("high", severity.get(MaskQa.NOT_READABLE));
		assertEquals("medium", severity.get(MaskQa.MD5_MISMATCH));
		assertEquals("medium", severity.get(MaskQa.LISTED_TWICE));
		assertEquals("high", severity.get(MaskQa.SIZE_VS_OTHERS));
		assertEquals("low", severity.get(MaskQa.NOT_TWO_VALUED));
		// The input copy is left as it was.
		assertFalse(Files.exists(segs.resolve(missing.segFilename())));
	}

	@Test
	void sizeTieWithoutImageMetadataFlagsBothMasks(@TempDir Path dir) throws IOException {
		Path ds = copyFixture(dir);
		Files.delete(ds.resolve("metadata").resolve(DatasetPaths.IMG_METADATA));
		// An image with exactly two masks: which one has the wrong size cannot be told.
		Map<String, List<SegRecord>> byImage = new LinkedHashMap<>();
		for (SegRecord r : small.records()) byImage.computeIfAbsent(r.imgFilename(), k -> new ArrayList<>()).add(r);
		List<SegRecord> pair = byImage.values().stream().filter(l -> l.size() == 2).findFirst().get();
		BinaryMask other = readIndependently(pair.get(0).segFilename());
		Files.write(ds.resolve("segs").resolve(pair.get(1).segFilename()), png(BinaryMask.empty(10, 10), 0));
		MaskQa.Result r;
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			r = MaskQa.run(d, MaskQa.Options.DEFAULT, 1, ProgressMonitor.NONE);
		}
		Map<String, List<String>> got = issuesByMask(r.issues());
		String big = other.width() + "x" + other.height();
		assertTrue(got.get(pair.get(0).segFilename()).contains(MaskQa.SIZE_VS_OTHERS + " (mask " + big + ", others 10x10)"));
		assertTrue(got.get(pair.get(1).segFilename()).contains(MaskQa.SIZE_VS_OTHERS + " (mask 10x10, others " + big + ")"));
		assertTrue(r.issues().rows().stream().noneMatch(row -> ((String) row[2]).startsWith(MaskQa.SIZE_VS_METADATA)));
	}

	@Test
	void masksInsideSegsZipGiveTheSameResults(@TempDir Path dir) throws IOException {
		Path ds = dir.resolve("ds");
		Files.createDirectories(ds.resolve("metadata"));
		Files.copy(Fixtures.SMALL.resolve("metadata").resolve(DatasetPaths.SEG_METADATA), ds.resolve("metadata").resolve(DatasetPaths.SEG_METADATA));
		Files.copy(Fixtures.SMALL.resolve("metadata").resolve(DatasetPaths.IMG_METADATA), ds.resolve("metadata").resolve(DatasetPaths.IMG_METADATA));
		// The Zenodo archive nests the masks in a folder.
		try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(ds.resolve("segs.zip")));
			Stream<Path> s = Files.list(Fixtures.SMALL.resolve("segs"))) {
			for (Path p : (Iterable<Path>) s::iterator) {
				zip.putNextEntry(new java.util.zip.ZipEntry("segs/" + p.getFileName()));
				zip.write(Files.readAllBytes(p));
				zip.closeEntry();
			}
		}
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			assertTrue(d.masks().location().toString().endsWith("segs.zip"));
			assertEquals(rows(corrected.issues()), rows(MaskQa.run(d, MaskQa.Options.DEFAULT, 2, ProgressMonitor.NONE).issues()));
		}
	}

	/** Writes {@code segs.zip} of the given (entry name, bytes) pairs, in order. */
	static void zip(Path file, List<Map.Entry<String, byte[]>> entries) throws IOException {
		try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
			for (var e : entries) {
				zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
	}

	@Test
	void segsFolderAndSegsZipBothPresentTheFolderIsReadAndDisagreementsAreReported(@TempDir Path dir) throws IOException {
		Path ds = copyFixture(dir);
		List<SegRecord> recs = small.records();
		SegRecord changed = recs.get(0), absent = recs.get(1);
		// The zip: every mask as in segs/, except one re-encoded with a grey band and one left out.
		byte[] other = png(readIndependently(changed.segFilename()), 128);
		List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
		try (Stream<Path> s = Files.list(ds.resolve("segs")).sorted()) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String n = p.getFileName().toString();
				if (n.equals(absent.segFilename())) continue;
				entries.add(Map.entry("segs/" + n, n.equals(changed.segFilename()) ? other : Files.readAllBytes(p)));
			}
		}
		zip(ds.resolve("segs.zip"), entries);
		byte[] folderBytes = Files.readAllBytes(ds.resolve("segs").resolve(changed.segFilename()));
		java.util.zip.CRC32 a = new java.util.zip.CRC32(), b = new java.util.zip.CRC32();
		a.update(folderBytes);
		b.update(other);
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			assertEquals(ds.resolve("segs").toAbsolutePath().normalize(), d.masks().location());
			assertEquals("Masks are read from " + ds.resolve("segs").toAbsolutePath().normalize() + "; " + ds.resolve("segs.zip").toAbsolutePath().normalize()
				+ " is also present and is not read", d.masks().sourceNote());
			MaskQa.Result r = MaskQa.run(d, MaskQa.Options.DEFAULT, 2, ProgressMonitor.NONE);
			Map<String, List<String>> got = issuesByMask(r.issues());
			String differs = String.format("%s (segs/ %d bytes, CRC-32 %08x; segs.zip %d bytes, CRC-32 %08x; read: segs/)", MaskQa.SOURCES_DIFFER, folderBytes.length,
				a.getValue(), other.length, b.getValue());
			assertTrue(got.get(changed.segFilename()).contains(differs), got.get(changed.segFilename()).toString());
			assertTrue(got.get(absent.segFilename()).contains(MaskQa.SOURCES_DIFFER + " (absent from segs.zip; read: segs/)"), got.get(absent.segFilename()).toString());
			assertTrue(r.issues().rows().stream().filter(row -> ((String) row[2]).startsWith(MaskQa.SOURCES_DIFFER)).allMatch(row -> row[3].equals(MaskQa.MEDIUM)));
			// Every other row as in the clean run; the published output unchanged.
			List<String> clean = rows(corrected.issues()).stream().filter(x -> !x.contains(MaskQa.SOURCES_DIFFER)).toList();
			assertEquals(clean, rows(r.issues()).stream().filter(x -> !x.contains(MaskQa.SOURCES_DIFFER)).toList());
			assertEquals(rows(published.issues()), rows(MaskQa.run(d, MaskQa.Options.PUBLISHED, 2, ProgressMonitor.NONE).issues()));

			// The pipeline's QA says the same, and its run manifest names the source read.
			Path out = dir.resolve("out");
			org.imapp.pipeline.Pipeline.run(d, out, org.imapp.pipeline.Pipeline.Settings.of(List.of(new org.imapp.pipeline.QaStep(MaskQa.Options.DEFAULT))).withThreads(1),
				ProgressMonitor.NONE);
			assertEquals(CsvTables.format(r.issues()), Files.readString(out.resolve("metadata").resolve(MaskQa.RESULTS_CSV)));
			assertTrue(Files.readString(out.resolve(".checkpoint").resolve("run.json")).contains("is also present and is not read"));
		}
	}

	@Test
	void twoZipEntriesOfOneNameAreReportedAndWhichOneIsRead(@TempDir Path dir) throws IOException {
		Path ds = dir.resolve("ds");
		Files.createDirectories(ds.resolve("metadata"));
		for (String f : new String[] { DatasetPaths.SEG_METADATA, DatasetPaths.IMG_METADATA }) {
			Files.copy(Fixtures.SMALL.resolve("metadata").resolve(f), ds.resolve("metadata").resolve(f));
		}
		List<SegRecord> recs = small.records();
		SegRecord same = recs.get(0), differ = recs.get(1);
		Path segs = Fixtures.SMALL.resolve("segs");
		byte[] grey = png(readIndependently(differ.segFilename()), 128);
		List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
		try (Stream<Path> s = Files.list(segs).sorted()) {
			for (Path p : (Iterable<Path>) s::iterator) entries.add(Map.entry("segs/" + p.getFileName(), Files.readAllBytes(p)));
		}
		// The same bytes twice under one full name (ZipOutputStream refuses that: written under a
		// name of the same length, renamed in the archive's bytes); two different files of one
		// name in two folders.
		String twin = "segs/" + same.segFilename().replace(".png", ".pnX");
		entries.add(Map.entry(twin, Files.readAllBytes(segs.resolve(same.segFilename()))));
		entries.add(Map.entry("copy/" + differ.segFilename(), grey));
		zip(ds.resolve("segs.zip"), entries);
		String archive = new String(Files.readAllBytes(ds.resolve("segs.zip")), StandardCharsets.ISO_8859_1);
		assertEquals(2, archive.split(java.util.regex.Pattern.quote(twin), -1).length - 1); // local header and central directory
		Files.write(ds.resolve("segs.zip"), archive.replace(twin, "segs/" + same.segFilename()).getBytes(StandardCharsets.ISO_8859_1));
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			MaskQa.Result r = MaskQa.run(d, MaskQa.Options.DEFAULT, 2, ProgressMonitor.NONE);
			Map<String, String> severity = new LinkedHashMap<>();
			Map<String, String> issue = new LinkedHashMap<>();
			for (Object[] row : r.issues().rows()) {
				if (((String) row[2]).startsWith(MaskQa.DUPLICATE_ENTRIES)) {
					issue.put((String) row[1], (String) row[2]);
					severity.put((String) row[1], (String) row[3]);
				}
			}
			assertEquals(Set.of(same.segFilename(), differ.segFilename()), issue.keySet());
			assertEquals(MaskQa.LOW, severity.get(same.segFilename()));
			assertEquals(MaskQa.HIGH, severity.get(differ.segFilename()));
			String zipPath = ds.resolve("segs.zip").toAbsolutePath().normalize().toString();
			assertTrue(issue.get(same.segFilename()).startsWith(MaskQa.DUPLICATE_ENTRIES + " (2 entries, identical: segs/" + same.segFilename() + " ("), issue.get(same.segFilename()));
			assertTrue(issue.get(same.segFilename()).endsWith("; read: " + zipPath + "!segs/" + same.segFilename() + ")"), issue.get(same.segFilename()));
			assertTrue(issue.get(differ.segFilename()).startsWith(MaskQa.DUPLICATE_ENTRIES + " (2 entries, contents differ: segs/" + differ.segFilename() + " ("),
				issue.get(differ.segFilename()));
			assertTrue(issue.get(differ.segFilename()).contains(", copy/" + differ.segFilename() + " (" + grey.length + " bytes, CRC-32 "), issue.get(differ.segFilename()));
			// The first folder's file is the one read: its checks are the clean run's.
			List<String> clean = rows(corrected.issues());
			assertEquals(clean, rows(r.issues()).stream().filter(x -> !x.contains(MaskQa.DUPLICATE_ENTRIES)).toList());
			assertEquals(rows(published.issues()), rows(MaskQa.run(d, MaskQa.Options.PUBLISHED, 2, ProgressMonitor.NONE).issues()));
		}
	}

	/** An 8-bit grey PNG: foreground 255, and {@code band} (if non-zero) on the first foreground row. */
	static byte[] png(BinaryMask m, int band) throws IOException {
		BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_BYTE_GRAY);
		boolean banded = false;
		for (int y = 0; y < m.height(); y++) {
			boolean any = false;
			for (int x = 0; x < m.width(); x++) {
				if (!m.get(x, y)) continue;
				any = true;
				img.getRaster().setSample(x, y, 0, band != 0 && !banded ? band : 255);
			}
			banded |= any;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(img, "png", out);
		return out.toByteArray();
	}

	static Path copyFixture(Path dir) throws IOException {
		Path ds = dir.resolve("ds");
		for (String sub : new String[] { "segs", "metadata", "images" }) {
			Path from = Fixtures.SMALL.resolve(sub);
			Files.createDirectories(ds.resolve(sub));
			try (Stream<Path> s = Files.list(from)) {
				for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, ds.resolve(sub).resolve(p.getFileName()));
			}
		}
		return ds;
	}
}
