package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Component;
import java.awt.Frame;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JRootPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageWindow;
import ij.plugin.frame.RoiManager;
import ij.text.TextPanel;
import ij.text.TextWindow;

import org.imapp.Fixtures;
import org.imapp.commands.AgreementHeatmapsFigureCommand;
import org.imapp.commands.BrowseDatasetCommand;
import org.imapp.commands.CompareMasksCommand;
import org.imapp.commands.LoadMetadataCommand;
import org.imapp.commands.ShowAnnotationsCommand;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The interactive side on a (virtual) display: Show Annotations and the dataset browser open,
 * show what they should, react to the keyboard, and leave screenshots in target/screenshots/.
 * Skipped without a display; CI runs the tests under xvfb-run.
 */
class GuiScreenshotTest {

	private static final Path SHOTS = Path.of("target/screenshots");
	private static Context context;

	@BeforeAll
	static void start() throws Exception {
		assumeFalse(GraphicsEnvironment.isHeadless(), "No display: GUI test skipped (run the tests under xvfb-run, as CI does)");
		Files.createDirectories(SHOTS);
		context = new Context();
	}

	/** Windows, not batch-mode images: tests before this one in the JVM open rater images in batch mode (FixtureInputs.openRaters). */
	@BeforeEach
	void interactive() {
		ij.macro.Interpreter.batchMode = false;
	}

	@AfterAll
	static void stop() throws Exception {
		if (context != null) context.dispose();
		if (!GraphicsEnvironment.isHeadless()) CommandsTest.closeWindows();
	}

	@Test
	void showAnnotationsOpensImageRoisAndTable(@TempDir Path tmp) throws Exception {
		FixtureInputs fx = FixtureInputs.create(tmp);
		var info = context.service(CommandService.class).getCommand(org.imapp.commands.ShowAnnotationsCommand.class);
		Map<String, Object> inputs = fx.inputs(CommandKeys.of(info), tmp.resolve("saved"));
		CommandModule m = (CommandModule) context.service(CommandService.class).run(info, true, inputs).get();
		assertEquals(null, m.getCancelReason());
		SwingUtilities.invokeAndWait(() -> {});

		ImagePlus view = WindowManager.getImage(FixtureInputs.IMAGE + " annotations");
		assertNotNull(view, "annotated image window");
		ImageWindow win = view.getWindow();
		assertNotNull(win);
		// Two annotator masks (one with a hole) plus STAPLE and majority vote from the consensus folder.
		RoiManager rm = RoiManager.getInstance();
		assertNotNull(rm, "ROI Manager");
		assertEquals(4, rm.getCount());
		Set<String> names = new HashSet<>();
		for (int i = 0; i < rm.getCount(); i++) names.add(rm.getName(i));
		assertEquals(Set.of("A00 T2 S2", "A03 T3 S1", "STAPLE", "Majority vote"), names);
		Window table = WindowManager.getWindow("IMA++ metrics " + FixtureInputs.IMAGE);
		assertNotNull(table, "metrics table window");
		// 2 annotators + 2 consensus masks: 6 pairs, as in expected/IAA_metrics.csv.
		assertEquals(6, ij.measure.ResultsTable.getResultsTable("IMA++ metrics " + FixtureInputs.IMAGE).size());

		save(win, "show_annotations_image.png");
		save(table, "show_annotations_metrics.png");
		save(rm, "show_annotations_roi_manager.png");
		CommandsTest.closeWindows();
	}

