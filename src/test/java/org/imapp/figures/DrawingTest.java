package org.imapp.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.imapp.mask.BinaryMask;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class DrawingTest {

	/** Counts never get a tick between whole numbers; measurements keep 1/2/5 steps. */
	@Test
	void countAxesTickAtWholeNumbersOnly() {
		assertArrayEquals(new double[] { 0, 0.5, 1, 1.5, 2 }, Axis.linear(0, 2, 0, 100).ticks(4));
		assertArrayEquals(new double[] { 0, 1, 2 }, Axis.linear(0, 2, 0, 100).integerTicks().ticks(4));
		assertEquals("1", Axis.linear(0, 2, 0, 100).integerTicks().label(1, 4));
		assertArrayEquals(new double[] { 0, 20, 40, 60 }, Axis.linear(0, 60, 0, 100).integerTicks().ticks(3));
	}

	@Test
	void countsAgreeWithTheirNumber() {
		assertEquals("1 image", Counts.of(1, "image"));
		assertEquals("0 images", Counts.of(0, "image"));
		assertEquals("2,394 images", Counts.of(2394, "image"));
	}

	@Test
	void svgIsWellFormedAndCarriesEveryItem() throws Exception {
		Drawing d = new Drawing(200, 100);
		d.rect(10, 10, 50, 20, Palette.withAlpha(Palette.RED, 128), Color.BLACK, 1);
		d.line(0, 0, 200, 100, Color.BLUE, 2);
		d.text("A&B <0.84>", 100, 50, 12, Drawing.Anchor.MIDDLE, Drawing.VAlign.MIDDLE);
		d.circle(150, 20, 3, Color.GREEN, null, 0);
		d.picture(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), 0, 0, 8, 8);
		String svg = SvgWriter.toSvg(d);
		Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertEquals("svg", doc.getDocumentElement().getTagName());
		assertEquals(2, doc.getElementsByTagName("rect").getLength()); // background + ours
		assertEquals("A&B <0.84>", doc.getElementsByTagName("text").item(0).getTextContent());
		assertTrue(svg.contains("fill=\"#6e001e\" fill-opacity=\"0.5\""), svg);
		assertEquals(1, doc.getElementsByTagName("image").getLength());
		BufferedImage png = d.render(2);
		assertEquals(400, png.getWidth());
		assertEquals(200, png.getHeight());
		assertEquals(Color.GREEN.getRGB(), png.getRGB(300, 40)); // the circle's centre at 2×
	}

	@Test
	void axesTicks() {
		Axis lin = Axis.linear(0, 1, 0, 100);
		assertArrayEquals(new double[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }, lin.ticks(5), 1e-12);
		assertEquals("0.4", lin.label(0.4, 5));
		assertEquals(50, lin.map(0.5), 1e-12);
		Axis log = Axis.log(0.5, 20000, 300, 0);
		assertArrayEquals(new double[] { 1, 10, 100, 1000, 10000 }, log.ticks(5), 1e-9);
		assertEquals("10,000", log.label(10000, 5));
		assertEquals("12,000", Axis.linear(0, 14000, 0, 1).label(12000, 5));
	}

	@Test
	void overlayOutlinesEdgeTouchingMasksInThePadding() {
		BinaryMask full = BinaryMask.empty(10, 10);
		for (int i = 0; i < 100; i++) full.data()[i] = 1;
		BinaryMask empty = BinaryMask.empty(10, 10);
		BufferedImage o = MaskOverlay.render(null, List.of(full, empty), List.of(Color.RED, Color.BLUE), 10, 2, 3);
		assertEquals(14, o.getWidth());
		// The full mask's outline runs along the image edge and one pixel into the padding.
		assertEquals(Color.RED.getRGB(), o.getRGB(1, 5));
		assertEquals(Color.RED.getRGB(), o.getRGB(2, 2));
		assertEquals(Color.WHITE.getRGB(), o.getRGB(0, 5));
		assertEquals(0x9e9e9e, o.getRGB(7, 7) & 0xffffff); // interior: grey (no image), no outline
	}
}
