package org.imapp.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.macro.Interpreter;

import org.imapp.Fixtures;
import org.imapp.consensus.MajorityVote;
import org.imapp.consensus.Staple;
import org.imapp.consensus.StapleResult;
import org.imapp.data.MaskVolume;
import org.imapp.ij1.MaskRois;
import org.imapp.ij1.MaskStacks;
import org.imapp.mask.BinaryMask;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

/**
 * The commands on generic multi-rater data, as Fiji runs them: Compare Masks on calibrated 3-D
 * stacks and Consensus from Open Images against ITK/medpy ({@code multirater-3d/expected}), Show
 * Annotations slice by slice, and the one-line errors for a missing or refused {@code manifest=}.
 */
class MultiRaterCommandsTest extends CommandTestBase {

	static final Path FIXTURE = Fixtures.MULTIRATER_3D;

	@AfterEach
	void leaveBatchMode() {
		Interpreter.batchMode = false;
	}

	/** A fixture mask as an open image (read page by page: ImageJ's own opener misreads these stacks, see TiffPages). */
	private static ImagePlus open(String name) throws Exception {
		return MaskStacks.open(FIXTURE.resolve("masks").resolve(name));
	}

	private static MaskVolume expectedConsensus(String file) throws Exception {
		return MaskStacks.FILES.read(FIXTURE.resolve("expected/consensus").resolve(file));
	}

	@Test
	void compareMasksScoresCalibratedStacksAsMedpy() throws Exception {
		CommandModule m = run(CompareMasksCommand.class, Map.of("mask1", open("VOL_001_R1.tif"), "mask2", open("VOL_001_R3.tif"), "nsd_tolerance", 0.0));
		assertNull(m.getCancelReason());
		Table t = ((CompareMasksCommand) m.getCommand()).comparison();
		Table expected = CsvTables.read(FIXTURE.resolve("expected/pairwise_metrics.csv"));
		int row = -1;
		for (int r = 0; r < expected.rowCount(); r++) {
			if (expected.getString(r, "image_id").equals("VOL_001") && expected.getString(r, "rater1").equals("R1") && expected.getString(r, "rater2").equals("R3")) row = r;
		}
		for (String c : List.of("dice", "jaccard", "hd", "hd95", "assd")) assertEquals(expected.getDouble(row, c), t.getDouble(0, c), 1e-9, c);
		assertEquals("mm", t.getString(0, "unit"));
	}

	@Test
	void stacksOfDifferentSizesAreOneLineError() throws Exception {
		CommandModule m = run(CompareMasksCommand.class, Map.of("mask1", open("VOL_000_R1.tif"), "mask2", open("VOL_001_R1.tif")));
		assertEquals("Masks of different sizes: VOL_000_R1.tif is 92×75×28, VOL_001_R1.tif is 47×68×35", m.getCancelReason());
	}