	/**
	 * A manifest image's 3-D raters as an image window with per-slice overlay ROIs listed in the ROI
	 * Manager; then three open rater stacks give the three consensus windows.
	 */
	@Test
	void manifestRatersSliceBySliceAndConsensusOfOpenStacks(@TempDir Path tmp) throws Exception {
		CommandService cs = context.service(CommandService.class);
		CommandModule m = (CommandModule) cs.run(org.imapp.commands.ShowAnnotationsCommand.class, true, Map.of("manifest",
			Fixtures.MULTIRATER_3D.resolve("manifest.csv").toFile(), "isic_id", "VOL_003")).get();
		assertEquals(null, m.getCancelReason());
		SwingUtilities.invokeAndWait(() -> {});
		ImagePlus view = WindowManager.getImage("VOL_003 raters");
		assertNotNull(view, "rater view window");
		assertNotNull(view.getWindow());
		assertEquals(23, view.getStackSize());
		assertEquals(view.getOverlay().size(), RoiManager.getInstance().getCount());
		view.setSlice(12);
		SwingUtilities.invokeAndWait(() -> {});
		save(view.getWindow(), "show_annotations_3d_slice12.png");
		CommandsTest.closeWindows();

		StringBuilder titles = new StringBuilder();
		for (String r : new String[] { "R1", "R2", "R3" }) {
			ImagePlus imp = MaskStacks.open(Fixtures.MULTIRATER_3D.resolve("masks/VOL_002_" + r + ".tif"));
			SwingUtilities.invokeAndWait(imp::show);
			titles.append(titles.length() == 0 ? "" : ",").append(imp.getTitle());
		}
		CommandModule c = (CommandModule) cs.run(org.imapp.commands.OpenImagesConsensusCommand.class, true, Map.of("raters", titles.toString())).get();
		assertEquals(null, c.getCancelReason());
		SwingUtilities.invokeAndWait(() -> {});
		for (String t : new String[] { "VOL_002_R1_ST", "VOL_002_R1_MV", "VOL_002_R1_ST_probability" }) {
			ImagePlus imp = WindowManager.getImage(t);
			assertNotNull(imp, t);
			assertNotNull(imp.getWindow(), t + " shown");
			assertEquals(27, imp.getStackSize(), t);
		}
		save(WindowManager.getImage("VOL_002_R1_ST_probability").getWindow(), "consensus_from_open_images_probability.png");
		// The raters' table shows all its columns (sensitivity and specificity were hidden).
		SwingUtilities.invokeAndWait(() -> {});
		assertColumnsVisible(org.imapp.commands.OpenImagesConsensusCommand.TABLE_TITLE, null, WindowPlacement.screen());
		save(WindowManager.getWindow(org.imapp.commands.OpenImagesConsensusCommand.TABLE_TITLE), "consensus_from_open_images_raters.png");
		CommandsTest.closeWindows();
	}

