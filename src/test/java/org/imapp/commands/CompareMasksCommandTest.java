package org.imapp.commands;

import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import org.imapp.Fixtures;
import org.imapp.runner.AgreementMetrics;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IMA++ Compare Masks on images and selections built inline and on a fixture pair. */
class CompareMasksCommandTest {

	private static Context context;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static CommandModule run(ImagePlus a, ImagePlus b, double tolerance) throws Exception {
		return context.service(CommandService.class).run(CompareMasksCommand.class, true, Map.of("mask1", a, "mask2", b, "nsd_tolerance", tolerance)).get();
	}

	private static Table compare(ImagePlus a, ImagePlus b) throws Exception {
		CommandModule m = run(a, b, 0);
		assertNull(m.getCancelReason());
		Table t = ((CompareMasksCommand) m.getCommand()).comparison();
		assertEquals(1, t.rowCount());
		assertEquals(AgreementMetrics.columns(org.imapp.metrics.MetricOptions.DEFAULT), t.columns());
		return t;
	}

	/** A w×h 8-bit image, 255 inside the rectangle. */
	private static ImagePlus square(String title, int w, int h, int x, int y, int size) {
		ByteProcessor bp = new ByteProcessor(w, h);
		bp.setValue(255);
		bp.setRoi(x, y, size, size);
		bp.fill();
		bp.resetRoi();
		return new ImagePlus(title, bp);
	}

	@Test
	void identicalMasksAgreeFully() throws Exception {
		Table t = compare(square("a", 30, 20, 4, 5, 10), square("b", 30, 20, 4, 5, 10));
		assertEquals(1.0, t.getDouble(0, "dice_score"));
		assertEquals(1.0, t.getDouble(0, "jaccard_score"));
		for (String c : new String[] { "hd_score", "hd95_score", "assd_score" }) assertEquals(0.0, t.getDouble(0, c), c);
		assertEquals("a", t.getString(0, "mask1"));
		assertEquals("b", t.getString(0, "mask2"));
	}

	@Test
	void squareShiftedByThreePixels() throws Exception {
		// 10×10 squares 3 px apart: overlap 7×10, every left/right edge pixel is 3 px from its counterpart.
		Table t = compare(square("a", 40, 30, 5, 5, 10), square("b", 40, 30, 8, 5, 10));
		assertEquals(2 * 70 / 200.0, t.getDouble(0, "dice_score"), 1e-15);
		assertEquals(70 / 130.0, t.getDouble(0, "jaccard_score"), 1e-15);
		assertEquals(3.0, t.getDouble(0, "hd_score"), 0);
		assertEquals(3.0 / Math.hypot(40, 30), t.getDouble(0, "hd_score_normalized"), 1e-15);
	}

	@Test
	void anAreaSelectionIsTheMask() throws Exception {
		ImagePlus drawn = new ImagePlus("drawn", new ByteProcessor(40, 30)); // all background; the ROI is the annotation
		drawn.setRoi(new Roi(5, 5, 10, 10));
		Table t = compare(square("a", 40, 30, 5, 5, 10), drawn);
		assertEquals(1.0, t.getDouble(0, "dice_score"));
		assertEquals(0.0, t.getDouble(0, "hd_score"));
	}

	@Test
	void sizeMismatchIsOneLineNamingBothImages() throws Exception {
		CommandModule m = run(square("left.png", 30, 20, 1, 1, 5), square("right.png", 31, 20, 1, 1, 5), 0);
		String reason = m.getCancelReason();
		assertTrue(reason != null && reason.contains("left.png") && reason.contains("right.png"), reason);
		assertFalse(reason.contains("\n"), reason);
	}

	@Test
	void fixturePairMatchesMedpy() throws Exception {
		Table expected = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		int checked = 0;
		for (int r = 0; r < expected.rowCount() && checked < 3; r++) {
			String n1 = expected.getString(r, "mask1"), n2 = expected.getString(r, "mask2");
			if (n1.contains("_ST_") || n2.contains("_ST_") || n1.contains("_MV_") || n2.contains("_MV_")) continue;
			ImagePlus a = IJ.openImage(Fixtures.SMALL.resolve("segs").resolve(n1).toString());
			ImagePlus b = IJ.openImage(Fixtures.SMALL.resolve("segs").resolve(n2).toString());
			Table t = compare(a, b);
			for (String c : AgreementMetrics.PUBLISHED_COLUMNS) {
				if (c.equals("img_id")) continue; // here the title of mask1's image
				if (c.endsWith("_score") || c.endsWith("_normalized")) {
					double e = expected.getDouble(r, c);
					if (Double.isNaN(e)) assertTrue(Double.isNaN(t.getDouble(0, c)), c);
					else assertEquals(e, t.getDouble(0, c), 1e-9, c + " of " + n1 + " vs " + n2);
				}
				else assertEquals(expected.getString(r, c), t.getString(0, c), c);
			}
			checked++;
		}
		assertEquals(3, checked);
	}
}
