package org.imapp.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A figure as a list of simple vector items (rectangles, lines, paths, circles, text, embedded
 * images) in pixel coordinates, painted with Java2D for PNG and written as SVG by
 * {@link SvgWriter}, so both files show the same drawing. Text uses the logical font
 * {@code SansSerif} (DejaVu Sans on headless Linux), the one family every JVM has.
 */
public final class Drawing {

	/** Horizontal text anchor. */
	public enum Anchor {
		START, MIDDLE, END
	}

	/** Vertical text alignment relative to the given y. */
	public enum VAlign {
		BASELINE, MIDDLE, TOP, BOTTOM
	}

	public sealed interface Item permits Rect, Line, Poly, Circle, Text, Picture {}

	public record Rect(double x, double y, double w, double h, Color fill, Color stroke, double strokeWidth) implements Item {}

	public record Line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) implements Item {}

	/** A polyline or (closed) polygon. */
	public record Poly(double[] xs, double[] ys, boolean closed, Color fill, Color stroke, double width, boolean dashed) implements Item {}

	public record Circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth) implements Item {}

	/** Text with its baseline at (x, y), rotated by {@code angle} degrees (clockwise) about that point. */
	public record Text(String text, double x, double y, double size, boolean bold, Anchor anchor, double angle, Color color) implements Item {}

	public record Picture(BufferedImage image, double x, double y, double w, double h) implements Item {}

	public static final String FONT = Font.SANS_SERIF;
	private static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);

	private final double width;
	private final double height;
	private final List<Item> items = new ArrayList<>();

	public Drawing(double width, double height) {
		this.width = width;
		this.height = height;
	}

	public double width() {
		return width;
	}

	public double height() {
		return height;
	}

	public List<Item> items() {
		return Collections.unmodifiableList(items);
	}

	public Drawing rect(double x, double y, double w, double h, Color fill, Color stroke, double strokeWidth) {
		items.add(new Rect(x, y, w, h, fill, stroke, strokeWidth));
		return this;
	}

	public Drawing fill(double x, double y, double w, double h, Color fill) {
		return rect(x, y, w, h, fill, null, 0);
	}

	public Drawing line(double x1, double y1, double x2, double y2, Color color, double width) {
		items.add(new Line(x1, y1, x2, y2, color, width, false));
		return this;
	}

	public Drawing dashed(double x1, double y1, double x2, double y2, Color color, double width) {
		items.add(new Line(x1, y1, x2, y2, color, width, true));
		return this;
	}

	public Drawing poly(double[] xs, double[] ys, boolean closed, Color fill, Color stroke, double width, boolean dashed) {
		items.add(new Poly(xs.clone(), ys.clone(), closed, fill, stroke, width, dashed));
		return this;
	}

	public Drawing circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth) {
		items.add(new Circle(cx, cy, r, fill, stroke, strokeWidth));
		return this;
	}

	public Drawing text(String s, double x, double y, double size, boolean bold, Anchor anchor, VAlign valign, double angle, Color color) {
		// Alignment becomes a baseline shift (along the rotated text's vertical) so PNG and SVG agree.
		double shift = switch (valign) {
			case BASELINE -> 0;
			case MIDDLE -> 0.36 * size;
			case TOP -> 0.76 * size;
			case BOTTOM -> -0.24 * size;
		};
		double a = Math.toRadians(angle);
		items.add(new Text(s, x - shift * Math.sin(a), y + shift * Math.cos(a), size, bold, anchor, angle, color));
		return this;
	}

	public Drawing text(String s, double x, double y, double size, Anchor anchor, VAlign valign) {
		return text(s, x, y, size, false, anchor, valign, 0, Color.BLACK);
	}

	public Drawing picture(BufferedImage image, double x, double y, double w, double h) {
		items.add(new Picture(image, x, y, w, h));
		return this;
	}

	static Font font(double size, boolean bold) {
		return new Font(FONT, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
	}

	/** Advance width of a text in this drawing's font. */
	public static double textWidth(String s, double size, boolean bold) {
		return font(size, bold).getStringBounds(s, FRC).getWidth();
	}

	/** Paints the drawing at {@code scale} pixels per unit on a white background. */
	public BufferedImage render(double scale) {
		int w = (int) Math.ceil(width * scale), h = (int) Math.ceil(height * scale);
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
			g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, w, h);
			g.scale(scale, scale);
			for (Item it : items) paint(g, it);
		}
		finally {
			g.dispose();
		}
		return img;
	}

	private static BasicStroke stroke(double width, boolean dashed) {
		return dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] { (float) (4 * width), (float) (2.5 * width) }, 0f)
			: new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
	}

	private static void paint(Graphics2D g, Item it) {
		if (it instanceof Rect r) {
			Rectangle2D s = new Rectangle2D.Double(r.x(), r.y(), r.w(), r.h());
			if (r.fill() != null) {
				g.setColor(r.fill());
				g.fill(s);
			}
			if (r.stroke() != null && r.strokeWidth() > 0) {
				g.setColor(r.stroke());
				g.setStroke(stroke(r.strokeWidth(), false));
				g.draw(s);
			}
		}
		else if (it instanceof Line l) {
			g.setColor(l.color());
			g.setStroke(stroke(l.width(), l.dashed()));
			g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
		}
		else if (it instanceof Poly p) {
			Path2D.Double path = new Path2D.Double();
			for (int i = 0; i < p.xs().length; i++) {
				if (i == 0) path.moveTo(p.xs()[i], p.ys()[i]);
				else path.lineTo(p.xs()[i], p.ys()[i]);
			}
			if (p.closed()) path.closePath();
			if (p.fill() != null) {
				g.setColor(p.fill());
				g.fill(path);
			}
			if (p.stroke() != null) {
				g.setColor(p.stroke());
				g.setStroke(stroke(p.width(), p.dashed()));
				g.draw(path);
			}
		}
		else if (it instanceof Circle c) {
			Ellipse2D s = new Ellipse2D.Double(c.cx() - c.r(), c.cy() - c.r(), 2 * c.r(), 2 * c.r());
			if (c.fill() != null) {
				g.setColor(c.fill());
				g.fill(s);
			}
			if (c.stroke() != null && c.strokeWidth() > 0) {
				g.setColor(c.stroke());
				g.setStroke(stroke(c.strokeWidth(), false));
				g.draw(s);
			}
		}
		else if (it instanceof Text t) {
			Font f = font(t.size(), t.bold());
			g.setFont(f);
			g.setColor(t.color());
			double w = f.getStringBounds(t.text(), g.getFontRenderContext()).getWidth();
			double dx = switch (t.anchor()) {
				case START -> 0;
				case MIDDLE -> -w / 2;
				case END -> -w;
			};
			AffineTransform saved = g.getTransform();
			g.rotate(Math.toRadians(t.angle()), t.x(), t.y());
			g.drawString(t.text(), (float) (t.x() + dx), (float) t.y());
			g.setTransform(saved);
		}
		else if (it instanceof Picture p) g.drawImage(p.image(), new AffineTransform(p.w() / p.image().getWidth(), 0, 0, p.h() / p.image().getHeight(), p.x(), p.y()), null);
	}
}
