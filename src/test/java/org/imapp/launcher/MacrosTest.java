package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import ij.gui.Roi;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.ij1.MaskRois;
import org.imapp.ij1.RoiSets;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.pipeline.MetricsStep;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every macro in {@code macros/} headless, through the same ij1-patcher path as
 * {@code ./imapp macro}, on a copy of the small fixture, and checks the files it writes against
 * {@code expected/}. Commands other helpers write are tested once they are on the class path.
 */
class MacrosTest {

	private static final Path MACROS = Path.of("macros");
	private static HeadlessImageJ ij;

	@BeforeAll
	static void start() {
		ij = TestImageJ.start();
	}

	@AfterAll
	static void stop() {
		ij.close();
	}

	private static String arg(Path dataset, Path output, String extra) {
		return "dataset=[" + dataset + "] output=[" + output + "]" + (extra == null ? "" : " " + extra);
	}

	private static void run(String macro, String argument) throws Exception {
		HeadlessImageJ.Outcome o = ij.runMacroFile(MACROS.resolve(macro), argument);
		assertTrue(o.ok(), macro + " failed: " + o.message());
	}

	@Test
	void everyShippedMacroHasATest() throws Exception {
		Set<String> shipped = new TreeSet<>();
		try (Stream<Path> s = Files.list(MACROS)) {
			s.filter(p -> p.toString().endsWith(".ijm")).forEach(p -> shipped.add(p.getFileName().toString()));
		}
		assertEquals(new TreeSet<>(List.of("imapp_pipeline.ijm", "imapp_consensus.ijm", "imapp_metrics.ijm", "imapp_export_rois.ijm")), shipped);
	}

	@Test
	void exportRoisWritesOneRoiSetPerImageWithPixelExactRois(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		var before = TestImageJ.snapshot(data);
		Path out = tmp.resolve("roi sets");
		run("imapp_export_rois.ijm", arg(data, out, "consensus=[" + data.resolve("expected/consensus") + "]"));
		assertEquals(before, TestImageJ.snapshot(data), "inputs modified");
		int rois = 0;
		try (Dataset ds = Dataset.load(DatasetPaths.of(data))) {
			assertEquals(24, ds.groups().size());
			for (ImageGroup g : ds.groups()) {
				List<Roi> set = RoiSets.read(out.resolve(g.isicId() + "_RoiSet.zip"));
				Map<String, Roi> byFile = new HashMap<>();
				for (Roi r : set) byFile.put(r.getProperty("seg_filename"), r);
				List<SegRecord> expectedRecords = new ArrayList<>(g.annotatorMasks());
				for (String kind : List.of(SegRecord.STAPLE, SegRecord.MAJORITY_VOTE)) {
					Path p = data.resolve("expected/consensus/" + SegRecord.consensusFilename(g.isicId(), kind));
					if (Files.exists(p)) expectedRecords.add(SegRecord.consensus(g.isicId(), g.imgFilename(), kind, ""));
				}
				for (SegRecord r : expectedRecords) {
					BinaryMask mask = r.isConsensus() ? MaskIO.read(data.resolve("expected/consensus/" + r.segFilename())) : ds.masks().read(r.segFilename());
					Roi roi = byFile.get(r.segFilename());
					if (mask.isEmpty()) {
						assertFalse(byFile.containsKey(r.segFilename()), "empty mask has no ROI: " + r.segFilename());
						continue;
					}
					assertTrue(roi != null, "ROI missing for " + r.segFilename());
					assertTrue(roi.getName().startsWith(r.label()), roi.getName() + " vs " + r.label());
					assertEquals(mask, MaskRois.toMask(roi, mask.width(), mask.height()), r.segFilename());
					rois++;
				}
				assertEquals(byFile.size(), set.size());
			}
		}
		// 55 annotator masks (one empty) + 48 consensus masks.
		assertEquals(54 + 48, rois);
		Table summary = CsvTables.read(out.resolve("roi_export.csv"));
		assertEquals(55 + 48, summary.rowCount());
	}

	@Test
	void bareDatasetArgumentWritesBesideTheDataset(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		run("imapp_export_rois.ijm", data.toString());
		assertTrue(Files.isRegularFile(tmp.resolve("imapp-results/rois/ISIC_0015171_RoiSet.zip")));
	}

