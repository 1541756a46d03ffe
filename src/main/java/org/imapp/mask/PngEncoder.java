package org.imapp.mask;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes masks as 8-bit grey PNGs (0/255), Sub-filtered. Under the Sub filter a 0/255 mask is
 * all zeros except one byte at each edge crossing, so the compressed stream is written directly
 * as deflate runs (a literal, then distance-1 matches of up to 258 bytes, fixed Huffman codes)
 * found by comparing the mask eight pixels at a time: several times faster than zlib on the
 * same bytes and about as small. Noisy masks (many edges) fall back to zlib. Any standard PNG
 * reader decodes the result; consensus masks are written with it, so it is on the hot path.
 * <p>
 * Also writes the figures' RGB images ({@link #writeRgb}).
 */
public final class PngEncoder {

	/** What ImageIO's PNG writer uses: zlib level 4, IDAT chunks of 32 kB. */
	private static final int RGB_LEVEL = 4, IDAT_CHUNK = 32768;

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** Fixed-Huffman code (bit-reversed, ready for LSB-first output) and length, per literal/length symbol. */
	private static final int[] SYM_CODE = new int[288];
	private static final int[] SYM_LEN = new int[288];
	/** For match lengths 3..258: symbol code + extra bits + the distance-1 code (five zero bits), as one bit string. */
	private static final int[] MATCH_CODE = new int[259];
	private static final int[] MATCH_LEN = new int[259];

	static {
		for (int s = 0; s < 288; s++) {
			int code, len;
			if (s <= 143) { code = 0x30 + s; len = 8; }
			else if (s <= 255) { code = 0x190 + s - 144; len = 9; }
			else if (s <= 279) { code = s - 256; len = 7; }
			else { code = 0xC0 + s - 280; len = 8; }
			SYM_CODE[s] = Integer.reverse(code) >>> (32 - len);
			SYM_LEN[s] = len;
		}
		int[] base = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
		int[] extra = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
		for (int len = 3; len <= 258; len++) {
			int i = base.length - 1;
			while (base[i] > len) i--;
			if (len < 258 && i == base.length - 1) i--; // 258 has its own code; 227..257 use code 284
			int sym = 257 + i;
			int bits = SYM_CODE[sym] | ((len - base[i]) << SYM_LEN[sym]);
			int n = SYM_LEN[sym] + extra[i];
			MATCH_CODE[len] = bits; // distance code 0 (distance 1) is five zero bits: nothing to OR in
			MATCH_LEN[len] = n + 5;
		}
	}

	private PngEncoder() {}

	static void writeGray(BinaryMask mask, OutputStream out) throws IOException {
		int w = mask.width(), h = mask.height();
		byte[] compressed = RunDeflater.encode(mask);
		if (compressed == null) compressed = zlib(mask);
		writeFile(out, w, h, 0, compressed, Integer.MAX_VALUE);
	}

	/** Signature, IHDR (8 bits per sample, {@code colorType} 0 grey or 2 RGB), the zlib stream in IDAT chunks of at most {@code idatChunk} bytes, IEND. */
	private static void writeFile(OutputStream out, int w, int h, int colorType, byte[] compressed, int idatChunk) throws IOException {
		out.write(new byte[] { (byte) 137, 80, 78, 71, 13, 10, 26, 10 });
		byte[] ihdr = new byte[13];
		putInt(ihdr, 0, w);
		putInt(ihdr, 4, h);
		ihdr[8] = 8; // bit depth
		ihdr[9] = (byte) colorType;
		chunk(out, "IHDR", ihdr, 0, 13);
		for (int off = 0; off < compressed.length; off += idatChunk) chunk(out, "IDAT", compressed, off, Math.min(idatChunk, compressed.length - off));
		chunk(out, "IEND", new byte[0], 0, 0);
	}

