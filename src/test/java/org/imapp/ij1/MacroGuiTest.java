package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.GraphicsEnvironment;

import ij.ImageJ;
import ij.Menus;
import ij.macro.Interpreter;

import java.nio.file.Path;

import org.imapp.Fixtures;
import org.imapp.data.DatasetPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Macros in ImageJ with a GUI, on a (virtual) display: a command's messages reach the Log window.
 */
class MacroGuiTest {

	private static final String LABEL = "IMA++ Metadata Report";

	/** ImageJ with its (hidden) main window and the plugins.config line, as ImageJ installs it from the jar. */
	private static void startImageJ() {
		assumeFalse(GraphicsEnvironment.isHeadless(), "No display: GUI macro test skipped (run the tests under xvfb-run, as CI does)");
		if (ij.IJ.getInstance() == null) new ImageJ(ImageJ.NO_SHOW);
		Menus.getCommands().put(LABEL, "org.imapp.ij1.LegacyCommand(\"org.imapp.commands.MetadataReportCommand\")");
	}

	@Test
	void messagesReachTheLogWindow(@TempDir Path tmp) throws Exception {
		startImageJ();
		Path seg = Fixtures.SMALL.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
		new Interpreter().run("run(\"" + LABEL + "\", \"metadata=[" + seg + "] output=[" + tmp + "]\");\n");
		String log = ij.IJ.getLog();
		assertTrue(log != null && log.contains("[INFO] Syntactic accuracy of " + seg + ": "), String.valueOf(log));
	}
}
