package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

import ij.ImagePlus;
import ij.WindowManager;
import ij.text.TextPanel;
import ij.text.TextWindow;

import org.imapp.commands.AgreementHeatmapsFigureCommand;
import org.imapp.commands.BrowseDatasetCommand;
import org.imapp.commands.CompareMasksCommand;
import org.imapp.commands.LoadMetadataCommand;
import org.imapp.commands.ShowAnnotationsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The suite's main windows open together without hiding each other: Load Metadata's tables, Show
 * Annotations (image, metrics table, ROI Manager), the dataset browser and its image, Compare
 * Masks twice and the three agreement heat maps. Their bounds must lie on the screen and not
 * intersect; tables must show all their columns. CI runs it on a 1600x1000 Xvfb screen (the size
 * the layout is meant for); the screen shot is target/screenshots/window_layout.png.
 */
class WindowLayoutTest {

	private static final Path SHOTS = Path.of("target/screenshots");
	private static Context context;

	@BeforeAll
	static void start() throws Exception {
		assumeFalse(GraphicsEnvironment.isHeadless(), "No display: GUI test skipped (run the tests under xvfb-run, as CI does)");
		Files.createDirectories(SHOTS);
		context = new Context();
		CommandsTest.closeWindows();
		ij.macro.Interpreter.batchMode = false;
	}

	@AfterAll
	static void stop() throws Exception {
		if (context != null) context.dispose();
		if (!GraphicsEnvironment.isHeadless()) CommandsTest.closeWindows();
	}

	@Test
	void mainWindowsLieOnTheScreenWithoutCoveringEachOther(@TempDir Path tmp) throws Exception {
		FixtureInputs fx = FixtureInputs.create(tmp);
		run(LoadMetadataCommand.class, fx, tmp.resolve("metadata"));
		run(ShowAnnotationsCommand.class, fx, tmp.resolve("annotations"));
		run(BrowseDatasetCommand.class, fx, tmp.resolve("browse"));
		awaitImage("IMA++ Browse: " + FixtureInputs.IMAGE);
		run(CompareMasksCommand.class, fx, tmp.resolve("compare"));
		run(CompareMasksCommand.class, fx, tmp.resolve("compare"));
		run(AgreementHeatmapsFigureCommand.class, fx, tmp.resolve("figure"));
		SwingUtilities.invokeAndWait(() -> {});
		Thread.sleep(500); // let the windows paint before the screen shot (not part of any assertion)
		SwingUtilities.invokeAndWait(() -> {});

		Rectangle screen = WindowPlacement.screen();
		ImageIO.write(new Robot().createScreenCapture(screen), "png", SHOTS.resolve("window_layout.png").toFile());

		List<String> expected = List.of("IMA++ Records", "IMA++ Summary", FixtureInputs.IMAGE + " annotations", "IMA++ metrics " + FixtureInputs.IMAGE,
			"ROI Manager", "IMA++ Browse Dataset", "IMA++ Browse: " + FixtureInputs.IMAGE, CompareMasksCommand.TABLE_TITLE);
		List<Window> windows = new ArrayList<>();
		for (Window w : Window.getWindows()) if (w.isShowing()) windows.add(w);
		List<String> titles = windows.stream().map(WindowLayoutTest::title).toList();
		for (String t : expected) assertTrue(titles.contains(t), "no window " + t + " among " + titles);
		assertEquals(3, titles.stream().filter(t -> t.startsWith("IMA++ Figure Agreement Heatmaps")).count(), "the three heat maps: " + titles);

		Rectangle box = screen.intersection(new Rectangle(0, 0, 1600, 1000));
		StringBuilder layout = new StringBuilder("screen " + screen + "\n");
		for (Window w : windows) layout.append(title(w)).append(' ').append(w.getBounds()).append('\n');
		for (Window w : windows) assertTrue(box.contains(w.getBounds()), title(w) + " runs off the screen\n" + layout);
		for (int i = 0; i < windows.size(); i++) {
			for (int j = i + 1; j < windows.size(); j++) {
				assertFalse(windows.get(i).getBounds().intersects(windows.get(j).getBounds()), title(windows.get(i)) + " and " + title(windows.get(j)) + " overlap\n" + layout);
			}
		}
		// Tables wide enough for their columns: all of the Summary (its count column) and of the
		// annotation metrics; the Mask Comparison table at least up to its Dice, unless its name
		// columns alone are wider than the screen.
		assertColumnsVisible("IMA++ Summary", "count", screen);
		assertColumnsVisible("IMA++ metrics " + FixtureInputs.IMAGE, null, screen);
		assertColumnsVisible(CompareMasksCommand.TABLE_TITLE, "dice_score", screen);
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
		int[] widths = (int[]) f.get(tp);
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
