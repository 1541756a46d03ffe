package org.imapp.ij1;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import org.imapp.io.AtomicFiles;

/** Puts an annotated view on screen (image window, ROI Manager) or on disk. */
public final class AnnotationDisplay {

	private AnnotationDisplay() {}

	/**
	 * True when results should be shown: with a display, or in a batch-mode macro, where
	 * {@code ImagePlus.show()} makes a batch-mode image the macro can use ({@code nImages},
	 * {@code getTitle()}, {@code saveAs}) and the ROI Manager is the macro's hidden one.
	 */
	public static boolean canShow() {
		return !GraphicsEnvironment.isHeadless() || ij.macro.Interpreter.isBatchMode();
	}

	/** True when windows the user interacts with can be opened: a display and no batch mode. */
	public static boolean interactive() {
		return !GraphicsEnvironment.isHeadless() && !ij.macro.Interpreter.isBatchMode();
	}

	/** Shows the view and lists its mask ROIs in the ROI Manager. */
	public static void show(ImagePlus view, ImageAnnotations ann) {
		WindowPlacement.show(view);
		listInRoiManager(ann);
	}

	/**
	 * Puts the image's mask ROIs in the ROI Manager, replacing what it held (headless there is
	 * no ROI Manager, which is a window: the ROIs stay on the image's overlay).
	 */
	public static void listInRoiManager(ImageAnnotations ann) {
		if (GraphicsEnvironment.isHeadless()) return;
		// In a batch-mode macro getInstance() is the macro's hidden ROI Manager, which roiManager(...) reads.
		RoiManager rm = WindowPlacement.roiManager();
		rm.reset();
		for (Roi roi : ann.rois()) rm.addRoi((Roi) roi.clone());
	}

	/** The ISIC id in the title of the active image (e.g. {@code ISIC_0015171.JPG}), or null. */
	public static String activeIsicId() {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) return null;
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("ISIC_\\d{7}").matcher(imp.getTitle());
		return m.find() ? m.group() : null;
	}

	/** Saves the view with its overlay burnt in as a PNG, atomically. */
	public static void savePng(ImagePlus view, Path file) throws IOException {
		ImagePlus flat = view.flatten();
		AtomicFiles.write(file, out -> ImageIO.write(flat.getBufferedImage(), "png", out));
	}
}
