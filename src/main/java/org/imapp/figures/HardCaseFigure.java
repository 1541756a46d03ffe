package org.imapp.figures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.imapp.analysis.HardCases;
import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.figures.Drawing.Anchor;
import org.imapp.figures.Drawing.VAlign;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskReadException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;

/**
 * {@code hard_cases}: the images with a zero-overlap annotator pair and the {@link #LOWEST} of lowest
 * mean Dice, each drawn with every mask's outline in its own colour and a legend
 * ({@code hard_cases/<ISIC_id>.png}), plus a contact sheet of all of them. The selection table is
 * written even when the masks are not available (then the overlays are reported missing).
 */
public final class HardCaseFigure implements Figure {

	public static final String NAME = "hard_cases";
	public static final String FOLDER = "hard_cases";
	/** Lowest-agreement images added beyond the zero-overlap ones. */
	public static final int LOWEST = 10;
	private static final int SIDE = 480, PAD = 8, OVERSAMPLE = 2;

	@Override
	public String label() {
		return "IMA++ Figure Hard Cases";
	}

	@Override
	public boolean readsMasks() {
		return true;
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		List<HardCases.Case> cases = HardCases.select(in.pairs().pairs(), LOWEST);
		Table selection = HardCases.table(cases);
		List<Path> files = new ArrayList<>(FigureFiles.writeTables(Map.of("", selection), out, NAME));
		if (cases.isEmpty()) throw new MissingInputException("No annotator pairs with a Dice value in " + in.pairs().source());
		List<BufferedImage> overlays = new ArrayList<>();
		Table legend = new Table("img_id", "seg_filename", "label", "color");
		try (Dataset ds = in.openDataset()) {
			for (int i = 0; i < cases.size(); i++) {
				monitor.checkCanceled();
				HardCases.Case c = cases.get(i);
				monitor.progress(i, cases.size(), "Hard case " + c.imgId());
				ImageGroup g = ds.group(c.imgId());
				if (g == null) throw new IllegalArgumentException(ds.paths().segMetadata() + ": no masks listed for image " + c.imgId() + " (from " + in.pairs().source() + ")");
				List<SegRecord> recs = g.allMasks();
				List<BinaryMask> masks = new ArrayList<>();
				List<Color> colors = new ArrayList<>();
				List<String> labels = new ArrayList<>();
				List<Color> drawn = new ArrayList<>();
				for (int k = 0; k < recs.size(); k++) {
					colors.add(Palette.outline(k));
					String note;
					BinaryMask m = null;
					try {
						m = ds.masks().read(recs.get(k).segFilename());
						// An empty mask has no outline; the legend says so instead of showing nothing.
						note = m.isEmpty() ? " (empty mask)" : "";
						if (!masks.isEmpty() && !m.sameSize(masks.get(0))) {
							note = " (size differs from the other masks, not drawn)";
							m = null;
						}
					}
					catch (MaskReadException e) {
						// A damaged mask is a reported problem of the run (QA, pipeline_problems.csv), not a failed figure: left out, said in the legend.
						note = " (unreadable mask, not drawn)";
					}
					if (m != null) {
						masks.add(m);
						drawn.add(colors.get(k));
					}
					labels.add(recs.get(k).label() + note);
					legend.addRow(c.imgId(), recs.get(k).segFilename(), labels.get(k), SvgWriter.hex(colors.get(k)));
				}
				if (masks.isEmpty()) throw new MissingInputException("No readable mask of hard case " + c.imgId());
				Path imgFile = ds.paths().image(c.imgId());
				BufferedImage image = imgFile == null ? null : readImage(imgFile);
				BufferedImage overlay = MaskOverlay.render(image, masks, drawn, SIDE * OVERSAMPLE, PAD * OVERSAMPLE, 3 * OVERSAMPLE);
				overlays.add(overlay);
				Drawing d = drawCase(c, labels, colors, overlay, imgFile == null);
				files.addAll(FigureFiles.write(d, Map.of(), out.resolve(FOLDER), g.isicId(), false));
			}
		}
		monitor.progress(cases.size(), cases.size(), null);
		Drawing sheet = drawSheet(cases, overlays);
		Map<String, Table> tables = new LinkedHashMap<>();
		tables.put("_masks", legend);
		files.addAll(0, FigureFiles.write(sheet, tables, out, NAME, true));
		return new Result(files, sheet.render(1));
	}

