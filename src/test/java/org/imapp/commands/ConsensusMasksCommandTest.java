package org.imapp.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.ij1.ImageMasks;
import org.imapp.mask.MaskIO;
import org.imapp.runner.ConsensusMasks;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsensusMasksCommandTest {

	private static CommandModule run(Map<String, Object> inputs) throws Exception {
		try (Context ctx = new Context(CommandService.class)) {
			return ctx.service(CommandService.class).run(ConsensusMasksCommand.class, true, inputs).get();
		}
	}

	@Test
	void macroKeysRunTheDatasetRunner(@TempDir Path tmp) throws Exception {
		CommandModule m = run(Map.of("dataset", Fixtures.SMALL.toFile(), "output", tmp.toFile(), "method", "STAPLE", "confidence_weight", 1.0,
			"max_iterations", 0, "threads", 2));
		assertFalse(m.isCanceled(), m.getCancelReason());
		try (var files = Files.list(tmp.resolve("consensus"))) {
			assertEquals(24, files.count());
		}
		assertEquals(55, CsvTables.read(tmp.resolve(ConsensusMasks.PERFORMANCE_CSV)).rowCount());
	}

	/**
	 * One-image mode on every fixture image: the probability map within 1e-6 of ITK's (where given), the masks
	 * pixel-identical to ITK's, the rater estimates within 1e-9 of expected/staple_raters.csv; with
	 * an output folder the same files land under consensus/.
	 */
	@Test
	void oneImageGivesTheProbabilityMapMasksAndRaterEstimates(@TempDir Path tmp) throws Exception {
		Path expected = Fixtures.SMALL.resolve("expected/consensus");
		Table raters = CsvTables.read(Fixtures.SMALL.resolve("expected/staple_raters.csv"));
		int images = 0, rows = 0, maps = 0;
		try (Context ctx = new Context(CommandService.class); Dataset ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			for (ImageGroup g : ds.multiAnnotatorGroups()) {
				String id = g.isicId();
				Map<String, Object> in = new HashMap<>(Map.of("dataset", Fixtures.SMALL.toFile(), "isic_id", id, "threads", 1));
				if (images == 0) in.put("output", tmp.toFile());
				CommandModule m = ctx.service(CommandService.class).run(ConsensusMasksCommand.class, true, in).get();
				assertFalse(m.isCanceled(), m.getCancelReason());
				ConsensusMasksCommand c = (ConsensusMasksCommand) m.getCommand();
				ImagePlus p = c.probability();
				assertEquals(ImagePlus.GRAY32, p.getType());
				float[] a = (float[]) p.getProcessor().getPixels();
				Path tif = expected.resolve(id + "_ST_probability.tif"); // given for three images
				if (Files.exists(tif)) {
					ImagePlus ref = IJ.openImage(tif.toString());
					assertEquals(ref.getWidth(), p.getWidth());
					assertEquals(ref.getHeight(), p.getHeight());
					float[] b = (float[]) ref.getProcessor().convertToFloat().getPixels();
					for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-6, id + " probability at pixel " + i);
					maps++;
				}
				assertEquals(MaskIO.read(expected.resolve(id + "_ST_ST_ST_ST.png")), ImageMasks.of(c.stapleMask()), id + " ST");
				assertEquals(MaskIO.read(expected.resolve(id + "_MV_MV_MV_MV.png")), ImageMasks.of(c.majorityVoteMask()), id + " MV");
				Table t = c.raters();
				assertEquals(g.annotatorMasks().size(), t.rowCount());
				for (int r = 0; r < t.rowCount(); r++) {
					int e = find(raters, t.getString(r, "seg_filename"));
					assertEquals(raters.getDouble(e, "sensitivity"), t.getDouble(r, "sensitivity"), 1e-9);
					assertEquals(raters.getDouble(e, "specificity"), t.getDouble(r, "specificity"), 1e-9);
					assertEquals(raters.getDouble(e, "iterations"), t.getDouble(r, "iterations"));
					rows++;
				}
				if (images == 0) {
					for (String f : new String[] { id + "_ST_ST_ST_ST.png", id + "_MV_MV_MV_MV.png" }) {
						assertEquals(MaskIO.read(expected.resolve(f)), MaskIO.read(tmp.resolve("consensus").resolve(f)), f);
					}
					float[] saved = (float[]) IJ.openImage(tmp.resolve("consensus").resolve(id + "_ST_probability.tif").toString()).getProcessor().getPixels();
					assertArrayEquals(a, saved);
				}
				images++;
			}
		}
		assertEquals(24, images);
		assertEquals(3, maps);
		assertEquals(raters.rowCount(), rows);
	}

	private static int find(Table t, String segFilename) {
		for (int r = 0; r < t.rowCount(); r++) if (t.getString(r, "seg_filename").equals(segFilename)) return r;
		throw new AssertionError("not in staple_raters.csv: " + segFilename);
	}

	@Test
	void oneImageNotInTheDatasetIsNamed() throws Exception {
		CommandModule m = run(Map.of("dataset", Fixtures.SMALL.toFile(), "isic_id", "ISIC_9999999"));
		assertTrue(m.isCanceled());
		assertEquals("ISIC id not in the dataset: ISIC_9999999", m.getCancelReason());
	}

	@Test
	void badInputBecomesTheCancelReason(@TempDir Path tmp) throws Exception {
		CommandModule m = run(Map.of("dataset", tmp.resolve("nowhere").toFile(), "output", tmp.toFile(), "method", "STAPLE"));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("nowhere"), m.getCancelReason());
	}
}
