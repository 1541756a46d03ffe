package org.imapp.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.imapp.Fixtures;
import org.junit.jupiter.api.Test;

class ZlibInflaterTest {

	private static byte[] deflate(byte[] data, int level, int strategy) {
		Deflater d = new Deflater(level);
		d.setStrategy(strategy);
		d.setInput(data);
		d.finish();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buf = new byte[1 << 16];
		while (!d.finished()) out.write(buf, 0, d.deflate(buf));
		d.end();
		return out.toByteArray();
	}

	@Test
	void equalsJavaUtilZipOnEveryLevelAndStrategy() throws Exception {
		Random r = new Random(7);
		int[] strategies = { Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY };
		for (int t = 0; t < 120; t++) {
			int n = t < 3 ? t : r.nextInt(150_000);
			byte[] data = new byte[n];
			int kind = t % 4;
			for (int i = 0; i < n; i++) {
				data[i] = (byte) switch (kind) {
					case 0 -> r.nextInt(256); // incompressible: stored blocks at level 0
					case 1 -> (i / 97) % 2 == 0 ? 0 : 255; // mask-like runs
					case 2 -> r.nextInt(100) < 2 ? r.nextInt(256) : 0;
					default -> "abcabcabd".charAt(i % 9); // overlapping matches, distance 3 and 9
				};
			}
			byte[] z = deflate(data, t % 10, strategies[t % 3]);
			byte[] out = new byte[n];
			assertEquals(n, ZlibInflater.inflate(z, 0, z.length, out), "case " + t);
			assertArrayEquals(data, out, "case " + t);
		}
	}

	@Test
	void inflatesFixtureMaskStreamsLikeZlib() throws Exception {
		int n = 0;
		try (var files = Files.newDirectoryStream(Fixtures.SMALL.resolve("segs"), "*.png")) {
			for (Path p : files) {
				byte[] png = Files.readAllBytes(p);
				ByteArrayOutputStream idat = new ByteArrayOutputStream();
				int w = 0, h = 0, pos = 8;
				while (pos + 8 <= png.length) {
					int len = ((png[pos] & 0xff) << 24) | ((png[pos + 1] & 0xff) << 16) | ((png[pos + 2] & 0xff) << 8) | (png[pos + 3] & 0xff);
					String type = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
					if (type.equals("IHDR")) {
						w = java.nio.ByteBuffer.wrap(png, pos + 8, 4).getInt();
						h = java.nio.ByteBuffer.wrap(png, pos + 12, 4).getInt();
					}
					if (type.equals("IDAT")) idat.write(png, pos + 8, len);
					pos += 12 + len;
				}
				byte[] z = idat.toByteArray();
				byte[] expected = new byte[(w + 1) * h];
				Inflater inf = new Inflater();
				inf.setInput(z);
				assertEquals(expected.length, inf.inflate(expected));
				inf.end();
				byte[] actual = new byte[expected.length];
				assertEquals(expected.length, ZlibInflater.inflate(z, 0, z.length, actual));
				assertArrayEquals(expected, actual, p.toString());
				n++;
			}
		}
		assertEquals(55, n);
	}

	@Test
	void corruptStreamsAreErrors() throws DataFormatException {
		byte[] data = new byte[5000];
		Arrays.fill(data, 1000, 3000, (byte) 255);
		byte[] z = deflate(data, 6, Deflater.DEFAULT_STRATEGY);
		byte[] badSum = z.clone();
		badSum[badSum.length - 1] ^= 1;
		assertThrows(DataFormatException.class, () -> ZlibInflater.inflate(badSum, 0, badSum.length, new byte[5000]));
		assertThrows(DataFormatException.class, () -> ZlibInflater.inflate(z, 0, z.length / 2, new byte[5000]));
		assertThrows(DataFormatException.class, () -> ZlibInflater.inflate(z, 0, z.length, new byte[4000]));
		// A larger buffer with a limit: the limit, not the buffer, bounds the data.
		assertThrows(DataFormatException.class, () -> ZlibInflater.inflateForCheck(z, 0, z.length, new byte[9000], 4000));
		assertEquals(5000, ZlibInflater.inflateForCheck(z, 0, z.length, new byte[9000], 5000).length());
		byte[] notZlib = z.clone();
		notZlib[0] = 0x79;
		assertThrows(DataFormatException.class, () -> ZlibInflater.inflate(notZlib, 0, notZlib.length, new byte[5000]));
		Random r = new Random(3);
		for (int t = 0; t < 200; t++) {
			byte[] flipped = z.clone();
			flipped[2 + r.nextInt(flipped.length - 6)] ^= (byte) (1 << r.nextInt(8));
			try {
				byte[] out = new byte[5000];
				ZlibInflater.inflate(flipped, 0, flipped.length, out);
				// A flip that still decodes must give the same bytes (the checksum is verified).
				assertArrayEquals(data, out);
			}
			catch (DataFormatException expected) {
				// corrupt: reported, never an unchecked exception
			}
		}
	}
}
