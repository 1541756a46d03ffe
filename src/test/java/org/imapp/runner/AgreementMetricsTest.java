package org.imapp.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.PairMetrics;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgreementMetricsTest {

	static final Path CONSENSUS = Fixtures.SMALL.resolve("expected/consensus");
	static Table expected;
	static Table computed;

	@BeforeAll
	static void computeFixture() throws IOException {
		expected = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		try (Dataset ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			var rows = AgreementMetrics.compute(ds, AgreementMetrics.ConsensusSource.folder(CONSENSUS), MetricOptions.DEFAULT, 2, ProgressMonitor.NONE);
			computed = AgreementMetrics.table(rows, MetricOptions.DEFAULT);
		}
	}

	/**
	 * The fixture's reference file lists each image's pairs in combination order (images sorted);
	 * the published IMA++ file is additionally sorted, stably, by (img_id, mask1). The table
	 * follows the published order, so the reference is compared after the same stable sort;
	 * {@link #combinationOrderIsTheFixtureOrder} checks the order before sorting.
	 */
	@Test
	void fixtureTableMatchesReferenceRowByRow() {
		Table ref = new Table(expected.columns());
		expected.rows().forEach(ref::addRow);
		int img = ref.indexOf("img_id"), m1 = ref.indexOf("mask1");
		ref.sort(java.util.Comparator.comparing((Object[] r) -> (String) r[img]).thenComparing(r -> (String) r[m1]));
		assertEquals(ref.rowCount(), computed.rowCount());
		assertEquals(AgreementMetrics.PUBLISHED_COLUMNS, computed.columns().subList(0, 17));
		assertEquals(ref.columns(), computed.columns().subList(0, 17));
		int numeric = 0, identical = 0;
		for (int r = 0; r < ref.rowCount(); r++) {
			for (String key : List.of("img_id", "mask1", "mask2", "annotator1", "annotator2", "tool1", "skill_level1", "tool2", "skill_level2")) {
				assertEquals(ref.getString(r, key), computed.getString(r, key), "row " + r + " " + key);
			}
			for (String m : AgreementMetrics.METRIC_COLUMNS) {
				String want = ref.getString(r, m);
				String where = "row " + r + " " + ref.getString(r, "mask1") + " / " + ref.getString(r, "mask2") + " " + m;
				String got = CsvTables.cell(computed.get(r, m));
				if (want.isEmpty()) {
					assertEquals("", got, where + " should be empty");
					continue;
				}
				double w = Double.parseDouble(want);
				assertEquals(w, computed.getDouble(r, m), 1e-9 * Math.max(1, Math.abs(w)), where);
				numeric++;
				if (want.equals(got)) identical++;
			}
		}
		assertEquals(1380, numeric);
		System.out.printf("fixture pairwise table: %d rows, %d of %d numbers written identically%n", ref.rowCount(), identical, numeric);
	}

	@Test
	void combinationOrderIsTheFixtureOrder() throws IOException {
		try (Dataset ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			var source = AgreementMetrics.ConsensusSource.folder(CONSENSUS);
			int r = 0;
			for (var g : ds.multiAnnotatorGroups()) {
				List<AgreementMetrics.NamedMask> masks = new java.util.ArrayList<>();
				for (SegRecord rec : g.annotatorMasks()) masks.add(new AgreementMetrics.NamedMask(rec, ds.masks().read(rec.segFilename())));
				masks.addAll(source.masks(g, masks));
				for (var row : AgreementMetrics.forImage(g.imgFilename(), masks, MetricOptions.DEFAULT)) {
					assertEquals(expected.getString(r, "mask1"), row.mask1().segFilename(), "row " + r);
					assertEquals(expected.getString(r, "mask2"), row.mask2().segFilename(), "row " + r);
					r++;
				}
			}
			assertEquals(expected.rowCount(), r);
		}
	}

	@Test
	void fixtureEmptyMaskRowsCarryANote() {
		int notes = 0;
		for (int r = 0; r < computed.rowCount(); r++) {
			String note = computed.getString(r, "note");
			if (computed.getString(r, "mask2").contains("_A08_") && computed.getString(r, "img_id").equals("ISIC_0022678.JPG")) {
				assertEquals("mask2 is empty", note);
				notes++;
			}
			else if (computed.getString(r, "mask1").contains("ISIC_0022678_A08_")) {
				assertEquals("mask1 is empty", note);
				notes++;
			}
			else assertEquals("", note, "row " + r);
		}
		assertEquals(4, notes);
	}

	@Test
	void resultIsTheSameForOneAndManyThreads() throws IOException {
		try (Dataset ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			var one = AgreementMetrics.compute(ds, AgreementMetrics.ConsensusSource.folder(CONSENSUS), MetricOptions.DEFAULT, 1, ProgressMonitor.NONE);
			var many = AgreementMetrics.compute(ds, AgreementMetrics.ConsensusSource.folder(CONSENSUS), MetricOptions.DEFAULT, 5, ProgressMonitor.NONE);
			assertEquals(CsvTables.format(AgreementMetrics.table(one, MetricOptions.DEFAULT)), CsvTables.format(AgreementMetrics.table(many, MetricOptions.DEFAULT)));
			assertEquals(CsvTables.format(computed), CsvTables.format(AgreementMetrics.table(many, MetricOptions.DEFAULT)));
		}
	}

	@Test
	void progressIsReportedAndCancelStops() throws IOException {
		try (Dataset ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			AtomicInteger calls = new AtomicInteger();
			AgreementMetrics.compute(ds, AgreementMetrics.ConsensusSource.folder(CONSENSUS), MetricOptions.DEFAULT, 2, (d, t, m) -> {
				assertEquals(24, t);
				calls.incrementAndGet();
			});
			assertEquals(24, calls.get());
			AtomicInteger seen = new AtomicInteger();
			ProgressMonitor cancelAfterThree = new ProgressMonitor() {
				@Override
				public void progress(long done, long total, String message) {
					seen.incrementAndGet();
				}

				@Override
				public boolean isCanceled() {
					return seen.get() >= 3;
				}
			};
			assertThrows(CanceledException.class,
				() -> AgreementMetrics.compute(ds, AgreementMetrics.ConsensusSource.folder(CONSENSUS), MetricOptions.DEFAULT, 1, cancelAfterThree));
			assertTrue(seen.get() < 24);
		}
	}

	@Test
	void extraColumnsFollowTheOptions() {
		var opts = MetricOptions.DEFAULT.withSpacing(0.05).withNsdTolerance(2).withHd95(MetricOptions.Hd95Variant.MAX_DIRECTED)
			.withAssd(MetricOptions.AssdVariant.MEAN_OF_DIRECTED);
		BinaryMask a = BinaryMask.empty(20, 10), b = BinaryMask.empty(20, 10);
		for (int y = 2; y < 8; y++) for (int x = 2; x < 10; x++) a.set(x, y, true);
		for (int y = 2; y < 8; y++) for (int x = 5; x < 15; x++) b.set(x, y, true);
		var rows = AgreementMetrics.forImage("ISIC_0000001.JPG", List.of(named("ISIC_0000001_A01_T1_S2_x.png", "A01", a), named("ISIC_0000001_A02_T3_S1_y.png", "A02", b)), opts);
		Table t = AgreementMetrics.table(rows, opts);
		assertEquals(List.of("note", "nsd_score", "nsd_tolerance_px", "hd_mm", "hd95_mm", "assd_mm", "nsd_tolerance_mm"), t.columns().subList(17, 24));
		PairMetrics p = rows.get(0).metrics();
		assertEquals(p.hd95MaxDirected(), t.getDouble(0, "hd95_score"));
		assertEquals(p.masd(), t.getDouble(0, "assd_score"));
		assertEquals(p.hd() * 0.05, t.getDouble(0, "hd_mm"));
		assertEquals(2.0, t.getDouble(0, "nsd_tolerance_px"));
		assertEquals("T1", t.getString(0, "tool1"));
		assertEquals("S1", t.getString(0, "skill_level2"));
		// right edges are 5 columns apart (x 9 and 14), left edges 3 (x 2 and 5)
		assertEquals(5.0, t.getDouble(0, "hd_score"));
		assertEquals(p.nsd(), t.getDouble(0, "nsd_score"));
	}

	@Test
	void sizeMismatchNamesBothMasks() {
		var e = assertThrows(IllegalArgumentException.class, () -> AgreementMetrics.forImage("ISIC_0000001.JPG",
			List.of(named("ISIC_0000001_A01_T1_S2_x.png", "A01", BinaryMask.empty(5, 5)), named("ISIC_0000001_A02_T3_S1_y.png", "A02", BinaryMask.empty(5, 6))),
			MetricOptions.DEFAULT));
		assertTrue(e.getMessage().contains("ISIC_0000001_A01_T1_S2_x.png") && e.getMessage().contains("ISIC_0000001_A02_T3_S1_y.png"), e.getMessage());
	}

	@Test
	void missingConsensusMaskIsAnErrorNamingTheFileAndAbsentConsensusIsComputed(@TempDir Path tmp) throws IOException {
		Files.copy(CONSENSUS.resolve("ISIC_0000230_ST_ST_ST_ST.png"), tmp.resolve("ISIC_0000230_ST_ST_ST_ST.png"));
		try (Dataset ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			var e = assertThrows(IOException.class,
				() -> AgreementMetrics.compute(ds, AgreementMetrics.ConsensusSource.folder(tmp), MetricOptions.DEFAULT, 2, ProgressMonitor.NONE));
			assertTrue(e.getMessage().contains("_MV_MV_MV_MV.png") || e.getMessage().contains("_ST_ST_ST_ST.png"), e.getMessage());
			// Without a folder or ST/MV rows, consensus masks are made on the fly: the ITK masks of the fixture, pixel for pixel.
			var g = ds.multiAnnotatorGroups().get(0);
			List<AgreementMetrics.NamedMask> annotators = new java.util.ArrayList<>();
			for (var r : g.annotatorMasks()) annotators.add(new AgreementMetrics.NamedMask(r, ds.masks().read(r.segFilename())));
			var made = AgreementMetrics.ConsensusSource.choose(ds, null).masks(g, annotators);
			assertEquals(List.of(g.isicId() + "_ST_ST_ST_ST.png", g.isicId() + "_MV_MV_MV_MV.png"), made.stream().map(m -> m.record().segFilename()).toList());
			for (var m : made) org.junit.jupiter.api.Assertions.assertArrayEquals(org.imapp.mask.MaskIO.read(CONSENSUS.resolve(m.record().segFilename())).data(), m.mask().data());
		}
	}

	@Test
	void unparseableMaskNameIsAnError() {
		var rows = AgreementMetrics.forImage("x.JPG", List.of(named("odd_name.png", "A01", BinaryMask.empty(3, 3)), named("ISIC_1_A02_T1_S1_y.png", "A02", BinaryMask.empty(3, 3))),
			MetricOptions.DEFAULT);
		var e = assertThrows(IllegalArgumentException.class, () -> AgreementMetrics.table(rows, MetricOptions.DEFAULT));
		assertTrue(e.getMessage().contains("odd_name.png"));
	}

	static AgreementMetrics.NamedMask named(String file, String annotator, BinaryMask m) {
		return new AgreementMetrics.NamedMask(new SegRecord(0, "ISIC_0000001", "ISIC_0000001.JPG", file, annotator, "T1", "S1", "id", "md5"), m);
	}
}