	private static BufferedImage readImage(Path file) throws IOException {
		BufferedImage img;
		try {
			img = ImageIO.read(file.toFile());
		}
		catch (IOException e) {
			throw new IOException(file + ": cannot read lesion image: " + e.getMessage(), e);
		}
		if (img == null) throw new IOException(file + ": not a readable image");
		return img;
	}

	private static String caption(HardCases.Case c) {
		String s = String.format(Locale.ROOT, "mean Dice %.3f, min %.3f, ", c.meanDice(), c.minDice()) + Counts.of(c.pairs(), "pair");
		return c.zeroPairs() > 0 ? s + String.format(Locale.ROOT, ", %d with Dice 0", c.zeroPairs()) : s;
	}

	static Drawing drawCase(HardCases.Case c, List<String> labels, List<Color> colors, BufferedImage overlay, boolean noImage) {
		double w = overlay.getWidth() / (double) OVERSAMPLE, h = overlay.getHeight() / (double) OVERSAMPLE;
		double legendW = 20 + labels.stream().mapToDouble(l -> Drawing.textWidth(l, PlotArea.TICK_FONT, false)).max().orElse(0) + 40;
		Drawing d = new Drawing(w + legendW + 30, Math.max(h + 80, 90 + labels.size() * 24));
		d.text(c.imgId().replaceFirst("\\.[^.]*$", "") + (noImage ? " (no lesion image found)" : ""), 10, 26, PlotArea.TITLE_FONT, true, Anchor.START, VAlign.BASELINE, 0, Color.BLACK);
		d.text(caption(c), 10, 48, PlotArea.TICK_FONT, Anchor.START, VAlign.BASELINE);
		d.picture(overlay, 10, 62, w, h);
		double lx = w + 30, ly = 70;
		d.text("Masks", lx, ly + 8, PlotArea.LABEL_FONT, true, Anchor.START, VAlign.BASELINE, 0, Color.BLACK);
		for (int k = 0; k < labels.size(); k++) {
			double y = ly + 32 + k * 24;
			d.rect(lx, y - 8, 26, 16, new Color(0x9e9e9e), null, 0);
			d.line(lx + 3, y, lx + 23, y, colors.get(k), 4);
			d.text(labels.get(k), lx + 34, y, PlotArea.TICK_FONT, Anchor.START, VAlign.MIDDLE);
		}
		return d;
	}

	static Drawing drawSheet(List<HardCases.Case> cases, List<BufferedImage> overlays) {
		int cols = Math.min(4, cases.size()), rows = (cases.size() + cols - 1) / cols;
		double cell = 250, capH = 48;
		Drawing d = new Drawing(20 + cols * (cell + 14), 60 + rows * (cell + capH + 10));
		d.text("Hard cases: " + Counts.of(cases.size(), "image") + " (zero-overlap pairs and lowest mean Dice)", d.width() / 2, 30, PlotArea.TITLE_FONT + 1, true,
			Anchor.MIDDLE, VAlign.MIDDLE, 0, Color.BLACK);
		for (int i = 0; i < cases.size(); i++) {
			BufferedImage o = overlays.get(i);
			double scale = cell / Math.max(o.getWidth(), o.getHeight());
			double w = o.getWidth() * scale, h = o.getHeight() * scale;
			double x0 = 20 + (i % cols) * (cell + 14), y0 = 55 + (i / cols) * (cell + capH + 10);
			d.picture(thumbnail(o, (int) Math.round(w * FigureFiles.PNG_SCALE), (int) Math.round(h * FigureFiles.PNG_SCALE)), x0 + (cell - w) / 2, y0 + (cell - h) / 2, w, h);
			HardCases.Case c = cases.get(i);
			double capY = y0 + (cell + h) / 2;
			d.text(c.imgId().replaceFirst("\\.[^.]*$", ""), x0 + cell / 2, capY + 18, PlotArea.TICK_FONT, true, Anchor.MIDDLE, VAlign.BASELINE, 0, Color.BLACK);
			d.text(String.format(Locale.ROOT, "mean Dice %.3f%s", c.meanDice(), c.zeroPairs() > 0 ? " · Dice-0 pair" : ""), x0 + cell / 2, capY + 35, PlotArea.VALUE_FONT,
				Anchor.MIDDLE, VAlign.BASELINE);
		}
		return d;
	}

	/** A smaller copy, so the contact sheet's SVG does not embed every full overlay. */
	private static BufferedImage thumbnail(BufferedImage src, int w, int h) {
		if (w >= src.getWidth()) return src;
		BufferedImage t = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = t.createGraphics();
		g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(src, 0, 0, t.getWidth(), t.getHeight(), null);
		g.dispose();
		return t;
	}
}
