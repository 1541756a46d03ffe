package org.imapp.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.imapp.Fixtures;
import org.imapp.mask.BinaryVolume;
import org.imapp.mask.TiffVolumes;
import org.junit.jupiter.api.Test;

/** n-D STAPLE and majority vote on {@code multirater-3d} against ITK 5.2's 3-D filters ({@code expected/}). */
class MultiRater3dFixtureTest {

	static final Path DIR = Fixtures.MULTIRATER_3D;

	/** Rater masks per volume id, in manifest order. */
	static Map<String, List<String>> raters() throws Exception {
		Map<String, List<String>> out = new LinkedHashMap<>();
		for (CSVRecord r : csv(DIR.resolve("manifest.csv"))) out.computeIfAbsent(r.get("image_id"), k -> new ArrayList<>()).add(r.get("mask"));
		return out;
	}

	static List<CSVRecord> csv(Path file) throws Exception {
		try (Reader in = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
		}
	}

	static List<ArrayImg<UnsignedByteType, ByteArray>> load(List<String> masks) {
		List<ArrayImg<UnsignedByteType, ByteArray>> imgs = new ArrayList<>();
		for (String m : masks) imgs.add(TiffVolumes.open(DIR.resolve(m)).img());
		return imgs;
	}

	/** The foreground of an expected 0/255 stack, flat order. */
	static byte[] expected(String file) {
		return BinaryVolume.of(TiffVolumes.open(DIR.resolve("expected/consensus").resolve(file)).img()).data();
	}

	static byte[] flat(RandomAccessibleInterval<UnsignedByteType> img) {
		return BinaryVolume.of(img).data();
	}

	@Test
	void stapleAndMajorityVoteEqualItk() throws Exception {
		Map<String, List<CSVRecord>> want = new LinkedHashMap<>();
		for (CSVRecord r : csv(DIR.resolve("expected/staple_raters.csv"))) want.computeIfAbsent(r.get("image_id"), k -> new ArrayList<>()).add(r);
		Map<String, List<String>> raters = raters();
		assertEquals(10, raters.size());
		int checked = 0;
		for (Map.Entry<String, List<String>> e : raters.entrySet()) {
			String id = e.getKey();
			List<ArrayImg<UnsignedByteType, ByteArray>> imgs = load(e.getValue());
			StapleResult st = Staple.computeNd(imgs, Staple.Parameters.DEFAULT, null, null);
			RandomAccessibleInterval<UnsignedByteType> mv = MajorityVote.computeNd(imgs, null, null);
			assertArrayEquals(imgs.get(0).dimensionsAsLongArray(), st.consensusImage().dimensionsAsLongArray(), id);
			assertArrayEquals(imgs.get(0).dimensionsAsLongArray(), mv.dimensionsAsLongArray(), id);
			assertArrayEquals(expected(id + "_ST.tif"), flat(st.consensusImage()), id + " STAPLE");
			assertArrayEquals(expected(id + "_MV.tif"), flat(mv), id + " MV");
			List<CSVRecord> rows = want.get(id);
			assertEquals(rows.size(), st.raters(), id);
			for (int i = 0; i < rows.size(); i++) {
				CSVRecord r = rows.get(i);
				String where = id + " " + r.get("rater");
				assertEquals(Double.parseDouble(r.get("sensitivity")), st.sensitivity()[i], 1e-9, where + " sensitivity");
				assertEquals(Double.parseDouble(r.get("specificity")), st.specificity()[i], 1e-9, where + " specificity");
				assertEquals(Integer.parseInt(r.get("iterations")), st.iterations(), where + " iterations");
			}
			// The probability image is W per voxel, thresholded to the consensus.
			RandomAccessibleInterval<FloatType> w = st.probabilityImage();
			byte[] c = flat(st.consensusImage());
			int i = 0;
			for (FloatType v : net.imglib2.view.Views.flatIterable(w)) assertEquals(c[i++] == 1, v.get() > 0.5f, id + " W at " + (i - 1));
			checked++;
		}
		assertEquals(10, checked);
	}

	@Test
	void unequalIntervalsNameBothRaters() {
		var a = net.imglib2.img.array.ArrayImgs.unsignedBytes(4, 5, 3);
		var b = net.imglib2.img.array.ArrayImgs.unsignedBytes(4, 5, 2);
		IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
			() -> Staple.computeNd(List.of(a, b), Staple.Parameters.DEFAULT, null, null));
		assertTrue(ex.getMessage().contains("rater 1") && ex.getMessage().contains("rater 2") && ex.getMessage().contains("4x5x3"), ex.getMessage());
	}
}
