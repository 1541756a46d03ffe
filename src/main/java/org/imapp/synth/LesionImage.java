package org.imapp.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.imapp.io.AtomicFiles;

/**
 * Paints a dermoscopy-like lesion image: skin-toned background with the dark vignette of a
 * dermatoscope, a brownish lesion with a soft rim, darker centre and globules, optional hairs.
 * Good enough to look at an overlay of annotations on; not a model of real dermoscopy.
 */
public final class LesionImage {

	private LesionImage() {}

	/**
	 * @param lesions outlines of the pigmented areas (holes as reversed rings)
	 * @param centre the lesion centre (for shading)
	 */
	public static BufferedImage render(int width, int height, List<PolygonFill.Ring> lesions, Point2D centre, Random r, boolean hairs) {
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			int minSide = Math.min(width, height);
			Color skin = new Color(205 + r.nextInt(35), 150 + r.nextInt(40), 125 + r.nextInt(35));
			Color rim = skin.darker().darker();
			float radius = (float) (0.62 * Math.hypot(width, height));
			g.setPaint(new RadialGradientPaint(new Point2D.Double(width / 2.0, height / 2.0), radius,
				new float[] { 0f, 0.65f, 1f }, new Color[] { brighter(skin, 1.06), skin, rim },
				MultipleGradientPaint.CycleMethod.NO_CYCLE));
			g.fillRect(0, 0, width, height);
			// Skin texture: faint reddish and darker blotches.
			for (int i = 0; i < 40; i++) {
				double s = minSide * (0.03 + 0.12 * r.nextDouble());
				g.setColor(new Color(150 + r.nextInt(60), 90 + r.nextInt(40), 80 + r.nextInt(40), 10 + r.nextInt(18)));
				g.fill(new Ellipse2D.Double(r.nextDouble() * width - s / 2, r.nextDouble() * height - s / 2, s, s * (0.5 + r.nextDouble())));
			}
			Path2D lesion = new Path2D.Double(Path2D.WIND_NON_ZERO);
			for (PolygonFill.Ring ring : lesions) {
				lesion.moveTo(ring.x()[0], ring.y()[0]);
				for (int i = 1; i < ring.size(); i++) lesion.lineTo(ring.x()[i], ring.y()[i]);
				lesion.closePath();
			}
			Color brown = new Color(120 + r.nextInt(40), 70 + r.nextInt(30), 40 + r.nextInt(25));
			// Soft rim: scaled copies around the centre, from pale and wide to dark and small.
			double[] scales = { 1.10, 1.05, 1.0, 0.8, 0.6, 0.4 };
			int[] alphas = { 40, 70, 200, 90, 90, 80 };
			for (int i = 0; i < scales.length; i++) {
				AffineTransform t = new AffineTransform();
				t.translate(centre.getX(), centre.getY());
				t.scale(scales[i], scales[i]);
				t.translate(-centre.getX(), -centre.getY());
				Color c = i < 3 ? brown : brown.darker();
				g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), alphas[i]));
				g.fill(t.createTransformedShape(lesion));
			}
			// Globules: dark dots inside the lesion.
			var bounds = lesion.getBounds2D();
			for (int i = 0, placed = 0; i < 400 && placed < 60; i++) {
				double x = bounds.getX() + r.nextDouble() * bounds.getWidth();
				double y = bounds.getY() + r.nextDouble() * bounds.getHeight();
				if (!lesion.contains(x, y)) continue;
				double s = minSide * (0.004 + 0.012 * r.nextDouble());
				g.setColor(new Color(60 + r.nextInt(30), 35 + r.nextInt(20), 25 + r.nextInt(15), 120 + r.nextInt(100)));
				g.fill(new Ellipse2D.Double(x - s / 2, y - s / 2, s, s));
				placed++;
			}
			if (hairs) {
				int n = 2 + r.nextInt(14);
				g.setStroke(new BasicStroke((float) Math.max(1, minSide * (0.002 + 0.003 * r.nextDouble())), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
				for (int i = 0; i < n; i++) {
					double x0 = r.nextDouble() * width, y0 = r.nextDouble() * height;
					double len = minSide * (0.3 + 0.7 * r.nextDouble());
					double a = 2 * Math.PI * r.nextDouble();
					double x3 = x0 + len * Math.cos(a), y3 = y0 + len * Math.sin(a);
					g.setColor(new Color(30 + r.nextInt(40), 20 + r.nextInt(25), 15 + r.nextInt(20), 200));
					g.draw(new CubicCurve2D.Double(x0, y0, x0 + len * 0.3 * Math.cos(a + 0.4), y0 + len * 0.3 * Math.sin(a + 0.4),
						x3 - len * 0.3 * Math.cos(a - 0.4), y3 - len * 0.3 * Math.sin(a - 0.4), x3, y3));
				}
			}
		}
		finally {
			g.dispose();
		}
		return img;
	}

	private static Color brighter(Color c, double f) {
		return new Color(Math.min(255, (int) (c.getRed() * f)), Math.min(255, (int) (c.getGreen() * f)), Math.min(255, (int) (c.getBlue() * f)));
	}

	/** Writes a JPEG (quality 0.9) atomically. */
	public static void writeJpeg(BufferedImage img, Path file) throws IOException {
		AtomicFiles.write(file, out -> {
			Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
			if (!it.hasNext()) throw new IOException("No JPEG writer available");
			ImageWriter w = it.next();
			try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
				w.setOutput(ios);
				ImageWriteParam p = w.getDefaultWriteParam();
				p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				p.setCompressionQuality(0.9f);
				w.write(null, new IIOImage(img, null, null), p);
			}
			finally {
				w.dispose();
			}
		});
	}
}
