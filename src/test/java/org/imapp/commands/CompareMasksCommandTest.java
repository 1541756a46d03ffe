package org.imapp.commands;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
				if (c.equals("img_id")) {
					// The ISIC id; the published table's img_id is the image file name (ISIC_0000230.JPG).
					assertEquals(expected.getString(r, c).replace(".JPG", ""), t.getString(0, c));
					continue;
				}
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

	/** The first {@code n} annotator pairs of medpy's table (rows without ST/MV masks). */
	private static List<Integer> annotatorPairs(Table expected, int n) {
		List<Integer> rows = new java.util.ArrayList<>();
		for (int r = 0; r < expected.rowCount() && rows.size() < n; r++) {
			String n1 = expected.getString(r, "mask1"), n2 = expected.getString(r, "mask2");
			if (!(n1.contains("_ST_") || n2.contains("_ST_") || n1.contains("_MV_") || n2.contains("_MV_"))) rows.add(r);
		}
		return rows;
	}

	private static ImagePlus fixtureMask(String name) {
		return IJ.openImage(Fixtures.SMALL.resolve("segs").resolve(name).toString());
	}

	/**
	 * Two comparisons with {@code table=} leave a CSV of two rows (the second is added, not a
	 * replacement), each with the image's ISIC id and medpy's values, and the metric outputs a
	 * script reads are medpy's too.
	 */
	@Test
	void eachComparisonAddsARowToTheTableAndFillsTheOutputs(@TempDir Path tmp) throws Exception {
		Table expected = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		List<Integer> rows = annotatorPairs(expected, 2);
		Path csv = tmp.resolve("my comparisons.csv");
		String[] outputs = { "dice", "jaccard", "hd", "hd95", "assd", "hd_normalized", "hd95_normalized", "assd_normalized" };
		for (int r : rows) {
			CommandModule m = context.service(CommandService.class).run(CompareMasksCommand.class, true, Map.of("mask1", fixtureMask(expected.getString(r, "mask1")),
				"mask2", fixtureMask(expected.getString(r, "mask2")), "table", csv.toFile())).get();
			assertNull(m.getCancelReason());
			String id = expected.getString(r, "img_id").replace(".JPG", "");
			assertEquals(id, m.getOutput("img_id"));
			for (String o : outputs) {
				String column = o.endsWith("_normalized") ? o.replace("_normalized", "_score_normalized") : o + "_score";
				assertEquals(expected.getDouble(r, column), (double) m.getOutput(o), 1e-9, o);
			}
			assertEquals(((CompareMasksCommand) m.getCommand()).comparison().getDouble(0, "nsd_score"), (double) m.getOutput("nsd"));
		}
		Table written = CsvTables.read(csv);
		assertEquals(2, written.rowCount());
		for (int i = 0; i < 2; i++) {
			int r = rows.get(i);
			assertEquals(expected.getString(r, "img_id").replace(".JPG", ""), written.getString(i, "img_id"));
			assertEquals(expected.getString(r, "mask2"), written.getString(i, "mask2"));
			assertEquals(expected.getDouble(r, "dice_score"), written.getDouble(i, "dice_score"), 1e-9);
		}
	}

	/** The README's script: the command by class name, inputs as name-value pairs (the form Groovy and Jython call). */
	@Test
	void theReadmeScriptReadsDiceByName() throws Exception {
		Table expected = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		int r = annotatorPairs(expected, 1).get(0);
		CommandModule m = context.service(CommandService.class).run("org.imapp.commands.CompareMasksCommand", true, "mask1",
			fixtureMask(expected.getString(r, "mask1")), "mask2", fixtureMask(expected.getString(r, "mask2"))).get();
		assertEquals(expected.getDouble(r, "dice_score"), (double) m.getOutput("dice"), 1e-9);
		assertEquals(expected.getDouble(r, "hd95_score"), (double) m.getOutput("hd95"), 1e-9);
	}

	@Test
	void imgIdOfOtherTitlesIsTheTitleWithoutExtension() throws Exception {
		CommandModule m = run(square("lesion 7.tif", 30, 20, 4, 5, 10), square("b", 30, 20, 4, 5, 10), 0);
		assertEquals("lesion 7", m.getOutput("img_id"));
		assertEquals("lesion 7", ((CompareMasksCommand) m.getCommand()).comparison().getString(0, "img_id"));
	}

	@Test
	void aTableCsvOfOtherColumnsIsRefusedAndKept(@TempDir Path tmp) throws Exception {
		Path csv = tmp.resolve("other.csv");
		java.nio.file.Files.writeString(csv, "a,b\n1,2\n");
		CommandModule m = context.service(CommandService.class).run(CompareMasksCommand.class, true, Map.of("mask1", square("a", 30, 20, 4, 5, 10),
			"mask2", square("b", 30, 20, 4, 5, 10), "table", csv.toFile())).get();
		assertTrue(String.valueOf(m.getCancelReason()).contains(csv.toString()), m.getCancelReason());
		assertEquals("a,b\n1,2\n", java.nio.file.Files.readString(csv));
	}

	/** With a display, the results window {@value CompareMasksCommand#TABLE_TITLE} gains a row per comparison (run under xvfb-run). */
	@Test
	void theResultsWindowGainsARowPerComparison() throws Exception {
		assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
		try {
			run(square("a", 30, 20, 4, 5, 10), square("b", 30, 20, 4, 5, 10), 0);
			run(square("c", 30, 20, 4, 5, 10), square("d", 30, 20, 8, 5, 10), 0);
			ij.measure.ResultsTable rt = ij.measure.ResultsTable.getResultsTable(CompareMasksCommand.TABLE_TITLE);
			assertEquals(2, rt.size());
			assertEquals("a", rt.getStringValue("mask1", 0));
			assertEquals("c", rt.getStringValue("mask1", 1));
			assertEquals(0.6, rt.getValue("dice_score", 1), 1e-12); // 10×10 squares 4 px apart: overlap 6×10
		}
		finally {
			java.awt.EventQueue.invokeAndWait(() -> {
				java.awt.Frame w = ij.WindowManager.getFrame(CompareMasksCommand.TABLE_TITLE);
				if (w != null) w.dispose();
			});
		}
	}
}
