package org.imapp.ij1;

import java.awt.image.BufferedImage;

import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;

import org.imapp.figures.Figure;

/** Shows rendered figures as ImageJ images (with a display or as batch-mode images; headless runs outside batch mode just write files). */
public final class FigureWindows {

	private FigureWindows() {}

	/**
	 * Opens each image of the figure (e.g. the three agreement heat maps) in a window titled with
	 * {@code title} and, when there are several, the name of its PNG file; the first (null when headless).
	 */
	public static ImagePlus show(Figure.Result r, String title) {
		List<Path> pngs = r.files().stream().filter(p -> p.getFileName().toString().endsWith(".png")).toList();
		int n = r.previews().size();
		ImagePlus first = null;
		for (int i = 0; i < n; i++) {
			String which = pngs.size() == n ? pngs.get(i).getFileName().toString() : (i + 1) + " of " + n;
			ImagePlus shown = show(r.previews().get(i), n == 1 ? title : title + " (" + which + ")");
			if (i == 0) first = shown;
		}
		return first;
	}

	/** Opens the figure in an image window; returns the image (null when headless). */
	public static ImagePlus show(BufferedImage figure, String title) {
		if (figure == null || !AnnotationDisplay.canShow()) return null;
		ImagePlus imp = new ImagePlus(title, figure);
		WindowPlacement.show(imp);
		return imp;
	}
}
