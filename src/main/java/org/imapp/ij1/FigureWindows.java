package org.imapp.ij1;

import java.awt.image.BufferedImage;

import ij.ImagePlus;

/** Shows rendered figures as ImageJ images (with a display or as batch-mode images; headless runs outside batch mode just write files). */
public final class FigureWindows {

	private FigureWindows() {}

	/** Opens the figure in an image window; returns the image (null when headless). */
	public static ImagePlus show(BufferedImage figure, String title) {
		if (figure == null || !AnnotationDisplay.canShow()) return null;
		ImagePlus imp = new ImagePlus(title, figure);
		imp.show();
		return imp;
	}
}