	@Test
	void browserStepsFiltersAndJumpsWithTheKeyboard(@TempDir Path tmp) throws Exception {
		FixtureInputs fx = FixtureInputs.create(tmp);
		Dataset ds = Dataset.load(DatasetPaths.of(fx.data));
		Map<String, Double> dice = BrowserModel.meanDice(fx.data.resolve("expected/image_level_metrics.csv"));
		Table pairs = CsvTables.read(fx.data.resolve("expected/IAA_metrics.csv"));
		BrowserModel model = new BrowserModel(ds, dice);
		model.setOrder(BrowserModel.Order.LOWEST_DICE);
		AtomicReference<DatasetBrowser> ref = new AtomicReference<>();
		SwingUtilities.invokeAndWait(() -> {
			DatasetBrowser b = new DatasetBrowser(model, fx.data.resolve("expected/consensus"), pairs);
			ref.set(b);
			b.open(null);
		});
		DatasetBrowser browser = ref.get();
		try {
			// Lowest mean Dice first, read independently from the image-level table.
			Table level = CsvTables.read(Fixtures.SMALL.resolve("expected/image_level_metrics.csv"));
			String lowest = null;
			double min = Double.MAX_VALUE;
			for (int r = 0; r < level.rowCount(); r++) {
				double d = level.getDouble(r, "dice_score_mean");
				if (d < min) {
					min = d;
					lowest = level.getString(r, "img_id").replace(".JPG", "");
				}
			}
			assertTrue(browser.awaitShown(lowest, 20000), "first image should be the least agreed one, " + lowest + "; status: " + browser.statusText());
			assertEquals(pairRows(pairs, lowest), tableRows(browser));
			assertEquals(browser.shown().rois().size(), RoiManager.getInstance().getCount());

			// Page Down (bound on the window, no mouse) moves to the next image.
			String second = model.images().get(1).isicId();
			press(browser.frame(), KeyStroke.getKeyStroke(KeyEvent.VK_PAGE_DOWN, 0));
			assertTrue(browser.awaitShown(second, 20000), "Page Down should show " + second);

			// Type an id and press Enter.
			SwingUtilities.invokeAndWait(() -> {
				browser.idField.setText("ISIC_0015171");
				browser.idField.postActionEvent();
			});
			assertTrue(browser.awaitShown("ISIC_0015171", 20000));
			SwingUtilities.invokeAndWait(() -> {});
			Thread.sleep(300);
			save(browser.frame().getContentPane(), "browser_window.png");
			save(browser.image().getWindow(), "browser_image.png");

			// Filter by annotator: only images A08 annotated remain.
			int withA08 = 0;
			for (ImageGroup g : ds.groups()) if (g.annotatorMasks().stream().anyMatch(r -> r.annotator().equals("A08"))) withA08++;
			SwingUtilities.invokeAndWait(() -> {
				browser.annotators.setText("A08");
				browser.annotators.postActionEvent();
			});
			assertEquals(withA08, model.size());
			assertTrue(withA08 > 0 && withA08 < ds.groups().size());
			for (ImageGroup g : model.images()) assertTrue(g.annotatorMasks().stream().map(SegRecord::annotator).toList().contains("A08"));
		}
		finally {
			SwingUtilities.invokeAndWait(browser::close);
		}
	}

	private static int pairRows(Table pairs, String isicId) {
		int n = 0;
		for (int r = 0; r < pairs.rowCount(); r++) if (pairs.getString(r, "img_id").equals(isicId + ".JPG")) n++;
		return n;
	}

	private static int tableRows(DatasetBrowser b) throws Exception {
		AtomicReference<Integer> n = new AtomicReference<>();
		SwingUtilities.invokeAndWait(() -> n.set(b.tableRows()));
		return n.get();
	}

