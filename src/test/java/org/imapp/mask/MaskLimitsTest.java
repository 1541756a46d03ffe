package org.imapp.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * Size limits are applied from the header, before a pixel buffer exists: a decompression bomb
 * (a few hundred bytes declaring 40000×40000 pixels, 1.6 GB decoded) is refused by name.
 */
public class MaskLimitsTest {

	private static final long MB = 1L << 20;

	/**
	 * An 8-bit grey PNG header declaring {@code w × h} pixels, followed by the zlib stream of
	 * its first {@code rows} all-zero rows: a decompression bomb in miniature (a real one holds
	 * all rows: 1.6 GB of zeros deflate to about 1.6 MB).
	 */
	public static byte[] pngBomb(int w, int h, int rows) throws Exception {
		ByteArrayOutputStream z = new ByteArrayOutputStream();
		try (DeflaterOutputStream d = new DeflaterOutputStream(z)) {
			byte[] row = new byte[w + 1];
			for (int y = 0; y < rows; y++) d.write(row);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DataOutputStream o = new DataOutputStream(out);
		o.write(new byte[] { (byte) 137, 80, 78, 71, 13, 10, 26, 10 });
		PngCodecTest.chunk(o, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put(new byte[] { 8, 0, 0, 0, 0 }).array());
		PngCodecTest.chunk(o, "IDAT", z.toByteArray());
		PngCodecTest.chunk(o, "IEND", new byte[0]);
		return out.toByteArray();
	}

	/** A minimal uncompressed 8-bit grey TIFF whose header declares {@code w × h} (pixel data: {@code data}). */
	static byte[] tiff(int w, int h, byte[] data) {
		int entries = 8;
		int ifd = 8, dataAt = ifd + 2 + 12 * entries + 4;
		ByteBuffer b = ByteBuffer.allocate(dataAt + data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
		b.putShort((short) entries);
		entry(b, 256, 4, w); // ImageWidth
		entry(b, 257, 4, h); // ImageLength
		entry(b, 258, 3, 8); // BitsPerSample
		entry(b, 259, 3, 1); // Compression: none
		entry(b, 262, 3, 1); // PhotometricInterpretation: black is zero
		entry(b, 273, 4, dataAt); // StripOffsets
		entry(b, 278, 4, h); // RowsPerStrip
		entry(b, 279, 4, (int) Math.min(Integer.MAX_VALUE, (long) w * h)); // StripByteCounts
		b.putInt(0);
		b.put(data);
		return b.array();
	}

	private static void entry(ByteBuffer b, int tag, int type, int value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt(value);
	}

	@Test
	void aPngBombIsRefusedFromItsHeaderNamingFileSizeAndLimit() throws Exception {
		byte[] bomb = pngBomb(40000, 40000, 3);
		MaskLimits heap512 = new MaskLimits(MaskLimits.DEFAULT_MAX_PIXELS, 512 * MB);
		MaskReadException e = assertThrows(MaskReadException.class, () -> MaskIO.decode(bomb, "segs/bomb.png", heap512));
		assertEquals("segs/bomb.png: 40000×40000 pixels exceeds the limit of 33,554,432 pixels that a maximum heap of 512 MB allows"
			+ " (16 bytes per pixel; give Java more memory, e.g. -Xmx or IMAPP_JAVA_OPTS)", e.getMessage());
		e = assertThrows(MaskReadException.class, () -> MaskIO.decodeCountingValues(bomb, "bomb.png", new MaskLimits(1_000_000, 1L << 40)));
		assertEquals("bomb.png: 40000×40000 pixels exceeds the limit of 1,000,000 pixels (max_pixels)", e.getMessage());
		// 2^31 pixels and more (the default max_pixels) with any heap.
		e = assertThrows(MaskReadException.class, () -> MaskIO.decode(pngBomb(65536, 32769, 1), "huge.png", new MaskLimits(MaskLimits.DEFAULT_MAX_PIXELS, 1L << 50)));
		assertEquals("huge.png: 65536×32769 pixels exceeds the limit of 2,147,483,648 pixels (max_pixels)", e.getMessage());
	}

	@Test
	void theLimitIsInclusiveAndMasksWithinItDecodeAsBefore() throws Exception {
		BinaryMask m = BinaryMask.empty(300, 200);
		for (int y = 50; y < 150; y++) java.util.Arrays.fill(m.data(), y * 300 + 100, y * 300 + 200, (byte) 1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		MaskIO.writePng(m, out);
		byte[] png = out.toByteArray();
		assertEquals(m, MaskIO.decode(png, "m.png", new MaskLimits(60_000, 60_000L * MaskLimits.BYTES_PER_PIXEL)));
		MaskReadException e = assertThrows(MaskReadException.class, () -> MaskIO.decode(png, "m.png", new MaskLimits(59_999, 1L << 40)));
		assertEquals("m.png: 300×200 pixels exceeds the limit of 59,999 pixels (max_pixels)", e.getMessage());
		e = assertThrows(MaskReadException.class, () -> MaskIO.decode(png, "m.png", new MaskLimits(60_000, 60_000L * MaskLimits.BYTES_PER_PIXEL - 1)));
		assertEquals("m.png: 300×200 pixels exceeds the limit of 59,999 pixels that a maximum heap of 0 MB allows"
			+ " (16 bytes per pixel; give Java more memory, e.g. -Xmx or IMAPP_JAVA_OPTS)", e.getMessage());
	}

	@Test
	void tiffAndOtherImageIoFormatsAreCheckedFromTheirHeaderToo() throws Exception {
		// A TIFF declaring 40000×40000 (1.6 GB uncompressed) whose file is 130 bytes.
		byte[] bomb = tiff(40000, 40000, new byte[16]);
		MaskReadException e = assertThrows(MaskReadException.class, () -> MaskIO.decode(bomb, "bomb.tif", new MaskLimits(MaskLimits.DEFAULT_MAX_PIXELS, 512 * MB)));
		assertEquals("bomb.tif: 40000×40000 pixels exceeds the limit of 33,554,432 pixels that a maximum heap of 512 MB allows"
			+ " (16 bytes per pixel; give Java more memory, e.g. -Xmx or IMAPP_JAVA_OPTS)", e.getMessage());
		// The same TIFF layout at a real size reads as ImageIO reads it.
		byte[] px = new byte[12 * 7];
		for (int i = 0; i < px.length; i++) px[i] = (byte) (i % 5 == 0 ? 255 : 0);
		byte[] small = tiff(12, 7, px);
		BinaryMask expected = MaskIO.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(small)));
		assertEquals(expected, MaskIO.decode(small, "small.tif", new MaskLimits(84, 1L << 30)));
		e = assertThrows(MaskReadException.class, () -> MaskIO.decode(small, "small.tif", new MaskLimits(83, 1L << 30)));
		assertEquals("small.tif: 12×7 pixels exceeds the limit of 83 pixels (max_pixels)", e.getMessage());
		// Any other format ImageIO reads, e.g. BMP.
		BufferedImage img = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
		ByteArrayOutputStream bmp = new ByteArrayOutputStream();
		ImageIO.write(img, "bmp", bmp);
		e = assertThrows(MaskReadException.class, () -> MaskIO.decode(bmp.toByteArray(), "m.bmp", new MaskLimits(19, 1L << 30)));
		assertEquals("m.bmp: 5×4 pixels exceeds the limit of 19 pixels (max_pixels)", e.getMessage());
	}

	@Test
	void zipEntriesAreStreamedUnderSizeAndRatioCaps() throws Exception {
		// Zeros compress about 1000:1: the entries below are a few kB to 70 kB.
		MaskLimits heap64 = new MaskLimits(MaskLimits.DEFAULT_MAX_PIXELS, 64 * MB); // files up to 16 MB
		assertEquals(16 * MB, heap64.maxFileBytes());
		byte[] ok = new byte[(int) (16 * MB)];
		assertArrayEquals(ok, heap64.readEntry(new ByteArrayInputStream(ok), "a.png", ok.length, 16_000));
		// Declared over the cap: refused unread.
		MaskReadException e = assertThrows(MaskReadException.class, () -> heap64.readEntry(new ByteArrayInputStream(new byte[0]), "z!a.png", 20 * MB, 20_000));
		assertEquals("z!a.png: 20,971,520 bytes exceeds the limit of 16,777,216 bytes for a mask file (a quarter of the maximum heap)", e.getMessage());
		// Size unknown, the stream longer than the cap: stopped one 64 kB read past the cap.
		e = assertThrows(MaskReadException.class, () -> heap64.readEntry(zeros(17 * MB), "z!a.png", -1, 17_000));
		assertEquals("z!a.png: 16,842,752 bytes exceeds the limit of 16,777,216 bytes for a mask file (a quarter of the maximum heap)", e.getMessage());
		// More bytes than the archive declares: a damaged or hostile entry.
		e = assertThrows(MaskReadException.class, () -> heap64.readEntry(new ByteArrayInputStream(new byte[5000]), "z!a.png", 1000, 100));
		assertEquals("z!a.png: zip entry holds more than its declared 1,000 bytes (damaged or hostile archive)", e.getMessage());
		// Beyond 64 MB, more than 200:1 is a bomb.
		MaskLimits heap1g = new MaskLimits(MaskLimits.DEFAULT_MAX_PIXELS, 1024 * MB);
		e = assertThrows(MaskReadException.class, () -> heap1g.readEntry(zeros(70 * MB), "z!bomb.png", 70 * MB, 70_000));
		assertEquals("z!bomb.png: zip entry expands more than 200:1 beyond 64 MB (70,000 compressed bytes; a zip bomb?)", e.getMessage());
	}

	/** {@code n} zero bytes as a stream with no array behind it (the suite's heap is shared by all tests). */
	private static java.io.InputStream zeros(long n) {
		return new java.io.InputStream() {
			private long left = n;

			@Override
			public int read() {
				if (left <= 0) return -1;
				left--;
				return 0;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (left <= 0) return -1;
				int k = (int) Math.min(len, left);
				java.util.Arrays.fill(b, off, off + k, (byte) 0);
				left -= k;
				return k;
			}
		};
	}
}
