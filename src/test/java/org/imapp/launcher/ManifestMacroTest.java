package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.imapp.Fixtures;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.multirater.MultiRaterRunTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped manifest macro ({@code macros/imapp_manifest.ijm}) and the open-images consensus in
 * a macro, run headless through ij1-patcher as {@code ./imapp macro} runs them, on the 3-D
 * fixture; outputs checked against ITK and medpy ({@code multirater-3d/expected}).
 */
class ManifestMacroTest {

	private static HeadlessImageJ ij;

	@BeforeAll
	static void start() {
		ij = TestImageJ.start();
	}

	@AfterAll
	static void stop() {
		ij.close();
	}

	@Test
	void manifestMacroWritesItkAndMedpyResults(@TempDir Path tmp) throws Exception {
		Path fixture = Fixtures.MULTIRATER_3D;
		var before = TestImageJ.snapshot(fixture);
		Path out = tmp.resolve("multi rater results");
		HeadlessImageJ.Outcome o = ij.runMacroFile(Path.of("macros/imapp_manifest.ijm"), "manifest=[" + fixture.resolve("manifest.csv") + "] output=[" + out + "]");
		assertTrue(o.ok(), o.message());
		assertEquals(before, TestImageJ.snapshot(fixture), "inputs modified");
		MultiRaterRunTest.assertConsensusAsItk(out.resolve(MultiRaterRun.CONSENSUS_FOLDER));
		MultiRaterRunTest.assertRatersAsItk(out.resolve(MultiRaterRun.RATERS_CSV));
		MultiRaterRunTest.assertPairsAsMedpy(out.resolve(MultiRaterRun.PAIRWISE_CSV));
		for (String f : new String[] { MultiRaterRun.QA_CSV, MultiRaterRun.IMAGE_CSV, MultiRaterRun.SUMMARY_CSV, MultiRaterRun.VS_CONSENSUS_CSV,
			MultiRaterRun.VS_CONSENSUS_SUMMARY_CSV, MultiRaterRun.byGroupFile("group") }) {
			assertTrue(Files.isRegularFile(out.resolve(f)), f);
		}
	}

	/** A macro opens three raters' stacks, builds the consensus from them and saves the STAPLE output it finds open afterwards. */
	@Test
	void consensusFromOpenImagesInAMacro(@TempDir Path tmp) throws Exception {
		// ImageJ's open() misreads the fixture's stacks (an IFD between slices under an ImageJ description;
		// the manifest reader handles them, see TiffPages): the macro opens ImageJ-written copies.
		Path masks = tmp.resolve("masks");
		for (String r : new String[] { "R1", "R2", "R3" }) {
			String f = "VOL_002_" + r + ".tif";
			org.imapp.ij1.MaskStacks.saveTiff(org.imapp.ij1.MaskStacks.open(Fixtures.MULTIRATER_3D.resolve("masks").resolve(f)), masks.resolve(f));
		}
		String macro = "";
		for (String r : new String[] { "R1", "R2", "R3" }) macro += "open(\"" + masks.resolve("VOL_002_" + r + ".tif") + "\");\n";
		macro += "run(\"IMA++ Consensus from Open Images\", \"raters=[VOL_002_R1.tif,VOL_002_R2.tif,VOL_002_R3.tif]\");\n"
			+ "selectImage(\"VOL_002_R1_ST\"); saveAs(\"Tiff\", \"" + tmp.resolve("st.tif") + "\");\n"
			+ "selectImage(\"VOL_002_R1_MV\"); saveAs(\"Tiff\", \"" + tmp.resolve("mv.tif") + "\");\n";
		HeadlessImageJ.Outcome o = ij.runMacro(macro, "");
		assertTrue(o.ok(), o.message());
		Path expected = Fixtures.MULTIRATER_3D.resolve("expected/consensus");
		for (String k : new String[] { "ST", "MV" }) {
			var e = org.imapp.ij1.MaskStacks.FILES.read(expected.resolve("VOL_002_" + k + ".tif"));
			var a = org.imapp.ij1.MaskStacks.FILES.read(tmp.resolve(k.toLowerCase() + ".tif"));
			org.junit.jupiter.api.Assertions.assertArrayEquals(e.image().update(null).getCurrentStorageArray(), a.image().update(null).getCurrentStorageArray(), k);
		}
	}
}
