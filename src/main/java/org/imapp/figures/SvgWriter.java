package org.imapp.figures;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes a {@link Drawing} as a standalone SVG 1.1 document (JFreeChart 1.5 has no SVG export):
 * one element per item, text as real text in the same font family, embedded images as PNG data URIs.
 */
public final class SvgWriter {

	private SvgWriter() {}

	public static String toSvg(Drawing d) {
		StringBuilder sb = new StringBuilder(1 << 16);
		sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"").append(n(d.width()))
			.append("\" height=\"").append(n(d.height())).append("\" viewBox=\"0 0 ").append(n(d.width())).append(' ').append(n(d.height()))
			.append("\" font-family=\"DejaVu Sans, Dialog, Arial, Helvetica, sans-serif\">\n");
		sb.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
		for (Drawing.Item it : d.items()) {
			if (it instanceof Drawing.Rect r) sb.append("<rect x=\"").append(n(r.x())).append("\" y=\"").append(n(r.y())).append("\" width=\"").append(n(r.w()))
				.append("\" height=\"").append(n(r.h())).append('"').append(paint("fill", r.fill())).append(stroke(r.stroke(), r.strokeWidth(), false)).append("/>\n");
			else if (it instanceof Drawing.Line l) sb.append("<line x1=\"").append(n(l.x1())).append("\" y1=\"").append(n(l.y1())).append("\" x2=\"").append(n(l.x2()))
				.append("\" y2=\"").append(n(l.y2())).append('"').append(stroke(l.color(), l.width(), l.dashed())).append("/>\n");
			else if (it instanceof Drawing.Poly p) {
				sb.append(p.closed() ? "<polygon points=\"" : "<polyline points=\"");
				for (int i = 0; i < p.xs().length; i++) sb.append(i == 0 ? "" : " ").append(n(p.xs()[i])).append(',').append(n(p.ys()[i]));
				sb.append('"').append(paint("fill", p.fill())).append(stroke(p.stroke(), p.width(), p.dashed())).append(" stroke-linejoin=\"round\"/>\n");
			}
			else if (it instanceof Drawing.Circle c) sb.append("<circle cx=\"").append(n(c.cx())).append("\" cy=\"").append(n(c.cy())).append("\" r=\"").append(n(c.r()))
				.append('"').append(paint("fill", c.fill())).append(stroke(c.stroke(), c.strokeWidth(), false)).append("/>\n");
			else if (it instanceof Drawing.Text t) {
				sb.append("<text x=\"").append(n(t.x())).append("\" y=\"").append(n(t.y())).append("\" font-size=\"").append(n(t.size())).append('"');
				if (t.bold()) sb.append(" font-weight=\"bold\"");
				if (t.anchor() != Drawing.Anchor.START) sb.append(" text-anchor=\"").append(t.anchor() == Drawing.Anchor.MIDDLE ? "middle" : "end").append('"');
				if (t.angle() != 0) sb.append(" transform=\"rotate(").append(n(t.angle())).append(' ').append(n(t.x())).append(' ').append(n(t.y())).append(")\"");
				sb.append(paint("fill", t.color())).append('>').append(escape(t.text())).append("</text>\n");
			}
			else if (it instanceof Drawing.Picture p) sb.append("<image x=\"").append(n(p.x())).append("\" y=\"").append(n(p.y())).append("\" width=\"").append(n(p.w()))
				.append("\" height=\"").append(n(p.h())).append("\" preserveAspectRatio=\"none\" xlink:href=\"data:image/png;base64,").append(png(p)).append("\"/>\n");
		}
		sb.append("</svg>\n");
		return sb.toString();
	}

	private static String png(Drawing.Picture p) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			FigureFiles.writePng(p.image(), out);
			return Base64.getEncoder().encodeToString(out.toByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String paint(String attr, Color c) {
		if (c == null) return " " + attr + "=\"none\"";
		String s = " " + attr + "=\"" + hex(c) + '"';
		if (c.getAlpha() < 255) s += " " + attr + "-opacity=\"" + n(c.getAlpha() / 255.0) + '"';
		return s;
	}

	private static String stroke(Color c, double width, boolean dashed) {
		if (c == null || width <= 0) return "";
		String s = paint("stroke", c) + " stroke-width=\"" + n(width) + '"';
		if (dashed) s += " stroke-dasharray=\"" + n(4 * width) + ',' + n(2.5 * width) + '"';
		return s;
	}

	static String hex(Color c) {
		return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
	}

	private static String n(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
		return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