	/**
	 * An 8-bit RGB PNG of a {@code TYPE_INT_RGB} image, byte for byte what {@code ImageIO.write(image,
	 * "png", out)} writes (IHDR, every row unfiltered — ImageIO filters only palette images — zlib
	 * level 4 in IDAT chunks of 32 kB, IEND), without ImageIO's per-row raster copies and its
	 * generic encoding loop, one huge method that a short run interprets and then spends seconds
	 * of compiler time on.
	 */
	public static void writeRgb(BufferedImage image, OutputStream out) throws IOException {
		if (image.getType() != BufferedImage.TYPE_INT_RGB) throw new IllegalArgumentException("Not a TYPE_INT_RGB image: type " + image.getType());
		int w = image.getWidth(), h = image.getHeight();
		Raster raster = image.getRaster();
		int[] px = new int[w];
		byte[] row = new byte[1 + 3 * w]; // filter type 0, then R G B per pixel
		byte[] buf = new byte[1 << 16];
		ByteArrayOutputStream z = new ByteArrayOutputStream(Math.max(1 << 12, w * h / 8));
		Deflater deflater = new Deflater(RGB_LEVEL);
		try {
			for (int y = 0; y < h; y++) {
				raster.getDataElements(0, y, w, 1, px);
				for (int x = 0, i = 1; x < w; x++, i += 3) {
					int v = px[x];
					row[i] = (byte) (v >> 16);
					row[i + 1] = (byte) (v >> 8);
					row[i + 2] = (byte) v;
				}
				deflater.setInput(row);
				while (!deflater.needsInput()) z.write(buf, 0, deflater.deflate(buf));
			}
			deflater.finish();
			while (!deflater.finished()) z.write(buf, 0, deflater.deflate(buf));
		}
		finally {
			deflater.end();
		}
		writeFile(out, w, h, 2, z.toByteArray(), IDAT_CHUNK);
	}

	/** The general path: Sub-filtered rows through zlib's fastest level. */
	static byte[] zlib(BinaryMask mask) {
		int w = mask.width(), h = mask.height();
		byte[] data = mask.data();
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		ByteArrayOutputStream idat = new ByteArrayOutputStream(Math.max(1024, data.length / 64));
		byte[] row = new byte[w + 1];
		byte[] buf = new byte[64 * 1024];
		try {
			for (int y = 0; y < h; y++) {
				row[0] = 1; // Sub
				int off = y * w;
				int prev = 0;
				for (int x = 0; x < w; x++) {
					int v = data[off + x] != 0 ? 255 : 0;
					row[x + 1] = (byte) (v - prev);
					prev = v;
				}
				deflater.setInput(row);
				while (!deflater.needsInput()) {
					int n = deflater.deflate(buf);
					idat.write(buf, 0, n);
				}
			}
			deflater.finish();
			while (!deflater.finished()) {
				int n = deflater.deflate(buf);
				idat.write(buf, 0, n);
			}
		}
		finally {
			deflater.end();
		}
		return idat.toByteArray();
	}

	/**
	 * A zlib stream of the Sub-filtered mask made of literals and distance-1 runs in one
	 * fixed-Huffman block, with its Adler-32 computed from the runs.
	 */
	static final class RunDeflater {
		private static final int MOD = 65521;

		private byte[] out;
		private int pos;
		private long acc;
		private int bits;
		private int last = -1; // last byte of the uncompressed stream, -1 at the start
		private long a = 1, b = 0; // Adler-32 state

		private RunDeflater(int capacity) {
			out = new byte[capacity];
		}