	/** Fires the action bound to a key on the window, as pressing it does. */
	private static void press(JFrame frame, KeyStroke key) throws Exception {
		SwingUtilities.invokeAndWait(() -> {
			JRootPane root = frame.getRootPane();
			JComponent c = (JComponent) root.getContentPane();
			Object name = c.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).get(key);
			assertNotNull(name, "no key binding for " + key);
			c.getActionMap().get(name).actionPerformed(new ActionEvent(c, ActionEvent.ACTION_PERFORMED, String.valueOf(name)));
		});
	}

	/** Paints a window into an image (independent of the screen's depth) and saves it. */
	private static void save(Component window, String name) throws Exception {
		AtomicReference<BufferedImage> img = new AtomicReference<>();
		SwingUtilities.invokeAndWait(() -> {
			BufferedImage bi = new BufferedImage(Math.max(1, window.getWidth()), Math.max(1, window.getHeight()), BufferedImage.TYPE_INT_RGB);
			Graphics2D g = bi.createGraphics();
			window.printAll(g);
			g.dispose();
			img.set(bi);
		});
		ImageIO.write(img.get(), "png", SHOTS.resolve(name).toFile());
	}

	/**
	 * The suite's main windows open together without hiding each other: Load Metadata's tables,
	 * Show Annotations (image, metrics table, ROI Manager), the dataset browser and its image,
	 * Compare Masks twice, the three agreement heat maps and the Log window their messages open
	 * (ImageJ has its main window here, as in Fiji). Their bounds must lie on the screen
	 * (and in 1600x1000, the screen CI gives it) and not intersect; tables must show their columns.
	 * The screen shot is target/screenshots/window_layout.png.
	 */
	@Test
	void mainWindowsLieOnTheScreenWithoutCoveringEachOther(@TempDir Path tmp) throws Exception {
		// These twelve windows are laid out for the 1600x1000 screen the issue names; a smaller screen
		// cannot hold them all without overlap (a window that fits nowhere goes to the corner).
		Rectangle screen = WindowPlacement.screen();
		assumeTrue(screen.width >= 1600 && screen.height >= 1000,
			"Screen " + screen.width + "x" + screen.height + ": the window layout test needs 1600x1000 (xvfb-run -a -s \"-screen 0 1600x1000x24\", as .ci/run)");
		// ImageJ's (hidden) main window, as in Fiji: the commands' messages then open the Log window too.
		if (ij.IJ.getInstance() == null) new ij.ImageJ(ij.ImageJ.NO_SHOW);
		CommandsTest.closeWindows();
		FixtureInputs fx = FixtureInputs.create(tmp);
		// The layout after each step, for the message of a failure: which window moved, and when.
		StringBuilder steps = new StringBuilder();
		run(LoadMetadataCommand.class, fx, tmp.resolve("metadata"));
		steps.append(layout("after Load Metadata"));
		run(ShowAnnotationsCommand.class, fx, tmp.resolve("annotations"));
		steps.append(layout("after Show Annotations"));
		run(BrowseDatasetCommand.class, fx, tmp.resolve("browse"));
		steps.append(layout("after Browse Dataset"));
		awaitImage("IMA++ Browse: " + FixtureInputs.IMAGE);
		steps.append(layout("after the browser's image"));
		run(CompareMasksCommand.class, fx, tmp.resolve("compare"));
		run(CompareMasksCommand.class, fx, tmp.resolve("compare"));
		run(AgreementHeatmapsFigureCommand.class, fx, tmp.resolve("figure"));
		SwingUtilities.invokeAndWait(() -> {});
		Thread.sleep(500); // let the windows paint before the screen shot (not part of any assertion)
		SwingUtilities.invokeAndWait(() -> {});

		ImageIO.write(new Robot().createScreenCapture(screen), "png", SHOTS.resolve("window_layout.png").toFile());

		List<String> expected = List.of("IMA++ Records", "IMA++ Summary", FixtureInputs.IMAGE + " annotations", "IMA++ metrics " + FixtureInputs.IMAGE,
			"ROI Manager", "IMA++ Browse Dataset", "IMA++ Browse: " + FixtureInputs.IMAGE, CompareMasksCommand.TABLE_TITLE, "Log");
		List<Window> windows = new ArrayList<>();
		for (Window w : Window.getWindows()) if (w.isShowing()) windows.add(w);
		List<String> titles = windows.stream().map(GuiScreenshotTest::title).toList();
		for (String t : expected) assertTrue(titles.contains(t), "no window " + t + " among " + titles);
		assertEquals(3, titles.stream().filter(t -> t.startsWith("IMA++ Figure Agreement Heatmaps")).count(), "the three heat maps: " + titles);

		StringBuilder layout = new StringBuilder("screen " + screen + "\n");
		for (Window w : windows) layout.append(title(w)).append(' ').append(w.getBounds()).append('\n');
		layout.append(steps);
		for (Window w : windows) assertTrue(screen.contains(w.getBounds()), title(w) + " runs off the screen\n" + layout);
		for (int i = 0; i < windows.size(); i++) {
			for (int j = i + 1; j < windows.size(); j++) {
				assertFalse(windows.get(i).getBounds().intersects(windows.get(j).getBounds()), title(windows.get(i)) + " and " + title(windows.get(j)) + " overlap\n" + layout);
			}
		}
		// Tables wide enough for their columns: all of the Summary (its count column) and of the
		// annotation metrics; the Mask Comparison table at least from its id through its ASSD (the
		// mask file names come last), unless those columns alone are wider than the screen.
		assertColumnsVisible("IMA++ Summary", "count", screen);
		assertColumnsVisible("IMA++ metrics " + FixtureInputs.IMAGE, null, screen);
		assertColumnsVisible(CompareMasksCommand.TABLE_TITLE, "assd_score", screen);
		// Images keep their pixels (a tall figure is zoomed out, not resampled).
		ImagePlus view = WindowManager.getImage(FixtureInputs.IMAGE + " annotations");
		assertEquals(fx.openMask(0).getWidth(), view.getWidth(), "the legend is an overlay, not a strip of pixels");
	}

	private static void run(Class<? extends Command> c, FixtureInputs fx, Path out) throws Exception {
		CommandService cs = context.service(CommandService.class);
		CommandInfo info = cs.getCommand(c);
		Map<String, Object> inputs = fx.inputs(CommandKeys.of(info), out);
		CommandModule m = (CommandModule) cs.run(info, true, inputs).get();
		assertEquals(null, m.getCancelReason(), c.getSimpleName());
	}

	/** The showing windows' titles and bounds, read on the event thread after the events queued so far. */
	private static String layout(String when) throws Exception {
		StringBuilder b = new StringBuilder(when).append(":\n");
		SwingUtilities.invokeAndWait(() -> {
			for (Window w : Window.getWindows()) if (w.isShowing()) b.append("  ").append(title(w)).append(' ').append(w.getBounds()).append('\n');
		});
		return b.toString();
	}

	/** Waits for the browser's image window (the browser loads images in the background). */
	private static void awaitImage(String title) throws Exception {
		for (int i = 0; i < 600; i++) {
			ImagePlus imp = WindowManager.getImage(title);
			if (imp != null && imp.getWindow() != null && imp.getWindow().isShowing()) return;
			Thread.sleep(50);
		}
		throw new AssertionError("the browser did not show " + title);
	}

	private static String title(Window w) {
		if (w instanceof ij.gui.ImageWindow iw) return iw.getImagePlus().getTitle(); // the frame's title adds the zoom
		return w instanceof Frame f ? f.getTitle() : w instanceof java.awt.Dialog d ? d.getTitle() : w.getClass().getSimpleName();
	}

	/**
	 * The table's columns up to {@code last} (all when null) lie within its window, read from the
	 * widths ImageJ's panel gave its columns when it painted them (package-private, read reflectively).
	 */
	private static void assertColumnsVisible(String title, String last, Rectangle screen) throws Exception {
		TextPanel tp = ((TextWindow) WindowManager.getWindow(title)).getTextPanel();
		Field f = TextPanel.class.getDeclaredField("iColWidth");
		f.setAccessible(true);
		// ImageJ sizes the columns when it first paints the table: wait for that (a condition, not a time).
		int[] widths = (int[]) f.get(tp);
		for (int i = 0; i < 400 && (widths == null || widths.length == 0 || widths[0] == 0); i++) {
			tp.repaint();
			Thread.sleep(25);
			SwingUtilities.invokeAndWait(() -> {});
			widths = (int[]) f.get(tp);
		}
		assertTrue(widths != null && widths.length > 0 && widths[0] > 0, title + ": the table was never painted");
		List<String> headings = List.of(tp.getColumnHeadings().split("\t", -1));
		int upTo = last == null ? headings.size() - 1 : headings.indexOf(last);
		assertTrue(upTo >= 0, title + " has no column " + last);
		int needed = 0;
		for (int c = 0; c <= upTo; c++) needed += widths[c];
		if (needed > screen.width - 40) {
			System.err.println("[WARNING] " + title + ": columns up to " + headings.get(upTo) + " need " + needed + " px, more than the screen; not checked");
			return;
		}
		assertTrue(needed <= tp.getWidth(), title + ": columns up to " + headings.get(upTo) + " need " + needed + " px, the panel is " + tp.getWidth());
	}
}
