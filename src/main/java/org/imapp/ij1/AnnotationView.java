package org.imapp.ij1;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.io.Opener;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.mask.BinaryMask;

/**
 * A lesion image with its annotations: the photograph (its own size and pixels), each mask's
 * outline as a named, coloured ROI in the overlay, optionally the agreement map, and the legend as
 * overlay text on a translucent box in the top-left corner. Nothing is drawn into the pixels, so
 * Image>Overlay>Hide Overlay shows the bare photograph and measurements see the photograph only.
 */
public final class AnnotationView {

	private AnnotationView() {}

	/**
	 * Opens the lesion image of {@code group} from the dataset's image folder, or a neutral grey
	 * canvas of the masks' size when there is none.
	 * @throws IOException when the image cannot be read or its size differs from the masks'
	 */
	public static ImagePlus lesion(Dataset dataset, ImageGroup group, int width, int height) throws IOException {
		Path file = dataset.paths().image(group.imgFilename());
		if (file == null) {
			ColorProcessor cp = new ColorProcessor(width, height);
			cp.setColor(new Color(0x60, 0x60, 0x60));
			cp.fill();
			return new ImagePlus(group.isicId() + " (no lesion image)", cp);
		}
		ImagePlus imp = new Opener().openImage(file.toString());
		if (imp == null) throw new IOException("Cannot read lesion image " + file);
		if (imp.getWidth() != width || imp.getHeight() != height) {
			throw new IOException("Lesion image " + file + " is " + imp.getWidth() + "x" + imp.getHeight() + " but its masks are " + width + "x" + height);
		}
		return imp;
	}

	/**
	 * The annotated view: an RGB copy of the lesion with the outlines and legend in the overlay.
	 * @param agreementMap draw the share-of-annotators map under the outlines
	 */
	public static ImagePlus render(ImagePlus lesion, ImageAnnotations ann, boolean agreementMap) {
		int w = ann.width(), h = ann.height();
		Legend legend = new Legend(ann, agreementMap, w, h);
		ImageProcessor canvas = lesion.getProcessor().convertToRGB();
		if (canvas == lesion.getProcessor()) canvas = canvas.duplicate(); // never draw on the caller's image
		ImagePlus view = new ImagePlus(ann.group().isicId() + " annotations", canvas);
		Overlay overlay = new Overlay();
		if (agreementMap && ann.annotators().size() > 0) {
			List<BinaryMask> masks = ann.annotators().stream().map(ImageAnnotations.Annotation::mask).toList();
			overlay.add(AgreementMap.overlay(AgreementMap.votes(masks), w, h, masks.size()));
		}
		for (Roi roi : ann.rois()) overlay.add(roi);
		legend.addTo(overlay);
		view.setOverlay(overlay);
		view.setProperty("Info", "IMA++ " + ann.group().isicId() + ": " + ann.annotators().size() + " annotator masks, "
			+ ann.consensus().size() + " consensus masks");
		return view;
	}

	/** The legend's layout: one line per mask, then the agreement scale. */
	private static final class Legend {
		final ImageAnnotations ann;
		final boolean agreement;
		final int font;
		final int line;
		final int width;
		final int height;
		final int lines;

		Legend(ImageAnnotations ann, boolean agreement, int w, int h) {
			this.ann = ann;
			this.agreement = agreement && !ann.annotators().isEmpty();
			this.lines = 1 + ann.all().size() + (this.agreement ? 1 + ann.annotators().size() : 0);
			// Text scales with the photograph, readable on small images but never taller than the photograph.
			int f = (int) Math.round(Math.max(12, h / 40.0));
			this.font = Math.max(6, Math.min(f, (int) (h / ((lines + 1) * 1.35))));
			this.line = Math.round(font * 1.35f);
			this.width = Math.min(w, font * 12);
			this.height = Math.min(h, line * lines + line / 2);
		}

		void addTo(Overlay overlay) {
			Roi box = new Roi(0, 0, width, height);
			box.setFillColor(new Color(0x20, 0x20, 0x20, 0xb0));
			overlay.add(box);
			Font f = new Font(Font.SANS_SERIF, Font.PLAIN, font);
			int x = font / 2;
			int y = line / 4;
			overlay.add(text(ann.group().isicId(), x, y, new Font(Font.SANS_SERIF, Font.BOLD, font), Color.WHITE));
			y += line;
			float lw = Math.max(2f, font / 6f);
			for (ImageAnnotations.Annotation a : ann.all()) {
				Color c = AnnotationStyle.color(a.record().annotator());
				Line sample = new Line(x, y + line / 2.0, x + font * 2.2, y + line / 2.0);
				sample.setStrokeColor(c);
				if (a.record().isConsensus()) sample.setStroke(AnnotationStyle.consensusStroke(lw * 1.5f, a.record().annotator()));
				else sample.setStrokeWidth(lw);
				overlay.add(sample);
				String label = a.name() + (a.isEmpty() ? " (empty)" : "");
				overlay.add(text(label, x + (int) (font * 2.6), y, f, c));
				y += line;
			}
			if (!agreement) return;
			int n = ann.annotators().size();
			overlay.add(text("Agreement", x, y, new Font(Font.SANS_SERIF, Font.BOLD, font), Color.WHITE));
			y += line;
			for (int k = 1; k <= n; k++) {
				Roi swatch = new Roi(new Rectangle(x, y + line / 6, (int) (font * 2.2), line * 2 / 3));
				swatch.setFillColor(AgreementMap.color(k, n));
				overlay.add(swatch);
				overlay.add(text(k + " of " + n + " (" + Math.round(100.0 * k / n) + "%)", x + (int) (font * 2.6), y, f, Color.WHITE));
				y += line;
			}
		}

		private static TextRoi text(String s, int x, int y, Font f, Color c) {
			TextRoi t = new TextRoi(x, y, s, f);
			t.setStrokeColor(c);
			t.setAntiAlias(true);
			return t;
		}
	}
}