		/** The zlib stream, or null when the mask has so many edges that zlib would do better. */
		static byte[] encode(BinaryMask mask) {
			int w = mask.width(), h = mask.height();
			byte[] d = mask.data();
			long raw = (long) (w + 1) * h;
			// Give up once the output passes 1/16 of the raw size: a noisy mask, zlib's job.
			long limit = Math.max(4096, raw / 16);
			RunDeflater z = new RunDeflater((int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, Math.min(limit + 64, raw / 64 + 1024))));
			z.put(0x78, 8);
			z.put(0x01, 8);
			z.put(0b011, 3); // BFINAL=1, BTYPE=01 (fixed Huffman)
			long zeros = 0;
			for (int y = 0; y < h; y++) {
				z.zeros(zeros);
				zeros = 0;
				z.literal(1); // filter type Sub
				int off = y * w;
				int prevV = d[off] != 0 ? 255 : 0;
				if (prevV != 0) z.literal(255); // first pixel: difference to 0
				else zeros++;
				int runStart = 1; // first row byte (x) not yet accounted for
				// The next pixel that differs from its left neighbour: the row compared with itself
				// shifted by one (vectorised), so a run of any length costs a few instructions per 32 bytes.
				for (int x = 1; x < w;) {
					int m = Arrays.mismatch(d, off + x, off + w, d, off + x - 1, off + w - 1);
					if (m < 0) break;
					int px = x + m;
					int v = d[off + px] != 0 ? 255 : 0;
					if (v != prevV) { // two non-zero values are still the same grey
						zeros += px - runStart;
						z.zeros(zeros);
						zeros = 0;
						z.literal((v - prevV) & 0xff);
						prevV = v;
						runStart = px + 1;
					}
					x = px + 1;
				}
				zeros += w - runStart;
				if (z.pos > limit) return null;
			}
			z.zeros(zeros);
			z.put(SYM_CODE[256], SYM_LEN[256]); // end of block
			z.alignToByte();
			long adler = (z.b << 16) | z.a;
			z.put((int) (adler >>> 24) & 0xff, 8);
			z.put((int) (adler >>> 16) & 0xff, 8);
			z.put((int) (adler >>> 8) & 0xff, 8);
			z.put((int) adler & 0xff, 8);
			return Arrays.copyOf(z.out, z.pos);
		}

		private void literal(int v) {
			put(SYM_CODE[v], SYM_LEN[v]);
			a += v;
			if (a >= MOD) a -= MOD;
			b += a;
			if (b >= MOD) b -= MOD;
			last = v;
		}

		/** {@code n} zero bytes: a literal zero if the previous byte is not one, then runs copying it. */
		private void zeros(long n) {
			if (n <= 0) return;
			b = (b + (n % MOD) * a) % MOD; // each zero adds the unchanged a to b
			if (last != 0) {
				put(SYM_CODE[0], SYM_LEN[0]);
				last = 0;
				n--;
			}
			while (n >= 3) {
				int len = (int) Math.min(n, 258);
				put(MATCH_CODE[len], MATCH_LEN[len]);
				n -= len;
			}
			while (n-- > 0) put(SYM_CODE[0], SYM_LEN[0]);
		}

		private void put(int code, int len) {
			acc |= (long) code << bits;
			bits += len;
			if (bits >= 32) {
				if (pos + 8 > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, pos + 16));
				LONG.set(out, pos, acc); // writes 8 bytes; only the first 4 are final
				pos += 4;
				acc >>>= 32;
				bits -= 32;
			}
		}

		private void alignToByte() {
			if (pos + 16 > out.length) out = Arrays.copyOf(out, pos + 16);
			while (bits > 0) {
				out[pos++] = (byte) acc;
				acc >>>= 8;
				bits -= 8;
			}
			bits = 0;
			acc = 0;
		}
	}

	private static void chunk(OutputStream out, String type, byte[] data, int off, int len) throws IOException {
		byte[] head = new byte[8];
		putInt(head, 0, len);
		byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(t, 0, head, 4, 4);
		out.write(head);
		out.write(data, off, len);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data, off, len);
		byte[] c = new byte[4];
		putInt(c, 0, (int) crc.getValue());
		out.write(c);
	}

	private static void putInt(byte[] b, int p, int v) {
		b[p] = (byte) (v >>> 24);
		b[p + 1] = (byte) (v >>> 16);
		b[p + 2] = (byte) (v >>> 8);
		b[p + 3] = (byte) v;
	}
}