	@Test
	void consensusMacroReproducesTheItkMasks(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		var before = TestImageJ.snapshot(data);
		Path out = tmp.resolve("results");
		run("imapp_consensus.ijm", arg(data, out, null));
		assertEquals(before, TestImageJ.snapshot(data), "inputs modified");
		assertConsensusAsExpected(out);
	}

	@Test
	void metricsMacroReproducesMedpy(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		Path out = tmp.resolve("results");
		run("imapp_metrics.ijm", arg(data, out, "consensus=[" + data.resolve("expected/consensus") + "]"));
		assertPairwiseMetricsAsExpected(out);
	}

	/**
	 * The README's two-step flow: consensus, then metrics into the same output (the metrics macro
	 * finds {@code output/consensus}); and {@code consensus=} naming a Consensus Masks output
	 * folder rather than its {@code consensus/} subfolder.
	 */
	@Test
	void consensusThenMetricsIntoOneOutput(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		Path out = tmp.resolve("results");
		run("imapp_consensus.ijm", arg(data, out, null));
		run("imapp_metrics.ijm", arg(data, out, null));
		assertPairwiseMetricsAsExpected(out);
		Path other = tmp.resolve("metrics elsewhere");
		run("imapp_metrics.ijm", arg(data, other, "consensus=[" + out + "]"));
		assertPairwiseMetricsAsExpected(other);
	}

	@Test
	void pipelineMacroWritesConsensusAndMetrics(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		var before = TestImageJ.snapshot(data);
		Path out = tmp.resolve("results");
		run("imapp_pipeline.ijm", arg(data, out, null));
		assertEquals(before, TestImageJ.snapshot(data), "inputs modified");
		// Run Pipeline's layout: consensus/ as IMA++ Consensus Masks writes it, the metric tables under metrics/.
		assertConsensusAsExpected(out);
		assertPairwiseMetricsAsExpected(out.resolve(MetricsStep.FOLDER));
		assertTrue(Files.isRegularFile(out.resolve("metadata/IMAplusplus_seg_metadata.csv")));
		// consensus= may name a Run Pipeline output folder: its consensus/ is used.
		Path metrics = tmp.resolve("metrics");
		run("imapp_metrics.ijm", arg(data, metrics, "consensus=[" + out + "]"));
		assertPairwiseMetricsAsExpected(metrics);
	}

	/** Every expected ST/MV mask has a pixel-identical counterpart in {@code out/consensus}. */
	static void assertConsensusAsExpected(Path out) throws Exception {
		int n = 0;
		try (Stream<Path> s = Files.list(Fixtures.SMALL.resolve("expected/consensus"))) {
			for (Path p : (Iterable<Path>) s.filter(q -> q.toString().endsWith(".png"))::iterator) {
				Path mine = out.resolve("consensus").resolve(p.getFileName());
				assertTrue(Files.isRegularFile(mine), "missing " + mine);
				assertEquals(MaskIO.read(p), MaskIO.read(mine), p.getFileName().toString());
				n++;
			}
		}
		assertEquals(48, n);
	}

	/** The pairwise table joins expected/IAA_metrics.csv row for row, values within 1e-9, same empty cells. */
	static void assertPairwiseMetricsAsExpected(Path out) throws Exception {
		Table expected = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		Table mine = CsvTables.read(out.resolve("IMAplusplus_multiannotator_subset_IAA_metrics.csv"));
		Map<String, Integer> rowOf = new HashMap<>();
		for (int r = 0; r < mine.rowCount(); r++) rowOf.put(key(mine, r), r);
		assertEquals(expected.rowCount(), mine.rowCount(), "pairs");
		for (int r = 0; r < expected.rowCount(); r++) {
			Integer m = rowOf.get(key(expected, r));
			assertTrue(m != null, "pair missing: " + key(expected, r));
			for (String col : expected.columns()) {
				if (!col.endsWith("_score") && !col.endsWith("_normalized")) {
					assertEquals(expected.getString(r, col), mine.getString(m, col), col + " of " + key(expected, r));
					continue;
				}
				double e = expected.getDouble(r, col), a = mine.getDouble(m, col);
				if (Double.isNaN(e)) assertTrue(Double.isNaN(a), col + " should be empty for " + key(expected, r));
				else assertEquals(e, a, 1e-9, col + " of " + key(expected, r));
			}
		}
	}

	private static String key(Table t, int r) {
		return t.getString(r, "img_id") + "|" + t.getString(r, "mask1") + "|" + t.getString(r, "mask2");
	}
}
