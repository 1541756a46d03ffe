package org.imapp.ij1;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;

import ij.ImagePlus;

/** Shows rendered figures as ImageJ images (only with a display; headless runs just write files). */
public final class FigureWindows {

	private FigureWindows() {}

	/** Opens the figure in an image window; returns the image (null when headless). */
	public static ImagePlus show(BufferedImage figure, String title) {
		if (figure == null || GraphicsEnvironment.isHeadless()) return null;
		ImagePlus imp = new ImagePlus(title, figure);
		imp.show();
		return imp;
	}
}
