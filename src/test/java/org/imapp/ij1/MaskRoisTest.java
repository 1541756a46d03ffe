package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ij.gui.Roi;
import ij.gui.ShapeRoi;

import org.imapp.Fixtures;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.junit.jupiter.api.Test;

class MaskRoisTest {

	/** The ROI covers exactly the mask's pixels: same area and the same pixel at every position. */
	private static void assertRoundTrip(BinaryMask mask, String name) {
		Roi roi = MaskRois.toRoi(mask);
		if (mask.isEmpty()) {
			assertNull(roi, name);
			return;
		}
		assertEquals(mask.count(), roi.getContainedPoints().length, name + ": area");
		BinaryMask back = MaskRois.toMask(roi, mask.width(), mask.height());
		for (int y = 0; y < mask.height(); y++) {
			for (int x = 0; x < mask.width(); x++) {
				if (mask.get(x, y) != back.get(x, y)) throw new AssertionError(name + ": pixel (" + x + "," + y + ") differs");
			}
		}
	}

	private static List<Path> fixtureMasks(String isicId) throws Exception {
		try (Stream<Path> s = Files.list(Fixtures.SMALL.resolve("segs"))) {
			return s.filter(p -> p.getFileName().toString().startsWith(isicId)).sorted().toList();
		}
	}

	@Test
	void everyFixtureMaskAndConsensusMaskRoundTripsPixelForPixel() throws Exception {
		List<Path> all = new ArrayList<>();
		try (Stream<Path> s = Files.list(Fixtures.SMALL.resolve("segs"))) {
			s.forEach(all::add);
		}
		try (Stream<Path> s = Files.list(Fixtures.SMALL.resolve("expected/consensus"))) {
			s.filter(p -> p.toString().endsWith(".png")).forEach(all::add);
		}
		assertEquals(55 + 48, all.size());
		for (Path p : all) assertRoundTrip(MaskIO.read(p), p.getFileName().toString());
	}

	/** edge_cases.csv: ISIC_0015171 has a hole, ISIC_0015524 and ISIC_0036108 an island; they need composite ROIs. */
	@Test
	void holesAndIslandsGiveCompositeRois() throws Exception {
		for (String id : new String[] { "ISIC_0015171", "ISIC_0015524", "ISIC_0036108" }) {
			boolean composite = false;
			for (Path p : fixtureMasks(id)) {
				BinaryMask m = MaskIO.read(p);
				Roi roi = MaskRois.toRoi(m);
				assertRoundTrip(m, p.getFileName().toString());
				if (roi instanceof ShapeRoi s && s.getRois().length > 1) composite = true;
			}
			assertTrue(composite, id + " should have a mask whose ROI has several outlines (hole or island)");
		}
	}

	@Test
	void edgeCaseMasks() throws Exception {
		// full: a mask covering the whole image; empty: no ROI at all; tiny: a few pixels.
		for (String id : new String[] { "ISIC_0011468", "ISIC_0022678", "ISIC_0022329" }) {
			for (Path p : fixtureMasks(id)) assertRoundTrip(MaskIO.read(p), p.getFileName().toString());
		}
		boolean sawEmpty = false;
		for (Path p : fixtureMasks("ISIC_0022678")) sawEmpty |= MaskIO.read(p).isEmpty();
		assertTrue(sawEmpty, "ISIC_0022678 is the empty-mask case");
	}

	@Test
	void inlineHoleIslandsBorderAndCorners() {
		// 7x6: a ring with a one-pixel hole touching the left border, a separate pixel in the
		// bottom-right corner and one in the top-right corner (diagonal neighbours only).
		String[] rows = {
			"###...#",
			"#.#....",
			"###....",
			".....#.",
			"......#",
			"#.....#" };
		BinaryMask m = BinaryMask.empty(7, 6);
		for (int y = 0; y < rows.length; y++) for (int x = 0; x < 7; x++) m.set(x, y, rows[y].charAt(x) == '#');
		assertRoundTrip(m, "inline");
		assertInstanceOf(ShapeRoi.class, MaskRois.toRoi(m));

		BinaryMask full = BinaryMask.empty(4, 3);
		java.util.Arrays.fill(full.data(), (byte) 1);
		assertRoundTrip(full, "full");
		BinaryMask one = BinaryMask.empty(3, 3);
		one.set(2, 2, true);
		assertRoundTrip(one, "corner pixel");
	}

	@Test
	void roiPartlyOutsideTheImageIsClipped() {
		Roi r = new Roi(-2, -1, 4, 3);
		BinaryMask m = MaskRois.toMask(r, 5, 5);
		assertEquals(4, m.count());
		assertTrue(m.get(0, 0) && m.get(1, 1) && !m.get(2, 0));
	}
}
