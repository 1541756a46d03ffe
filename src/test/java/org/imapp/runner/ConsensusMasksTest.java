package org.imapp.runner;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imapp.Fixtures;
import org.imapp.consensus.Staple;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsensusMasksTest {

	private static final Path EXPECTED = Fixtures.SMALL.resolve("expected");

	private static ConsensusMasks.Settings settings(ConsensusMasks.Method m, int threads) {
		return new ConsensusMasks.Settings(m, Staple.Parameters.DEFAULT, threads);
	}

	private static Map<String, String> md5s(Path dir) throws Exception {
		Map<String, String> m = new HashMap<>();
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) m.put(dir.relativize(p).toString(), org.imapp.io.Md5.of(Files.readAllBytes(p)));
		}
		return m;
	}

	@Test
	void fixtureDatasetGivesItkMasksMetadataAndRaterTables(@TempDir Path tmp) throws Exception {
		Map<String, String> inputsBefore = md5s(Fixtures.SMALL.resolve("metadata"));
		Path out = tmp.resolve("out");
		ConsensusMasks.Result result;
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			result = ConsensusMasks.run(d, out, settings(ConsensusMasks.Method.BOTH, 1), ProgressMonitor.NONE);
		}
		assertEquals(24, result.done());
		assertTrue(result.skippedImages().isEmpty());
		assertEquals(inputsBefore, md5s(Fixtures.SMALL.resolve("metadata")), "inputs untouched");

		// Masks: pixel-identical to SimpleITK's.
		try (var files = Files.newDirectoryStream(EXPECTED.resolve("consensus"), "*_??_??_??_??.png")) {
			int n = 0;
			for (Path expected : files) {
				Path actual = out.resolve("consensus").resolve(expected.getFileName());
				assertEquals(MaskIO.read(expected), MaskIO.read(actual), expected.getFileName().toString());
				n++;
			}
			assertEquals(48, n);
		}

		// Metadata copies: the inputs plus ST, MV rows per image in first-appearance order, MD5 of the written files.
		for (String name : new String[] { DatasetPaths.SEG_METADATA, DatasetPaths.SUBSET_METADATA }) {
			Table in = CsvTables.read(Fixtures.SMALL.resolve("metadata").resolve(name));
			Table copy = CsvTables.read(out.resolve("metadata").resolve(name));
			assertEquals(in.columns(), copy.columns());
			assertEquals(in.rowCount() + 48, copy.rowCount(), name);
			for (int r = 0; r < in.rowCount(); r++) assertArrayEquals(in.rows().get(r), copy.rows().get(r));
			List<String> order = new ArrayList<>();
			for (int r = 0; r < in.rowCount(); r++) if (!order.contains(in.getString(r, "ISIC_id"))) order.add(in.getString(r, "ISIC_id"));
			for (int i = 0; i < 24; i++) {
				for (int j = 0; j < 2; j++) {
					int r = in.rowCount() + 2 * i + j;
					String kind = j == 0 ? "ST" : "MV";
					String id = order.get(i);
					assertEquals(id, copy.getString(r, "ISIC_id"));
					assertEquals(id + ".JPG", copy.getString(r, "img_filename"));
					assertEquals(SegRecord.consensusFilename(id, kind), copy.getString(r, "seg_filename"));
					for (String col : new String[] { "annotator", "tool", "skill_level", "mskObjectID" }) assertEquals(kind, copy.getString(r, col));
					byte[] file = Files.readAllBytes(out.resolve("consensus").resolve(copy.getString(r, "seg_filename")));
					assertEquals(org.imapp.io.Md5.of(file), copy.getString(r, "mask_md5"));
				}
			}
		}

		// Rater table: ITK's estimates (exact), per image in metadata order.
		Table perf = CsvTables.read(out.resolve(ConsensusMasks.PERFORMANCE_CSV));
		Table ref = CsvTables.read(EXPECTED.resolve("staple_raters.csv"));
		assertEquals(List.of("img_id", "seg_filename", "annotator", "tool", "skill_level", "sensitivity", "specificity", "iterations"), perf.columns());
		assertEquals(ref.rowCount(), perf.rowCount());
		for (int r = 0; r < ref.rowCount(); r++) {
			assertEquals(ref.getString(r, "seg_filename"), perf.getString(r, "seg_filename"));
			assertEquals(ref.getString(r, "img_id"), perf.getString(r, "img_id"));
			assertEquals(ref.getDouble(r, "sensitivity"), perf.getDouble(r, "sensitivity"), 1e-9);
			assertEquals(ref.getDouble(r, "specificity"), perf.getDouble(r, "specificity"), 1e-9);
			assertEquals(ref.getString(r, "iterations"), perf.getString(r, "iterations"));
			assertEquals(perf.getString(r, "seg_filename").split("_")[2], perf.getString(r, "annotator"));
		}
		// Summary: mean per annotator over its masks.
		Table sum = CsvTables.read(out.resolve(ConsensusMasks.SUMMARY_CSV));
		for (int r = 0; r < sum.rowCount(); r++) {
			String a = sum.getString(r, "annotator");
			double total = 0;
			int n = 0;
			for (int i = 0; i < perf.rowCount(); i++) {
				if (perf.getString(i, "annotator").equals(a)) {
					total += perf.getDouble(i, "sensitivity");
					n++;
				}
			}
			assertEquals(n, Integer.parseInt(sum.getString(r, "masks")));
			assertEquals(total / n, sum.getDouble(r, "mean_sensitivity"), 1e-15);
		}
		assertEquals(List.of("A00", "A01", "A02", "A03", "A04", "A05", "A06", "A08"), sum.rows().stream().map(x -> x[0].toString()).toList());
	}

	@Test
	void outputsDoNotDependOnThreadCount(@TempDir Path tmp) throws Exception {
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			ConsensusMasks.run(d, tmp.resolve("one"), settings(ConsensusMasks.Method.BOTH, 1), ProgressMonitor.NONE);
			ConsensusMasks.run(d, tmp.resolve("four"), settings(ConsensusMasks.Method.BOTH, 4), ProgressMonitor.NONE);
		}
		Map<String, String> one = md5s(tmp.resolve("one")), four = md5s(tmp.resolve("four"));
		assertEquals(53, one.size()); // 48 masks, 2 metadata copies, 3 tables
		assertEquals(one, four);
	}

	@Test
	void badMasksAreReportedAndTheOtherImagesStillDone(@TempDir Path tmp) throws Exception {
		Path ds = tmp.resolve("ds");
		copy(Fixtures.SMALL.resolve("metadata"), ds.resolve("metadata"));
		copy(Fixtures.SMALL.resolve("segs"), ds.resolve("segs"));
		// ISIC_0000449 (2 masks): one corrupt → fewer than 2 readable masks.
		Path corrupt = ds.resolve("segs/ISIC_0000449_A06_T3_S1_54cd9e74bae47819d8e4ccc6.png");
		byte[] b = Files.readAllBytes(corrupt);
		Files.write(corrupt, java.util.Arrays.copyOf(b, b.length / 2));
		// ISIC_0003097 (2 masks): one replaced by a mask of another size.
		Path resized = ds.resolve("segs/ISIC_0003097_A05_T3_S1_566740e99fc3c14011cd7291.png");
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		MaskIO.writePng(BinaryMask.empty(7, 5), png);
		Files.write(resized, png.toByteArray());
		// ISIC_0000230 (4 masks): one missing → consensus of the other three.
		Files.delete(ds.resolve("segs/ISIC_0000230_A02_T3_S1_57c048eb9fc3c158f2bd0e2e.png"));

		ConsensusMasks.Result r;
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			r = ConsensusMasks.run(d, tmp.resolve("out"), settings(ConsensusMasks.Method.BOTH, 2), ProgressMonitor.NONE);
		}
		assertEquals(22, r.done());
		List<String> skipped = r.skippedImages().stream().map(o -> o.image().isicId()).toList();
		assertEquals(List.of("ISIC_0000449", "ISIC_0003097"), skipped);
		String text = CsvTables.format(r.skipped());
		assertTrue(text.contains("ISIC_0000449_A06_T3_S1_54cd9e74bae47819d8e4ccc6.png") && text.contains("truncated"), text);
		assertTrue(text.contains("ISIC_0003097_A05_T3_S1_566740e99fc3c14011cd7291.png") && text.contains("7x5"), text);
		assertTrue(text.contains("ISIC_0000230_A02_T3_S1_57c048eb9fc3c158f2bd0e2e.png") && text.contains("not found"), text);
		assertFalse(Files.exists(tmp.resolve("out/consensus/ISIC_0000449_ST_ST_ST_ST.png")));
		var o230 = r.images().get(0);
		assertEquals("ISIC_0000230", o230.image().isicId());
		assertEquals(3, o230.raters().size());
		assertEquals(3, o230.sensitivity().length);
		Table perf = CsvTables.read(tmp.resolve("out").resolve(ConsensusMasks.PERFORMANCE_CSV));
		assertEquals(55 - 1 - 2 - 2, perf.rowCount());
		Table seg = CsvTables.read(tmp.resolve("out/metadata").resolve(DatasetPaths.SEG_METADATA));
		assertEquals(55 + 44, seg.rowCount());
	}

	@Test
	void stapleOnlyAndRerunOnOwnOutputDoNotDuplicateRows(@TempDir Path tmp) throws Exception {
		Path first = tmp.resolve("first");
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			ConsensusMasks.Result r = ConsensusMasks.run(d, first, settings(ConsensusMasks.Method.STAPLE, 2), ProgressMonitor.NONE);
			assertNull(r.images().get(0).majorityRow());
		}
		try (var files = Files.list(first.resolve("consensus"))) {
			assertTrue(files.allMatch(p -> p.getFileName().toString().contains("_ST_")));
		}
		// Feed the written metadata (with ST rows) back in: the consensus rows are replaced, not fed to STAPLE.
		Path ds = tmp.resolve("ds");
		copy(first.resolve("metadata"), ds.resolve("metadata"));
		copy(Fixtures.SMALL.resolve("segs"), ds.resolve("segs"));
		try (Dataset d = Dataset.load(DatasetPaths.of(ds))) {
			ConsensusMasks.Result r = ConsensusMasks.run(d, tmp.resolve("second"), settings(ConsensusMasks.Method.MAJORITY_VOTE, 2), ProgressMonitor.NONE);
			assertEquals(24, r.done());
			assertEquals(0, r.annotatorPerformance().rowCount());
		}
		Table seg = CsvTables.read(tmp.resolve("second/metadata").resolve(DatasetPaths.SEG_METADATA));
		assertEquals(55 + 24, seg.rowCount());
		assertEquals("MV", seg.getString(55, "annotator"));
		assertFalse(Files.exists(tmp.resolve("second").resolve(ConsensusMasks.PERFORMANCE_CSV)));
		assertEquals(ConsensusMasks.Method.MAJORITY_VOTE, ConsensusMasks.Method.parse("Majority Vote"));
		assertThrows(IllegalArgumentException.class, () -> ConsensusMasks.Method.parse("mean"));
	}

	@Test
	void outputOverTheInputIsRefused(@TempDir Path tmp) throws Exception {
		copy(Fixtures.SMALL.resolve("metadata"), tmp.resolve("metadata"));
		copy(Fixtures.SMALL.resolve("segs"), tmp.resolve("segs"));
		byte[] before = Files.readAllBytes(tmp.resolve("metadata").resolve(DatasetPaths.SEG_METADATA));
		try (Dataset d = Dataset.load(DatasetPaths.of(tmp))) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> ConsensusMasks.run(d, tmp, settings(ConsensusMasks.Method.BOTH, 1), ProgressMonitor.NONE));
			assertTrue(e.getMessage().contains(DatasetPaths.SEG_METADATA), e.getMessage());
		}
		assertArrayEquals(before, Files.readAllBytes(tmp.resolve("metadata").resolve(DatasetPaths.SEG_METADATA)));
		assertFalse(Files.exists(tmp.resolve("consensus")));
	}

	@Test
	void cancelStopsBeforeTablesAreWritten(@TempDir Path tmp) throws Exception {
		ProgressMonitor cancelAtOnce = new ProgressMonitor() {
			@Override
			public void progress(long done, long total, String message) {}

			@Override
			public boolean isCanceled() {
				return true;
			}
		};
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			assertThrows(CanceledException.class, () -> ConsensusMasks.run(d, tmp, settings(ConsensusMasks.Method.BOTH, 2), cancelAtOnce));
		}
		assertFalse(Files.exists(tmp.resolve(ConsensusMasks.PERFORMANCE_CSV)));
		assertFalse(Files.exists(tmp.resolve("metadata")));
	}

	private static void copy(Path from, Path to) throws Exception {
		Files.createDirectories(to);
		try (var files = Files.list(from)) {
			for (Path p : (Iterable<Path>) files::iterator) Files.copy(p, to.resolve(p.getFileName()));
		}
	}
}