	@Test
	void consensusFromOpenStacksIsItks() throws Exception {
		Interpreter.batchMode = true;
		List<String> titles = new ArrayList<>();
		for (String r : List.of("R1", "R2", "R3", "R4")) {
			ImagePlus imp = open("VOL_000_" + r + ".tif");
			Interpreter.addBatchModeImage(imp);
			titles.add(imp.getTitle());
		}
		CommandModule m = run(OpenImagesConsensusCommand.class, Map.of("raters", "[" + String.join(",", titles) + "]"));
		assertNull(m.getCancelReason());
		OpenImagesConsensusCommand c = (OpenImagesConsensusCommand) m.getCommand();
		for (var e : Map.of("VOL_000_ST.tif", c.stapleMask(), "VOL_000_MV.tif", c.majorityVoteMask()).entrySet()) {
			MaskVolume expected = expectedConsensus(e.getKey());
			MaskVolume actual = MaskStacks.volume(e.getValue(), e.getKey());
			assertArrayEquals(expected.image().update(null).getCurrentStorageArray(), actual.image().update(null).getCurrentStorageArray(), e.getKey());
			assertArrayEquals(new double[] { 1, 1, 2 }, actual.spacing(), 0, "calibrated like the input");
		}
		ImagePlus p = c.probabilityMap();
		assertEquals(32, p.getBitDepth());
		assertEquals(28, p.getStackSize());
		assertEquals(2.0, p.getCalibration().pixelDepth);
		// W > 0.5 is the STAPLE mask, voxel for voxel.
		byte[] st = MaskStacks.volume(c.stapleMask(), "st").image().update(null).getCurrentStorageArray();
		int wh = p.getWidth() * p.getHeight();
		for (int z = 0; z < p.getStackSize(); z++) {
			float[] w = (float[]) p.getStack().getPixels(z + 1);
			for (int i = 0; i < wh; i++) assertEquals(st[z * wh + i] != 0, w[i] > 0.5f);
		}
		Table expected = CsvTables.read(FIXTURE.resolve("expected/staple_raters.csv"));
		Table raters = c.raters();
		for (int r = 0; r < 4; r++) {
			assertEquals(titles.get(r), raters.getString(r, "rater"));
			assertEquals(expected.getDouble(r, "sensitivity"), raters.getDouble(r, "sensitivity"), 1e-9);
			assertEquals(expected.getDouble(r, "specificity"), raters.getDouble(r, "specificity"), 1e-9);
			assertEquals(expected.getDouble(r, "iterations"), raters.getDouble(r, "iterations"));
		}
	}

	/** One stack whose slices are 2-D raters: the same as the 2-D consensus of those slices as separate masks. */
	@Test
	void consensusOfAStackWhoseSlicesAreRaters() throws Exception {
		Interpreter.batchMode = true;
		ImageStack raters = new ImageStack(87, 87);
		List<BinaryMask> masks = new ArrayList<>();
		for (String r : List.of("R1", "R2", "R3", "R4")) {
			ImagePlus imp = open("VOL_003_" + r + ".tif");
			imp.setSlice(12);
			raters.addSlice(r, imp.getProcessor().duplicate());
			masks.add(org.imapp.ij1.ImageMasks.of(imp));
		}
		ImagePlus stack = new ImagePlus("raters.tif", raters);
		Interpreter.addBatchModeImage(stack);
		CommandModule m = run(OpenImagesConsensusCommand.class, Map.of("raters", "raters.tif"));
		assertNull(m.getCancelReason());
		OpenImagesConsensusCommand c = (OpenImagesConsensusCommand) m.getCommand();
		List<String> names = List.of("R1", "R2", "R3", "R4");
		StapleResult st = Staple.compute(masks, names);
		assertEquals(1, c.stapleMask().getStackSize());
		assertEquals(st.consensus(), org.imapp.ij1.ImageMasks.of(c.stapleMask()));
		assertEquals(MajorityVote.compute(masks, names), org.imapp.ij1.ImageMasks.of(c.majorityVoteMask()));
		for (int r = 0; r < 4; r++) {
			assertEquals(names.get(r), c.raters().getString(r, "rater"));
			assertEquals(st.sensitivity()[r], c.raters().getDouble(r, "sensitivity"));
		}
	}

