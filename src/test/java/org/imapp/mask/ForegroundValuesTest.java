package org.imapp.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.imapp.Fixtures;
import org.junit.jupiter.api.Test;

/** {@link MaskIO#decodeCountingValues}: distinct non-zero raw values, for the QA two-valued check. */
class ForegroundValuesTest {

	static byte[] png(BufferedImage img) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(img, "png", out);
		return out.toByteArray();
	}

	static int count(BufferedImage img) throws IOException {
		MaskIO.Decoded d = MaskIO.decodeCountingValues(png(img), "test");
		assertEquals(MaskIO.fromBufferedImage(img), d.mask(), "the mask is the same as without counting");
		return d.foregroundValues();
	}

	@Test
	void greyLevels() throws IOException {
		BufferedImage g = new BufferedImage(5, 2, BufferedImage.TYPE_BYTE_GRAY);
		assertEquals(0, count(g));
		g.getRaster().setSample(1, 0, 0, 255);
		g.getRaster().setSample(2, 0, 0, 255);
		g.getRaster().setSample(3, 1, 0, 255);
		assertEquals(1, count(g));
		g.getRaster().setSample(4, 1, 0, 128); // an anti-aliased edge pixel
		assertEquals(2, count(g));
		g.getRaster().setSample(0, 1, 0, 1);
		assertEquals(3, count(g));
	}

	/**
	 * Against a brute-force count: grey masks of runs with rare values, rows repeating the row
	 * above and values met again only straight below where they were first seen (the decoder
	 * looks only where a row differs from the one above).
	 */
	@Test
	void greyCountsEqualBruteForce() throws IOException {
		java.util.Random rnd = new java.util.Random(5);
		for (int t = 0; t < 200; t++) {
			int w = 1 + rnd.nextInt(70), h = 1 + rnd.nextInt(30);
			BufferedImage g = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
			java.util.Set<Integer> distinct = new java.util.HashSet<>();
			for (int y = 0; y < h; y++) {
				boolean repeat = y > 0 && rnd.nextInt(3) == 0;
				int v = 0;
				for (int x = 0; x < w; x++) {
					if (repeat) v = g.getRaster().getSample(x, y - 1, 0);
					else if (rnd.nextInt(6) == 0) v = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextBoolean() ? 255 : 0;
					g.getRaster().setSample(x, y, 0, v);
					if (v != 0) distinct.add(v);
				}
			}
			assertEquals(distinct.size(), count(g), "case " + t + " (" + w + "x" + h + ")");
		}
	}

	@Test
	void sixteenBitRgbAndPalette() throws IOException {
		BufferedImage g16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
		g16.getRaster().setSample(0, 0, 0, 65535);
		g16.getRaster().setSample(1, 0, 0, 256); // differs from 65535 only in the high byte
		assertEquals(2, count(g16));

		BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
		rgb.setRGB(0, 0, 0xffffff);
		rgb.setRGB(1, 0, 0xff0000);
		assertEquals(2, count(rgb));

		// Two palette entries of one colour are one value after expansion, as skimage sees it.
		byte[] r = { 0, (byte) 255, (byte) 255 }, z = { 0, (byte) 255, (byte) 255 };
		BufferedImage pal = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 3, r, z, z));
		pal.getRaster().setSample(1, 0, 0, 1);
		pal.getRaster().setSample(2, 0, 0, 2);
		assertEquals(1, count(pal));
	}

	@Test
	void everyFixtureMaskIsZeroOr255() throws IOException {
		try (var files = Files.list(Fixtures.SMALL.resolve("segs"))) {
			for (Path p : (Iterable<Path>) files::iterator) {
				MaskIO.Decoded d = MaskIO.decodeCountingValues(Files.readAllBytes(p), p.toString());
				assertEquals(d.mask().isEmpty() ? 0 : 1, d.foregroundValues(), p.toString());
			}
		}
	}
}
