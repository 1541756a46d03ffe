package org.imapp.mask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes masks as 8-bit grey PNGs (0/255). Rows use the Sub filter, which turns a 0/255 mask
 * into zeros except at edges, so the fastest deflate level still compresses it well.
 */
final class PngEncoder {

	private PngEncoder() {}

	static void writeGray(BinaryMask mask, OutputStream out) throws IOException {
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
		out.write(new byte[] { (byte) 137, 80, 78, 71, 13, 10, 26, 10 });
		byte[] ihdr = new byte[13];
		putInt(ihdr, 0, w);
		putInt(ihdr, 4, h);
		ihdr[8] = 8; // bit depth
		ihdr[9] = 0; // grey
		chunk(out, "IHDR", ihdr, 13);
		byte[] compressed = idat.toByteArray();
		chunk(out, "IDAT", compressed, compressed.length);
		chunk(out, "IEND", new byte[0], 0);
	}

	private static void chunk(OutputStream out, String type, byte[] data, int len) throws IOException {
		byte[] head = new byte[8];
		putInt(head, 0, len);
		byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(t, 0, head, 4, 4);
		out.write(head);
		out.write(data, 0, len);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data, 0, len);
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
