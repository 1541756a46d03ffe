package org.imapp.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegMetadata;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.io.Opener;
import ij.process.FloatProcessor;

/** STAPLE and majority vote against the ITK/SimpleITK outputs in {@code synthetic-small/expected}. */
class ConsensusFixtureTest {

	private static final Path SEGS = Fixtures.SMALL.resolve("segs");
	private static final Path EXPECTED = Fixtures.SMALL.resolve("expected");

	/** Multi-annotator images of the subset file, masks in metadata order. */
	private static List<ImageGroup> subset() throws Exception {
		Path file = Fixtures.SMALL.resolve("metadata").resolve(DatasetPaths.SUBSET_METADATA);
		return Dataset.group(SegMetadata.read(file, true).records()).stream().filter(ImageGroup::isMultiAnnotator).toList();
	}

	private static List<BinaryMask> read(ImageGroup g) throws Exception {
		List<BinaryMask> masks = new ArrayList<>();
		for (SegRecord r : g.annotatorMasks()) masks.add(MaskIO.read(SEGS.resolve(r.segFilename())));
		return masks;
	}

	private static List<String> names(ImageGroup g) {
		return g.annotatorMasks().stream().map(SegRecord::segFilename).toList();
	}

	@Test
	void masksArePixelIdenticalToItk() throws Exception {
		List<ImageGroup> groups = subset();
		assertEquals(24, groups.size());
		int stForeground = 0;
		for (ImageGroup g : groups) {
			List<BinaryMask> masks = read(g);
			VotePatterns patterns = VotePatterns.of(masks, names(g));
			StapleResult st = Staple.compute(patterns, Staple.Parameters.DEFAULT);
			BinaryMask mv = MajorityVote.compute(patterns);
			BinaryMask expectedSt = MaskIO.read(EXPECTED.resolve("consensus").resolve(SegRecord.consensusFilename(g.isicId(), "ST")));
			BinaryMask expectedMv = MaskIO.read(EXPECTED.resolve("consensus").resolve(SegRecord.consensusFilename(g.isicId(), "MV")));
			assertEquals(expectedSt, st.consensus(), g.isicId() + " STAPLE");
			assertEquals(expectedMv, mv, g.isicId() + " majority vote");
			stForeground += st.consensus().count();
		}
		assertTrue(stForeground > 0);
	}

	@Test
	void sensitivitiesSpecificitiesAndIterationsMatchItk() throws Exception {
		Table expected = CsvTables.read(EXPECTED.resolve("staple_raters.csv"));
		Map<String, Integer> row = new HashMap<>();
		int seg = expected.require("seg_filename", "staple_raters.csv");
		for (int r = 0; r < expected.rowCount(); r++) row.put(expected.getString(r, seg), r);
		int checked = 0;
		double worst = 0;
		for (ImageGroup g : subset()) {
			StapleResult st = Staple.compute(read(g), names(g));
			List<SegRecord> recs = g.annotatorMasks();
			for (int i = 0; i < recs.size(); i++) {
				Integer r = row.get(recs.get(i).segFilename());
				assertNotNull(r, recs.get(i).segFilename());
				assertEquals(g.imgFilename(), expected.getString(r, expected.require("img_id", "")));
				assertEquals(Integer.parseInt(expected.getString(r, expected.require("iterations", ""))), st.iterations(), g.isicId() + " iterations");
				double p = Double.parseDouble(expected.getString(r, expected.require("sensitivity", "")));
				double q = Double.parseDouble(expected.getString(r, expected.require("specificity", "")));
				assertEquals(p, st.sensitivity()[i], 1e-9, recs.get(i).segFilename() + " sensitivity");
				assertEquals(q, st.specificity()[i], 1e-9, recs.get(i).segFilename() + " specificity");
				worst = Math.max(worst, Math.max(Math.abs(p - st.sensitivity()[i]), Math.abs(q - st.specificity()[i])));
				checked++;
			}
		}
		assertEquals(expected.rowCount(), checked);
		System.out.println("STAPLE rater estimates: " + checked + " raters, max |difference| to ITK = " + worst);
	}

	@Test
	void probabilityMapsMatchItk() throws Exception {
		int maps = 0;
		double worst = 0;
		try (var files = Files.newDirectoryStream(EXPECTED.resolve("consensus"), "*_ST_probability.tif")) {
			for (Path tif : files) {
				String isicId = tif.getFileName().toString().replace("_ST_probability.tif", "");
				ImageGroup g = subset().stream().filter(x -> x.isicId().equals(isicId)).findFirst().orElseThrow();
				ImagePlus imp = new Opener().openImage(tif.toString());
				assertNotNull(imp, tif.toString());
				float[] expected = (float[]) ((FloatProcessor) imp.getProcessor()).getPixels();
				StapleResult st = Staple.compute(read(g), names(g));
				float[] actual = st.probabilities();
				assertEquals(imp.getWidth(), st.patterns().width());
				assertEquals(expected.length, actual.length);
				for (int i = 0; i < expected.length; i++) {
					double d = Math.abs((double) expected[i] - actual[i]);
					worst = Math.max(worst, d);
					assertTrue(d <= 1e-6, isicId + " pixel " + i + ": expected " + expected[i] + ", got " + actual[i]);
				}
				maps++;
			}
		}
		assertEquals(3, maps);
		System.out.println("STAPLE probability maps: " + maps + " maps, max |difference| to ITK = " + worst);
	}
}
