package org.imapp.figures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.imapp.io.AtomicFiles;
import org.imapp.mask.PngEncoder;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Writes a figure's files atomically: {@code <name>.png} (rendered at {@link #PNG_SCALE}),
 * {@code <name>.svg}, and each table of the numbers it draws as {@code <name><suffix>.csv}.
 */
public final class FigureFiles {

	/** PNG pixels per drawing unit: drawings are laid out for reading at 1×, PNGs are twice as sharp for print. */
	public static final double PNG_SCALE = 2;

	private FigureFiles() {}

	/**
	 * @param tables suffix → table ("" gives {@code <name>.csv}, "_sets" gives {@code <name>_sets.csv})
	 * @return the files written (PNG first)
	 */
	public static List<Path> write(Drawing d, Map<String, Table> tables, Path dir, String name, boolean svg) throws IOException {
		List<Path> out = new ArrayList<>();
		BufferedImage png = d.render(PNG_SCALE);
		Path p = dir.resolve(name + ".png");
		AtomicFiles.write(p, o -> writePng(png, o));
		out.add(p);
		if (svg) {
			Path s = dir.resolve(name + ".svg");
			AtomicFiles.write(s, SvgWriter.toSvg(d).getBytes(StandardCharsets.UTF_8));
			out.add(s);
		}
		out.addAll(writeTables(tables, dir, name));
		return out;
	}

	/** A figure image as PNG: the same bytes as ImageIO's writer, much faster for the figures' TYPE_INT_RGB images. */
	static void writePng(BufferedImage image, OutputStream out) throws IOException {
		if (image.getType() == BufferedImage.TYPE_INT_RGB) PngEncoder.writeRgb(image, out);
		else if (!ImageIO.write(image, "png", out)) throw new IOException("No PNG writer available");
	}

	public static List<Path> writeTables(Map<String, Table> tables, Path dir, String name) throws IOException {
		List<Path> out = new ArrayList<>();
		for (var e : tables.entrySet()) {
			Path c = dir.resolve(name + e.getKey() + ".csv");
			CsvTables.write(e.getValue(), c);
			out.add(c);
		}
		return out;
	}
}
