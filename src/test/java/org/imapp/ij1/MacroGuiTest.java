package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.Button;
import java.awt.GraphicsEnvironment;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;
import java.util.function.Consumer;

import javax.swing.SwingUtilities;

import ij.ImageJ;
import ij.Menus;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;
import ij.macro.MacroRunner;

import org.imapp.Fixtures;
import org.imapp.data.DatasetPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Macros in ImageJ with a GUI, on a (virtual) display: a command's messages reach the Log window,
 * and Cancel in the dialog a macro's {@code run(...)} opened stops the macro.
 */
class MacroGuiTest {

	private static final String LABEL = "IMA++ Metadata Report";

	/** ImageJ with its (hidden) main window and the plugins.config line, as ImageJ installs it from the jar. */
	private static void startImageJ() {
		assumeFalse(GraphicsEnvironment.isHeadless(), "No display: GUI macro test skipped (run the tests under xvfb-run, as CI does)");
		if (ij.IJ.getInstance() == null) new ImageJ(ImageJ.NO_SHOW);
		Menus.getCommands().put(LABEL, "org.imapp.ij1.LegacyCommand(\"org.imapp.commands.MetadataReportCommand\")");
		// Dialogs open only outside batch mode; earlier tests in this JVM may have left it on.
		Interpreter.batchMode = false;
	}

	@Test
	void messagesReachTheLogWindow(@TempDir Path tmp) throws Exception {
		startImageJ();
		Path seg = Fixtures.SMALL.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
		new Interpreter().run("run(\"" + LABEL + "\", \"metadata=[" + seg + "] output=[" + tmp + "]\");\n");
		String log = ij.IJ.getLog();
		assertTrue(log != null && log.contains("[INFO] Syntactic accuracy of " + seg + ": "), String.valueOf(log));
	}

	/** Cancel: the statement after {@code run(...)} never runs and the command writes nothing. */
	@Test
	void cancelInTheDialogStopsTheMacro(@TempDir Path tmp) throws Exception {
		startImageJ();
		Path after = tmp.resolve("after.txt");
		runMacroAnswering(macroWritingAfterRun(after), gd -> click(gd, 1));
		assertFalse(Files.exists(after), "the macro went on after Cancel");
	}

	/** The control: OK with the fields filled runs the command, and the macro carries on. */
	@Test
	void okInTheDialogRunsTheCommandAndTheMacroGoesOn(@TempDir Path tmp) throws Exception {
		startImageJ();
		Path after = tmp.resolve("after.txt");
		Path seg = Fixtures.SMALL.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
		Path out = tmp.resolve("report");
		runMacroAnswering(macroWritingAfterRun(after), gd -> {
			// Fields in key order: dataset, metadata, output.
			@SuppressWarnings("unchecked")
			Vector<TextField> fields = gd.getStringFields();
			assertEquals(3, fields.size());
			fields.get(1).setText(seg.toString());
			fields.get(2).setText(out.toString());
			click(gd, 0);
		});
		assertEquals("after", Files.readString(after));
		try (var files = Files.list(out)) {
			assertTrue(files.findAny().isPresent(), "the report folder is empty");
		}
	}

	private static String macroWritingAfterRun(Path after) {
		return "run(\"" + LABEL + "\");\nFile.saveString(\"after\", \"" + after.toString().replace("\\", "/") + "\");\n";
	}

	/**
	 * Runs the macro as ImageJ runs macros (its own "Macro$" thread), waits for the command's
	 * dialog, answers it on the event thread and waits for the macro to end.
	 */
	private static void runMacroAnswering(String macro, Consumer<GenericDialog> answer) throws Exception {
		// Only this run's dialog: an earlier test's, being disposed on the event thread, may still
		// show under the same title (answering it instead left this macro waiting forever).
		java.util.Set<Window> earlier = java.util.Set.of(Window.getWindows());
		Thread thread = new MacroRunner(macro).getThread();
		GenericDialog gd = null;
		for (int i = 0; i < 3000 && gd == null; i++) {
			for (Window w : Window.getWindows()) if (w instanceof GenericDialog d && !earlier.contains(d) && LABEL.equals(d.getTitle()) && d.isShowing()) gd = d;
			if (gd == null) Thread.sleep(20);
		}
		assertNotNull(gd, "the command's dialog did not open");
		// Answer only once the macro's thread waits in the dialog's modal loop. The dialog shows
		// before Dialog.show() has set up that loop; a hide in between (within microseconds, which
		// no hand achieves but a loaded test machine did) finds no loop to end, and show() then
		// waits forever for a dialog that is gone (a JDK race, not the suite's).
		for (int i = 0; i < 3000 && !inModalLoop(thread); i++) Thread.sleep(20);
		assertTrue(inModalLoop(thread), "the macro's thread never waited in the dialog");
		for (int i = 0; i < 3; i++) SwingUtilities.invokeAndWait(() -> {});
		GenericDialog dialog = gd;
		SwingUtilities.invokeAndWait(() -> answer.accept(dialog));
		thread.join(120_000);
		if (thread.isAlive()) {
			// The macro's and the event thread's stacks first: a build log keeps only the start.
			StringBuilder where = new StringBuilder();
			var stacks = new java.util.ArrayList<>(Thread.getAllStackTraces().entrySet());
			stacks.sort(java.util.Comparator.comparing(e -> e.getKey() == thread || e.getKey().getName().startsWith("AWT-EventQueue") ? 0 : 1));
			for (var e : stacks) {
				where.append(e.getKey().getName()).append(" (").append(e.getKey().getState()).append(")\n");
				for (StackTraceElement f : e.getValue()) {
					if (f.getClassName().startsWith("org.junit.")) break;
					where.append("  at ").append(f).append('\n');
				}
			}
			throw new AssertionError("the macro did not end; threads:\n" + where);
		}
	}

	private static boolean inModalLoop(Thread thread) {
		if (thread.getState() != Thread.State.WAITING) return false;
		for (StackTraceElement f : thread.getStackTrace()) {
			if (f.getClassName().equals("java.awt.WaitDispatchSupport") && f.getMethodName().equals("enter")) return true;
		}
		return false;
	}

	/** Presses a dialog button (0 = OK, 1 = Cancel) as a mouse click does: an action event from the button. */
	private static void click(GenericDialog gd, int index) {
		Button b = gd.getButtons()[index];
		gd.actionPerformed(new ActionEvent(b, ActionEvent.ACTION_PERFORMED, b.getLabel()));
	}
}
