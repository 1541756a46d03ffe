package org.imapp.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.imapp.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskIOTest {

	@Test
	void fastDecoderAgreesWithImageIOOnEveryFixtureMask() throws Exception {
		int n = 0;
		try (var files = Files.list(Fixtures.SMALL.resolve("segs"))) {
			for (Path p : (Iterable<Path>) files::iterator) {
				byte[] bytes = Files.readAllBytes(p);
				BinaryMask fast = MaskIO.decode(bytes, p.toString());
				BinaryMask slow = MaskIO.fromBufferedImage(ImageIO.read(p.toFile()));
				assertEquals(slow, fast, p.toString());
				n++;
			}
		}
		assertEquals(55, n);
	}

	@Test
	void roundTripThroughEncoder() throws Exception {
		Random r = new Random(3);
		byte[] d = new byte[37 * 23];
		for (int i = 0; i < d.length; i++) d[i] = (byte) (r.nextInt(5) == 0 ? 1 : 0);
		BinaryMask m = new BinaryMask(37, 23, d);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		MaskIO.writePng(m, out);
		byte[] png = out.toByteArray();
		assertEquals(m, MaskIO.decode(png, "x"));
		BufferedImage bi = ImageIO.read(new java.io.ByteArrayInputStream(png));
		assertEquals(BufferedImage.TYPE_BYTE_GRAY, bi.getType());
		assertEquals(255, bi.getRaster().getSample(Arrays.asList(toBoxed(d)).indexOf((byte) 1) % 37, Arrays.asList(toBoxed(d)).indexOf((byte) 1) / 37, 0));
	}

	@Test
	void rgbaAndPaletteAndSixteenBitFollowLoadMask() throws Exception {
		// RGBA: black but opaque is foreground (mean includes alpha); fully zero is background.
		BufferedImage rgba = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
		rgba.setRGB(0, 0, 0xff000000);
		rgba.setRGB(1, 0, 0x00000000);
		rgba.setRGB(2, 0, 0x00010000);
		assertArrayEquals(new byte[] { 1, 0, 1 }, decodeViaPng(rgba).data());

		// Palette: index 1 maps to black → background even though the index is non-zero.
		IndexColorModel icm = new IndexColorModel(8, 3, new byte[] { 0, 0, (byte) 255 }, new byte[] { 0, 0, 0 }, new byte[] { 0, 0, 0 });
		BufferedImage pal = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, icm);
		pal.getRaster().setSample(0, 0, 0, 0);
		pal.getRaster().setSample(1, 0, 0, 1);
		pal.getRaster().setSample(2, 0, 0, 2);
		assertArrayEquals(new byte[] { 0, 0, 1 }, decodeViaPng(pal).data());

		BufferedImage g16 = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
		g16.getRaster().setSample(1, 1, 0, 1);
		assertArrayEquals(new byte[] { 0, 0, 0, 1 }, decodeViaPng(g16).data());

		BufferedImage bin = new BufferedImage(10, 2, BufferedImage.TYPE_BYTE_BINARY);
		bin.getRaster().setSample(9, 1, 0, 1);
		BinaryMask b = decodeViaPng(bin);
		assertTrue(b.get(9, 1));
		assertEquals(1, b.count());
	}

	@Test
	void truncatedAndCorruptedFilesAreNamedErrors(@TempDir Path tmp) throws Exception {
		Path src = Fixtures.SMALL.resolve("segs/ISIC_0000449_A04_T3_S2_54511fa8bae47821f8801f89.png");
		byte[] bytes = Files.readAllBytes(src);
		Path truncated = tmp.resolve("truncated.png");
		Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
		MaskReadException e = assertThrows(MaskReadException.class, () -> MaskIO.read(truncated));
		assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
		assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupted"), e.getMessage());

		byte[] flipped = bytes.clone();
		flipped[bytes.length / 2] ^= 0x55;
		Path corrupted = tmp.resolve("corrupted.png");
		Files.write(corrupted, flipped);
		e = assertThrows(MaskReadException.class, () -> MaskIO.read(corrupted));
		assertTrue(e.getMessage().contains("corrupted"), e.getMessage());

		Path missing = tmp.resolve("missing.png");
		e = assertThrows(MaskReadException.class, () -> MaskIO.read(missing));
		assertTrue(e.getMessage().contains("not found"), e.getMessage());

		Path text = tmp.resolve("text.png");
		Files.writeString(text, "not an image");
		assertThrows(MaskReadException.class, () -> MaskIO.read(text));
	}

	private static BinaryMask decodeViaPng(BufferedImage img) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertTrue(ImageIO.write(img, "png", out));
		BinaryMask viaFast = MaskIO.decode(out.toByteArray(), "t.png");
		assertEquals(MaskIO.fromBufferedImage(ImageIO.read(new java.io.ByteArrayInputStream(out.toByteArray()))), viaFast);
		return viaFast;
	}

	private static Byte[] toBoxed(byte[] d) {
		Byte[] b = new Byte[d.length];
		for (int i = 0; i < d.length; i++) b[i] = d[i];
		return b;
	}
}
