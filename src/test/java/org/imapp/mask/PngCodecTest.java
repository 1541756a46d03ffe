package org.imapp.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time decoder paths against ImageIO: 8-bit grey PNGs whose rows use every PNG
 * filter (written here by a plain per-byte filter, independent of the decoder) with runs,
 * scattered grey levels and widths around the 8-byte word size.
 */
class PngCodecTest {

	/** The figures' RGB PNGs are ImageIO's bytes: noise (many 32 kB IDAT chunks), smooth content, odd sizes, stray alpha bits. */
	@Test
	void rgbImagesAreWrittenAsImageIoWritesThem() throws Exception {
		Random r = new Random(16);
		for (int[] size : new int[][] { { 1, 1 }, { 3, 2 }, { 257, 129 }, { 640, 480 }, { 1295, 913 } }) {
			for (int kind = 0; kind < 3; kind++) {
				java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(size[0], size[1], java.awt.image.BufferedImage.TYPE_INT_RGB);
				int[] data = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
				for (int i = 0; i < data.length; i++) {
					int x = i % size[0], y = i / size[0];
					data[i] = switch (kind) {
						case 0 -> r.nextInt(); // noise, alpha byte included (not part of the pixel)
						case 1 -> (x * 255 / size[0]) << 16 | (y * 255 / size[1]) << 8 | ((x ^ y) & 0xff);
						default -> (x / 40 + y / 30) % 3 == 0 ? 0xffffff : 0x1f77b4;
					};
				}
				ByteArrayOutputStream ours = new ByteArrayOutputStream(), imageIo = new ByteArrayOutputStream();
				PngEncoder.writeRgb(img, ours);
				assertTrue(ImageIO.write(img, "png", imageIo));
				org.junit.jupiter.api.Assertions.assertArrayEquals(imageIo.toByteArray(), ours.toByteArray(), size[0] + "x" + size[1] + " kind " + kind);
			}
		}
		assertThrows(IllegalArgumentException.class,
			() -> PngEncoder.writeRgb(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_ARGB), new ByteArrayOutputStream()));
	}

	@Test
	void everyFilterAtEveryWidthDecodesLikeImageIO() throws Exception {
		Random r = new Random(7);
		int cases = 0;
		for (int w : new int[] { 1, 3, 7, 8, 9, 15, 16, 17, 31, 64, 65, 203 }) {
			for (int pattern = 0; pattern < 3; pattern++) {
				int h = 12;
				int[][] px = new int[h][w];
				for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
					px[y][x] = switch (pattern) {
						case 0 -> Math.abs(x - w / 2) + Math.abs(y - h / 2) < w / 3 + 2 ? 255 : 0; // a blob: long runs
						case 1 -> r.nextInt(5) == 0 ? 1 + r.nextInt(255) : 0; // sparse grey levels, 1 included
						default -> (x * 7 + y * 91) & 0xff; // wrapping ramps: carries across bytes
					};
				}
				int[] filters = new int[h];
				for (int y = 0; y < h; y++) filters[y] = (y + pattern + w) % 5;
				byte[] png = png(px, filters);
				BinaryMask fast = MaskIO.decode(png, "t");
				assertEquals(MaskIO.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(png))), fast, "width " + w + " pattern " + pattern);
				cases++;
			}
		}
		assertEquals(36, cases);
	}

	@Test
	void encoderOutputRoundTripsAtOddWidthsAndFullRows() throws Exception {
		Random r = new Random(11);
		for (int w : new int[] { 1, 7, 8, 9, 15, 16, 17, 63, 1000 }) {
			int h = 5;
			byte[] d = new byte[w * h];
			for (int i = 0; i < d.length; i++) d[i] = (byte) (i / w == 2 ? 1 : r.nextInt(3) == 0 ? 1 : 0);
			BinaryMask m = new BinaryMask(w, h, d);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			MaskIO.writePng(m, out);
			assertEquals(m, MaskIO.decode(out.toByteArray(), "w" + w));
			assertEquals(m, MaskIO.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(out.toByteArray()))));
		}
	}

	@Test
	void runEncoderWritesTheExactSubFilteredStreamWithAValidChecksum() throws Exception {
		Random r = new Random(5);
		int checked = 0;
		for (int t = 0; t < 30; t++) {
			int w = 1 + r.nextInt(t < 10 ? 20 : 900), h = 1 + r.nextInt(30);
			byte[] d = new byte[w * h];
			int kind = t % 5;
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				boolean fg = switch (kind) {
					case 0 -> false; // empty: one long run per row
					case 1 -> true; // full
					case 2 -> (x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2) * 4 < w * w / 5; // blob
					case 3 -> x % 9 < 4; // stripes: many edges, short runs
					default -> r.nextInt(3) == 0; // noise: the zlib fallback
				};
				// Non-zero values other than 1 must still read as foreground.
				d[y * w + x] = fg ? (byte) (1 + (x % 3)) : 0;
			}
			for (int i = 0; i < d.length; i++) if (d[i] > 1) d[i] = (byte) (r.nextBoolean() ? 1 : d[i]);
			BinaryMask m = new BinaryMask(w, h, d);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			MaskIO.writePng(m, out);
			byte[] png = out.toByteArray();
			// Inflate to the end: java.util.zip verifies the Adler-32 trailer.
			byte[] stream = inflateIdat(png);
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			for (int y = 0; y < h; y++) {
				expected.write(1);
				int prev = 0;
				for (int x = 0; x < w; x++) {
					int v = d[y * w + x] != 0 ? 255 : 0;
					expected.write((v - prev) & 0xff);
					prev = v;
				}
			}
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected.toByteArray(), stream, "case " + t + " " + w + "x" + h);
			BinaryMask binary = new BinaryMask(w, h, d.clone());
			for (int i = 0; i < d.length; i++) binary.data()[i] = (byte) (d[i] != 0 ? 1 : 0);
			assertEquals(binary, MaskIO.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(png))));
			assertEquals(binary, MaskIO.decode(png, "t"));
			checked++;
		}
		assertEquals(30, checked);
		// A 30-megapixel blob compresses to well under 1 % (runs of up to 258 bytes).
		int w = 6000, h = 5000;
		BinaryMask big = BinaryMask.empty(w, h);
		for (int y = 1000; y < 4000; y++) java.util.Arrays.fill(big.data(), y * w + 1500, y * w + 4500, (byte) 1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		MaskIO.writePng(big, out);
		assertTrue(out.size() < w * h / 100, "size " + out.size());
		assertEquals(big, MaskIO.decode(out.toByteArray(), "big"));

		// Noise has an edge every few pixels: the run encoder gives up and zlib takes over.
		Random nr = new Random(9);
		BinaryMask noise = BinaryMask.empty(500, 400);
		for (int i = 0; i < noise.data().length; i++) noise.data()[i] = (byte) nr.nextInt(2);
		org.junit.jupiter.api.Assertions.assertNull(PngEncoder.RunDeflater.encode(noise));
		out.reset();
		MaskIO.writePng(noise, out);
		assertEquals(noise, MaskIO.decode(out.toByteArray(), "noise"));
		assertEquals(noise, MaskIO.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(out.toByteArray()))));
	}

	private static byte[] inflateIdat(byte[] png) throws Exception {
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		int pos = 8;
		while (pos < png.length) {
			int len = ((png[pos] & 0xff) << 24) | ((png[pos + 1] & 0xff) << 16) | ((png[pos + 2] & 0xff) << 8) | (png[pos + 3] & 0xff);
			if (new String(png, pos + 4, 4, "ISO-8859-1").equals("IDAT")) idat.write(png, pos + 8, len);
			pos += 12 + len;
		}
		java.util.zip.Inflater inf = new java.util.zip.Inflater();
		inf.setInput(idat.toByteArray());
		ByteArrayOutputStream res = new ByteArrayOutputStream();
		byte[] buf = new byte[8192];
		while (!inf.finished()) {
			int n = inf.inflate(buf);
			if (n == 0 && inf.needsInput()) throw new AssertionError("zlib stream ends early");
			res.write(buf, 0, n);
		}
		assertEquals(0, inf.getRemaining(), "bytes after the zlib stream");
		inf.end();
		return res.toByteArray();
	}

	@Test
	void imageDataSplitOverChunksOrFollowedByExtraBytesDecodesAsZlibDoes() throws Exception {
		int w = 37, h = 19;
		int[][] px = new int[h][w];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y][x] = (x - 18) * (x - 18) + (y - 9) * (y - 9) < 60 ? 255 : x == 3 ? 7 : 0;
		int[] filters = new int[h];
		for (int y = 0; y < h; y++) filters[y] = y % 5;
		BinaryMask expected = MaskIO.decode(png(px, filters), "t");
		assertEquals(MaskIO.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(png(px, filters)))), expected);
		// Several IDAT chunks (the whole-stream inflater gets them joined).
		for (int parts : new int[] { 2, 3, 17 }) assertEquals(expected, MaskIO.decode(png(px, filters, parts, false), "t"), parts + " IDAT chunks");
		// Filtered bytes beyond the last row: the fast inflater refuses them, java.util.zip ignores them.
		assertEquals(expected, MaskIO.decode(png(px, filters, 1, true), "t"));
		// The same after a larger image on this thread, whose inflate buffer it then reuses: the
		// fast inflater stops at this image's raw length, not at the buffer's.
		int[][] big = new int[3 * h][3 * w];
		for (int y = 0; y < 3 * h; y++) for (int x = 0; x < 3 * w; x++) big[y][x] = (x + y) % 7 == 0 ? 255 : 0;
		MaskIO.decode(png(big, new int[3 * h]), "big");
		assertEquals(expected, MaskIO.decode(png(px, filters, 1, true), "t"), "extra row, after a larger image");
		assertEquals(expected, MaskIO.decode(png(px, filters), "t"), "after a larger image");
		// Corruption of the stored bytes is caught by the chunk CRCs and named.
		byte[] flipped = png(px, filters, 1, false);
		flipped[flipped.length - 12 - 4 - 6] ^= 1;
		MaskReadException e = assertThrows(MaskReadException.class, () -> MaskIO.decode(flipped, "bad.png"));
		assertTrue(e.getMessage().contains("bad.png") && e.getMessage().contains("corrupted"), e.getMessage());
		// The Adler-32 is verified whatever the CRCs say: a trailer rewritten with its chunk's CRC
		// fixed up is refused, naming the file, on the fast path and on java.util.zip's.
		byte[] trailer = png(px, filters, 1, false);
		trailer[trailer.length - 12 - 4 - 1] ^= 1;
		fixCrc(trailer, 33);
		assertDamaged(trailer, "trailer.png");
		byte[] extraTrailer = png(px, filters, 1, true);
		extraTrailer[extraTrailer.length - 12 - 4 - 1] ^= 1;
		fixCrc(extraTrailer, 33);
		assertDamaged(extraTrailer, "extra.png");
	}

	private static void assertDamaged(byte[] png, String name) {
		MaskReadException e = assertThrows(MaskReadException.class, () -> MaskIO.decode(png, name));
		assertEquals(name + ": corrupted PNG (zlib checksum mismatch: the image data is damaged although every chunk CRC is right)", e.getMessage());
	}

	@Test
	void aDamagedZlibStreamWithValidChunkCrcsIsRefusedNamingTheFile() throws Exception {
		// A real mask (a disc with a hole), deflated with fixed and dynamic Huffman codes: every
		// single-bit flip of its compressed bytes, CRC recomputed afterwards (damage before the
		// data was cut into chunks), either fails to inflate or fails the Adler-32, unless the
		// flip leaves the pixels as they were; never a wrong mask. java.util.zip agrees on each.
		int w = 300, h = 200;
		int[][] px = new int[h][w];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int d = (x - 150) * (x - 150) + (y - 100) * (y - 100);
			px[y][x] = d < 80 * 80 && d > 20 * 20 ? 255 : 0;
		}
		int[] filters = new int[h];
		for (int y = 0; y < h; y++) filters[y] = y % 3;
		byte[] good = png(px, filters);
		BinaryMask expected = MaskIO.decode(good, "good.png");
		int idatLen = java.nio.ByteBuffer.wrap(good, 33, 4).getInt();
		int wrong = 0, refused = 0;
		for (int i = 2; i < idatLen - 4; i++) { // zlib header and Adler-32 trailer aside
			for (int bit = 0; bit < 8; bit += 3) {
				byte[] bad = good.clone();
				bad[33 + 8 + i] ^= (byte) (1 << bit);
				fixCrc(bad, 33);
				boolean zlibRefuses = refusedByZlib(bad, 33 + 8, idatLen);
				try {
					BinaryMask m = MaskIO.decode(bad, "bad.png");
					if (!m.equals(expected)) wrong++;
					assertFalse(zlibRefuses, "byte " + i + " bit " + bit + ": java.util.zip refuses what we decode");
				}
				catch (MaskReadException e) {
					assertTrue(e.getMessage().startsWith("bad.png: "), e.getMessage());
					refused++;
				}
			}
		}
		assertEquals(0, wrong, "wrong masks decoded from damaged streams");
		assertTrue(refused > 100, "refused " + refused);
	}

	/** Whether java.util.zip refuses the zlib stream of {@code png[off, off+len)} (bad data or checksum, or a short stream). */
	private static boolean refusedByZlib(byte[] png, int off, int len) {
		java.util.zip.Inflater inf = new java.util.zip.Inflater();
		try {
			inf.setInput(png, off, len);
			byte[] buf = new byte[1 << 16];
			while (!inf.finished()) {
				if (inf.inflate(buf) == 0 && (inf.needsInput() || inf.needsDictionary())) return true;
			}
			return false;
		}
		catch (java.util.zip.DataFormatException e) {
			return true;
		}
		finally {
			inf.end();
		}
	}

	/** Recomputes the CRC of the chunk starting at {@code at}. */
	private static void fixCrc(byte[] png, int at) {
		int len = java.nio.ByteBuffer.wrap(png, at, 4).getInt();
		CRC32 crc = new CRC32();
		crc.update(png, at + 4, len + 4);
		java.nio.ByteBuffer.wrap(png, at + 8 + len, 4).putInt((int) crc.getValue());
	}

	/** An 8-bit grey PNG with the given filter per row, filtered byte by byte as the PNG spec states. */
	private static byte[] png(int[][] px, int[] filters) throws Exception {
		return png(px, filters, 1, false);
	}

	/**
	 * As {@link #png(int[][], int[])}, the zlib stream cut into {@code parts} IDAT chunks and, with
	 * {@code extraRow}, one more filtered row than the image has.
	 */
	private static byte[] png(int[][] px, int[] filters, int parts, boolean extraRow) throws Exception {
		int h = px.length, w = px[0].length;
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		try (DeflaterOutputStream z = new DeflaterOutputStream(raw)) {
			for (int y = 0; y < h; y++) {
				z.write(filters[y]);
				for (int x = 0; x < w; x++) {
					int a = x > 0 ? px[y][x - 1] : 0, b = y > 0 ? px[y - 1][x] : 0, c = x > 0 && y > 0 ? px[y - 1][x - 1] : 0;
					int pred = switch (filters[y]) {
						case 0 -> 0;
						case 1 -> a;
						case 2 -> b;
						case 3 -> (a + b) / 2;
						default -> {
							int p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
							yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
						}
					};
					z.write((px[y][x] - pred) & 0xff);
				}
			}
			if (extraRow) z.write(new byte[w + 1]);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DataOutputStream d = new DataOutputStream(out);
		d.write(new byte[] { (byte) 137, 80, 78, 71, 13, 10, 26, 10 });
		ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
		DataOutputStream hd = new DataOutputStream(ihdr);
		hd.writeInt(w);
		hd.writeInt(h);
		hd.write(new byte[] { 8, 0, 0, 0, 0 });
		chunk(d, "IHDR", ihdr.toByteArray());
		byte[] data = raw.toByteArray();
		for (int i = 0; i < parts; i++) chunk(d, "IDAT", Arrays.copyOfRange(data, data.length * i / parts, data.length * (i + 1) / parts));
		chunk(d, "IEND", new byte[0]);
		return out.toByteArray();
	}

	/** Writes a PNG chunk with its CRC. */
	static void chunk(DataOutputStream d, String type, byte[] data) throws Exception {
		d.writeInt(data.length);
		byte[] t = type.getBytes("ISO-8859-1");
		d.write(t);
		d.write(data);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		d.writeInt((int) crc.getValue());
	}
}