	@Test
	void showAnnotationsDrawsEachRaterSliceBySlice(@TempDir Path tmp) throws Exception {
		CommandModule m = run(ShowAnnotationsCommand.class, Map.of("manifest", FIXTURE.resolve("manifest.csv").toFile(), "isic_id", "VOL_003", "output",
			tmp.toFile()));
		assertNull(m.getCancelReason());
		ImagePlus view = ((ShowAnnotationsCommand) m.getCommand()).view();
		assertEquals(23, view.getStackSize());
		Map<String, MaskVolume> raters = new HashMap<>();
		for (String r : List.of("R1", "R2", "R3", "R4")) raters.put(r, MaskStacks.FILES.read(FIXTURE.resolve("masks/VOL_003_" + r + ".tif")));
		int expectedRois = 0;
		for (MaskVolume v : raters.values()) {
			byte[] d = v.image().update(null).getCurrentStorageArray();
			for (int z = 0; z < 23; z++) {
				for (int i = z * 87 * 87; i < (z + 1) * 87 * 87; i++) {
					if (d[i] != 0) {
						expectedRois++;
						break;
					}
				}
			}
		}
		Roi[] rois = view.getOverlay().toArray();
		assertEquals(expectedRois, rois.length);
		for (Roi roi : rois) {
			String rater = roi.getProperty("rater");
			int z = roi.getPosition();
			byte[] d = raters.get(rater).image().update(null).getCurrentStorageArray();
			BinaryMask slice = new BinaryMask(87, 87, java.util.Arrays.copyOfRange(d, (z - 1) * 87 * 87, z * 87 * 87));
			assertEquals(slice, MaskRois.toMask(roi, 87, 87), roi.getName());
		}
		assertTrue(tmp.resolve("VOL_003_RoiSet.zip").toFile().isFile());
	}

	/** Export ROIs writes 3-D raters as per-slice ROIs; Import ROIs turns them back into the same voxels, calibrated. */
	@Test
	void exportedRoisOfStacksImportBackToTheSameMasks(@TempDir Path tmp) throws Exception {
		File manifest = FIXTURE.resolve("manifest.csv").toFile();
		CommandModule ex = run(ExportRoisCommand.class, Map.of("manifest", manifest, "isic_id", "VOL_003", "output", tmp.resolve("rois").toFile()));
		assertNull(ex.getCancelReason());
		Table summary = CsvTables.read(tmp.resolve("rois").resolve(ExportRoisCommand.SUMMARY_CSV));
		assertEquals(4, summary.rowCount());
		CommandModule im = run(ImportRoisCommand.class, Map.of("rois", tmp.resolve("rois/VOL_003_RoiSet.zip").toFile(), "manifest", manifest, "isic_id", "VOL_003",
			"output", tmp.resolve("back").toFile()));
		assertNull(im.getCancelReason());
		for (String r : List.of("R1", "R2", "R3", "R4")) {
			MaskVolume original = MaskStacks.FILES.read(FIXTURE.resolve("masks/VOL_003_" + r + ".tif"));
			MaskVolume back = MaskStacks.FILES.read(tmp.resolve("back/VOL_003_" + r + ".tif"));
			assertArrayEquals(original.image().update(null).getCurrentStorageArray(), back.image().update(null).getCurrentStorageArray(), r);
			assertArrayEquals(original.spacing(), back.spacing(), 1e-12, r);
			assertEquals(original.foreground(), (long) summary.getDouble(List.of("R1", "R2", "R3", "R4").indexOf(r), "voxels"), r);
		}
	}

	@Test
	void datasetOrManifestIsRequiredAndFiguresRefuseManifests(@TempDir Path tmp) throws Exception {
		Map<String, Object> none = new HashMap<>(Map.of("output", tmp.toFile()));
		none.put("dataset", null); // not a value remembered from an earlier run
		assertEquals("missing dataset= (an IMA++ dataset folder) or manifest= (a multi-rater manifest CSV)",
			run(ConsensusMasksCommand.class, none).getCancelReason());
		File manifest = FIXTURE.resolve("manifest.csv").toFile();
		String fig = run(HardCasesFigureCommand.class, Map.of("output", tmp.toFile(), "manifest", manifest)).getCancelReason();
		assertTrue(fig.startsWith("The figures are IMA++'s published ones"), fig);
		String shard = run(RunPipelineCommand.class, Map.of("output", tmp.toFile(), "manifest", manifest, "shard", "0/2")).getCancelReason();
		assertTrue(shard.startsWith("shard= and resume are for IMA++ datasets"), shard);
	}
}
