package org.imapp.mask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG decoder that goes straight from the compressed stream to a {@link BinaryMask} without
 * building a BufferedImage: mask reading is the floor of every pipeline stage, and ImageIO's
 * general path costs several times more on 30-megapixel masks. The image data is inflated in one
 * go by {@link ZlibInflater} (mask streams are long runs, which it copies in bulk; several times
 * faster than {@link Inflater}), at the price of one transient buffer of the filtered image
 * (about one byte per pixel for 8-bit grey); streams it refuses go through {@link Inflater}.
 * Handles every non-interlaced colour type and bit depth; interlaced files go to ImageIO.
 * Chunk CRCs and the zlib stream's Adler-32 are both verified, always: a stream damaged before it
 * was cut into chunks (or whose CRCs were recomputed) passes every CRC, and only the Adler-32
 * tells that the inflated pixels are wrong. A corrupted file is an error, not a wrong mask.
 * The size in {@code IHDR} is checked against {@link MaskLimits} before any pixel buffer exists.
 */
final class PngDecoder {

	private static final byte[] SIGNATURE = { (byte) 137, 80, 78, 71, 13, 10, 26, 10 };

	private PngDecoder() {}

	static boolean isPng(byte[] b) {
		if (b.length < 8) return false;
		for (int i = 0; i < 8; i++) if (b[i] != SIGNATURE[i]) return false;
		return true;
	}

	/** Bytes of a PNG's start that hold its size: the signature and the {@code IHDR} chunk up to the height. */
	static final int HEADER_BYTES = 24;

	/** Width × height its {@code IHDR} declares, from the first {@link #HEADER_BYTES} of a PNG; 0 when they are not a PNG's. */
	static long declaredPixels(byte[] head) {
		if (head.length < HEADER_BYTES || !isPng(head) || !"IHDR".equals(new String(head, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1))) return 0;
		return Integer.toUnsignedLong(readInt(head, 16)) * Integer.toUnsignedLong(readInt(head, 20));
	}

	static BinaryMask decodeBinary(byte[] b, String name) throws MaskReadException {
		return decodeBinary(b, name, null, MaskLimits.defaults());
	}

	/**
	 * As {@link #decodeBinary(byte[], String)} under {@code limits}, also collecting raw
	 * foreground values when {@code values} is given.
	 */
	static BinaryMask decodeBinary(byte[] b, String name, ForegroundValues values, MaskLimits limits) throws MaskReadException {
		try {
			return decode(b, name, values, limits);
		}
		catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException | ArithmeticException e) {
			throw new MaskReadException(name, "corrupted PNG", e);
		}
		catch (OutOfMemoryError e) {
			// Within the limits, but other work (other threads' masks) holds the heap: this mask's
			// buffer was not allocated, so the run can go on and report it.
			throw new MaskReadException(name, "not enough memory to decode it now (maximum heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)", null);
		}
	}

	private static BinaryMask decode(byte[] b, String name, ForegroundValues values, MaskLimits limits) throws MaskReadException {
		int pos = 8;
		int width = 0, height = 0, bitDepth = 0, colorType = -1;
		byte[] palette = null; // RGB triples
		byte[] paletteAlpha = null;
		int[] idat = new int[8]; // (start, length) of each IDAT chunk
		int idatCount = 0;
		long idatBytes = 0;
		boolean sawEnd = false;
		CRC32 crc = new CRC32();
		while (pos + 8 <= b.length) {
			int len = readInt(b, pos);
			int typeStart = pos + 4;
			int dataStart = pos + 8;
			if (len < 0 || dataStart + (long) len + 4 > b.length) {
				throw new MaskReadException(name, "truncated PNG", null);
			}
			crc.reset();
			crc.update(b, typeStart, len + 4);
			if ((int) crc.getValue() != readInt(b, dataStart + len)) {
				throw new MaskReadException(name, "corrupted PNG (CRC mismatch in chunk " + new String(b, typeStart, 4, java.nio.charset.StandardCharsets.ISO_8859_1) + ")", null);
			}
			String type = new String(b, typeStart, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
			switch (type) {
				case "IHDR" -> {
					width = readInt(b, dataStart);
					height = readInt(b, dataStart + 4);
					bitDepth = b[dataStart + 8] & 0xff;
					colorType = b[dataStart + 9] & 0xff;
					int interlace = b[dataStart + 12] & 0xff;
					if (width <= 0 || height <= 0) throw new MaskReadException(name, "invalid PNG size " + width + "x" + height, null);
					limits.checkSize(name, width, height);
					if (interlace != 0) return MaskIO.decodeWithImageIO(b, name, values, limits);
				}
				case "PLTE" -> palette = java.util.Arrays.copyOfRange(b, dataStart, dataStart + len);
				case "tRNS" -> paletteAlpha = java.util.Arrays.copyOfRange(b, dataStart, dataStart + len);
				case "IDAT" -> {
					if (colorType < 0) throw new MaskReadException(name, "PNG without IHDR", null);
					if (2 * idatCount + 2 > idat.length) idat = java.util.Arrays.copyOf(idat, 2 * idat.length);
					idat[2 * idatCount] = dataStart;
					idat[2 * idatCount + 1] = len;
					idatCount++;
					idatBytes += len;
				}
				case "IEND" -> sawEnd = true;
				default -> { /* ancillary chunks do not change pixel values */ }
			}
			pos = dataStart + len + 4;
			if (sawEnd) break;
		}
		if (idatCount == 0) throw new MaskReadException(name, "truncated PNG (no image data)", null);
		boolean[] paletteFg = foregroundTable(colorType, bitDepth, palette, paletteAlpha, name);
		long[] paletteValues = values != null ? paletteValues(colorType, palette, paletteAlpha) : null;

		// Fast path: the whole zlib stream inflated at once, then un-filtered; the Adler-32 is summed
		// slice by slice just before each slice's rows are un-filtered, while they are in cache.
		RowSink sink = new RowSink(width, height, bitDepth, colorType, paletteFg, name);
		if (values != null) sink.collect(values, paletteValues);
		byte[] in = b;
		int inOff = idat[0], inLen = idat[1];
		if (idatCount > 1) {
			in = new byte[Math.toIntExact(idatBytes)];
			int at = 0;
			for (int i = 0; i < idatCount; i++) {
				System.arraycopy(b, idat[2 * i], in, at, idat[2 * i + 1]);
				at += idat[2 * i + 1];
			}
			inOff = 0;
			inLen = in.length;
		}
		int rawLength = Math.toIntExact(Math.multiplyExact((long) height, sink.rowBytes + 1L));
		byte[] raw = rawBuffer(rawLength);
		try {
			ZlibInflater.Inflated z = ZlibInflater.inflateForCheck(in, inOff, inLen, raw, rawLength);
			Adler32 sum = new Adler32();
			sink.rows(raw, z.length(), sum);
			try {
				z.verify(sum);
			}
			catch (DataFormatException e) {
				throw damaged(name);
			}
			if (!sink.complete()) throw new MaskReadException(name, "truncated PNG (image data ends at row " + sink.row + " of " + height + ")", null);
			return sink.mask();
		}
		catch (DataFormatException e) {
			// The partly filled buffer is not given back: stale bytes never reach a later image.
			RAW.remove();
			// Rare streams the fast inflater refuses (preset dictionary, data beyond the image) and
			// corrupt ones: java.util.zip decides, so errors and tolerance stay as zlib's.
		}
		raw = null;
		sink = new RowSink(width, height, bitDepth, colorType, paletteFg, name);
		if (values != null) {
			values.reset();
			sink.collect(values, paletteValues);
		}
		Inflater inflater = new Inflater();
		try {
			for (int i = 0; i < idatCount; i++) {
				inflater.setInput(b, idat[2 * i], idat[2 * i + 1]);
				sink.drain(inflater);
			}
			if (!sink.complete()) throw new MaskReadException(name, "truncated PNG (image data ends at row " + sink.row + " of " + height + ")", null);
			// Only a stream read to its end has had its Adler-32 compared by zlib.
			if (!inflater.finished()) throw new MaskReadException(name, "truncated PNG (the zlib stream ends before its checksum)", null);
			return sink.mask();
		}
		catch (DataFormatException e) {
			if ("incorrect data check".equals(e.getMessage())) throw damaged(name);
			throw new MaskReadException(name, "corrupted PNG (" + e.getMessage() + ")", e);
		}
		finally {
			inflater.end();
		}
	}

	private static MaskReadException damaged(String name) {
		return new MaskReadException(name, "corrupted PNG (zlib checksum mismatch: the image data is damaged although every chunk CRC is right)", null);
	}

	/**
	 * Each thread's inflate buffer, kept between images (softly, so the collector may take it)
	 * and grown to the largest image yet: allocating and zeroing a 30 MB array per mask costs
	 * about a tenth of the decode, and in a short run most of that is first-touch page faults.
	 * Reuse is safe because the inflater writes every byte it reports, at most the image's raw
	 * length, and only those bytes are read.
	 */
	private static final ThreadLocal<java.lang.ref.SoftReference<byte[]>> RAW = new ThreadLocal<>();

	private static byte[] rawBuffer(int length) {
		java.lang.ref.SoftReference<byte[]> ref = RAW.get();
		byte[] b = ref == null ? null : ref.get();
		if (b != null && b.length >= length) return b;
		b = new byte[length];
		RAW.set(new java.lang.ref.SoftReference<>(b));
		return b;
	}

	/** For palette images: which palette entries are foreground after expansion to RGB(A). */
	private static boolean[] foregroundTable(int colorType, int bitDepth, byte[] palette, byte[] alpha, String name) throws MaskReadException {
		if (colorType != 3) return null;
		if (palette == null) throw new MaskReadException(name, "palette PNG without PLTE chunk", null);
		boolean[] fg = new boolean[256];
		int n = palette.length / 3;
		for (int i = 0; i < n; i++) {
			boolean rgb = palette[3 * i] != 0 || palette[3 * i + 1] != 0 || palette[3 * i + 2] != 0;
			// With tRNS, the expanded image is RGBA and alpha (255 where not listed) joins the mean.
			boolean a = alpha != null && (i >= alpha.length || alpha[i] != 0);
			fg[i] = rgb || a;
		}
		return fg;
	}

	/** For palette images: each entry's expanded colour packed as RGB or, with tRNS, RGBA. */
	private static long[] paletteValues(int colorType, byte[] palette, byte[] alpha) {
		if (colorType != 3) return null;
		long[] v = new long[256];
		for (int i = 0; i < palette.length / 3; i++) {
			long rgb = ((palette[3 * i] & 0xffL) << 16) | ((palette[3 * i + 1] & 0xffL) << 8) | (palette[3 * i + 2] & 0xffL);
			v[i] = alpha == null ? rgb : (rgb << 8) | (i < alpha.length ? alpha[i] & 0xffL : 0xffL);
		}
		return v;
	}

	private static int readInt(byte[] b, int p) {
		return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
	}

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
	private static final long HIGH = 0x8080808080808080L;
	private static final long ONES = 0x0101010101010101L;

	/** Per byte: 1 where the byte is non-zero, else 0 (SWAR, no per-byte branches). */
	private static long nonZero(long x) {
		return ((((x & LOW7) + LOW7) | x) >>> 7) & ONES;
	}

	/** Per byte: a + b mod 256 (SWAR). */
	private static long addBytes(long a, long b) {
		return ((a & LOW7) + (b & LOW7)) ^ ((a ^ b) & HIGH);
	}

	/**
	 * Receives inflated bytes, un-filters rows and binarises them. Inflated data lands in a chunk
	 * buffer of many rows (few inflate calls); 8-bit grey rows, the usual mask format, are
	 * un-filtered and binarised eight bytes at a time, and runs of equal pixels under the Sub
	 * filter (all-zero filtered words) cost one store per eight pixels.
	 */
	private static final class RowSink {
		final int width, height, bitDepth, colorType, channels, bpp, rowBytes;
		final boolean[] paletteFg;
		final boolean gray8;
		final String name;
		final byte[] out;
		byte[] buf; // chunk buffer of the streaming fallback, made on first use
		int start, end; // unread inflated bytes are buf[start, end)
		byte[] prev, cur;
		int row;
		ForegroundValues values; // null unless raw values are asked for
		long[] paletteValues;

		RowSink(int width, int height, int bitDepth, int colorType, boolean[] paletteFg, String name) throws MaskReadException {
			this.width = width;
			this.height = height;
			this.bitDepth = bitDepth;
			this.colorType = colorType;
			this.paletteFg = paletteFg;
			this.name = name;
			channels = switch (colorType) {
				case 0, 3 -> 1;
				case 2 -> 3;
				case 4 -> 2;
				case 6 -> 4;
				default -> throw new MaskReadException(name, "unknown PNG colour type " + colorType, null);
			};
			if (!validDepth(colorType, bitDepth)) throw new MaskReadException(name, "invalid PNG bit depth " + bitDepth + " for colour type " + colorType, null);
			long bits = (long) width * channels * bitDepth;
			rowBytes = Math.toIntExact((bits + 7) / 8);
			bpp = Math.max(1, channels * bitDepth / 8);
			gray8 = bitDepth == 8 && channels == 1 && paletteFg == null;
			out = new byte[Math.multiplyExact(width, height)];
			prev = new byte[rowBytes];
			cur = new byte[rowBytes];
		}

		private static boolean validDepth(int colorType, int d) {
			return switch (colorType) {
				case 0 -> d == 1 || d == 2 || d == 4 || d == 8 || d == 16;
				case 3 -> d == 1 || d == 2 || d == 4 || d == 8;
				default -> d == 8 || d == 16;
			};
		}

		/**
		 * Un-filters and binarises the complete rows among the first {@code n} bytes of an inflated
		 * stream, adding all {@code n} bytes to {@code sum} in slices of whole rows (about 256 kB),
		 * each summed just before its rows are read.
		 */
		void rows(byte[] raw, int n, Adler32 sum) throws DataFormatException {
			int stride = rowBytes + 1;
			int slice = Math.max(1, (1 << 18) / stride) * stride;
			for (int s = 0; s < n; s += slice) {
				int e = (int) Math.min(n, (long) s + slice);
				sum.update(raw, s, e - s);
				for (int at = s; at + stride <= e && row < height; at += stride) nextRow(raw, at);
			}
		}

		/** Un-filters and binarises the row whose filter byte is at {@code b[at]}, then moves to the next row. */
		private void nextRow(byte[] b, int at) throws DataFormatException {
			unfilter(b, at);
			binarise();
			if (values != null) collectValues();
			byte[] t = prev;
			prev = cur;
			cur = t;
			row++;
		}

		void drain(Inflater inf) throws DataFormatException {
			int stride = rowBytes + 1;
			if (buf == null) buf = new byte[Math.max(1 << 16, 4 * stride)];
			while (row < height) {
				if (start > 0 && buf.length - end < stride) {
					System.arraycopy(buf, start, buf, 0, end - start);
					end -= start;
					start = 0;
				}
				int n = inf.inflate(buf, end, buf.length - end);
				end += n;
				while (end - start >= stride && row < height) {
					nextRow(buf, start);
					start += stride;
				}
				if (n == 0 && (inf.needsInput() || inf.finished() || inf.needsDictionary())) return;
			}
			// Bytes after the last row are inflated and dropped: zlib compares the checksum at the stream's end.
			while (!inf.finished() && inf.inflate(buf) > 0) {
				// nothing to keep
			}
		}

		void collect(ForegroundValues values, long[] paletteValues) {
			this.values = values;
			this.paletteValues = paletteValues;
		}

		boolean complete() {
			return row == height;
		}

		BinaryMask mask() {
			return new BinaryMask(width, height, out);
		}

		/** Un-filters the row whose filter byte is at {@code b[at]} into {@code cur}. */
		private void unfilter(byte[] b, int at) throws DataFormatException {
			int filter = b[at] & 0xff;
			int src = at + 1;
			byte[] c = cur, p = prev;
			int n = rowBytes;
			if (gray8 && filter <= 2) {
				unfilterGray8(filter, b, src);
				return;
			}
			switch (filter) {
				case 0 -> System.arraycopy(b, src, c, 0, n);
				case 1 -> {
					for (int i = 0; i < n; i++) c[i] = (byte) (b[src + i] + (i >= bpp ? c[i - bpp] : 0));
				}
				case 2 -> {
					for (int i = 0; i < n; i++) c[i] = (byte) (b[src + i] + p[i]);
				}
				case 3 -> {
					for (int i = 0; i < n; i++) {
						int left = i >= bpp ? c[i - bpp] & 0xff : 0;
						c[i] = (byte) (b[src + i] + ((left + (p[i] & 0xff)) >>> 1));
					}
				}
				case 4 -> {
					for (int i = 0; i < n; i++) {
						int a = i >= bpp ? c[i - bpp] & 0xff : 0;
						int bb = p[i] & 0xff;
						int cc = i >= bpp ? p[i - bpp] & 0xff : 0;
						int pa = Math.abs(bb - cc), pb = Math.abs(a - cc), pc = Math.abs(a + bb - 2 * cc);
						int pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? bb : cc);
						c[i] = (byte) (b[src + i] + pred);
					}
				}
				default -> throw new DataFormatException("invalid filter type " + filter + " in row " + row);
			}
			binariseFromCur = true;
		}

		/** Set when the row still has to be binarised from {@code cur} (the general path). */
		private boolean binariseFromCur;

		/** None, Sub and Up for 8-bit grey: un-filter into {@code cur} and binarise into {@code out} in one pass. */
		private void unfilterGray8(int filter, byte[] b, int src) {
			byte[] c = cur, p = prev, o = out;
			int n = rowBytes, off = row * width;
			int words = n & ~7;
			switch (filter) {
				case 0 -> {
					for (int i = 0; i < words; i += 8) {
						long x = (long) LONG.get(b, src + i);
						LONG.set(c, i, x);
						if (x != 0) LONG.set(o, off + i, nonZero(x));
					}
					for (int i = words; i < n; i++) {
						c[i] = b[src + i];
						o[off + i] = c[i] != 0 ? (byte) 1 : 0;
					}
				}
				case 2 -> {
					for (int i = 0; i < words; i += 8) {
						long x = addBytes((long) LONG.get(b, src + i), (long) LONG.get(p, i));
						LONG.set(c, i, x);
						if (x != 0) LONG.set(o, off + i, nonZero(x));
					}
					for (int i = words; i < n; i++) {
						c[i] = (byte) (b[src + i] + p[i]);
						o[off + i] = c[i] != 0 ? (byte) 1 : 0;
					}
				}
				default -> { // Sub: a running value; a zero word keeps it for eight pixels.
					int v = 0;
					int i = 0;
					for (; i < words; i += 8) {
						long d = (long) LONG.get(b, src + i);
						if (d == 0) {
							if (v == 0) LONG.set(c, i, 0L);
							else {
								LONG.set(c, i, (v & 0xff) * ONES);
								LONG.set(o, off + i, ONES);
							}
							continue;
						}
						for (int k = i; k < i + 8; k++) {
							v = (v + b[src + k]) & 0xff;
							c[k] = (byte) v;
							if (v != 0) o[off + k] = 1;
						}
					}
					for (; i < n; i++) {
						v = (v + b[src + i]) & 0xff;
						c[i] = (byte) v;
						if (v != 0) o[off + i] = 1;
					}
				}
			}
			binariseFromCur = false;
		}

		/**
		 * Adds this row's raw pixel values (palette entries expanded) to {@link #values}; only
		 * changes from the previous pixel (8-bit grey: from the pixel above) are passed on, as
		 * masks are long runs of one value.
		 */
		private void collectValues() {
			byte[] c = cur;
			long last = -1;
			if (bitDepth == 8 && channels == 1 && paletteValues == null) {
				// Only a pixel that differs from the one above can hold a value not met yet: every
				// byte of prev was collected already (or is the zero it starts as). Mask rows
				// differ from the row above at the outline only, and the vectorised mismatch
				// jumps between those pixels.
				byte[] p = prev;
				int x = 0;
				while (x < width) {
					int m = java.util.Arrays.mismatch(c, x, width, p, x, width);
					if (m < 0) break;
					x += m;
					values.add(c[x] & 0xff);
					x++;
				}
				return;
			}
			if (bitDepth >= 8) {
				int bytesPerPixel = channels * bitDepth / 8;
				for (int x = 0; x < width; x++) {
					int s = x * bytesPerPixel;
					long v;
					if (paletteValues != null) {
						v = paletteValues[c[s] & 0xff];
					}
					else {
						v = 0;
						for (int k = 0; k < bytesPerPixel; k++) v = (v << 8) | (c[s + k] & 0xff);
					}
					if (v != last) {
						last = v;
						values.add(v);
					}
				}
				return;
			}
			int perByte = 8 / bitDepth;
			int maskBits = (1 << bitDepth) - 1;
			for (int x = 0; x < width; x++) {
				int v = ((c[x / perByte] & 0xff) >>> (8 - bitDepth * (x % perByte + 1))) & maskBits;
				values.add(paletteValues != null ? paletteValues[v] : v);
			}
		}

		private void binarise() {
			if (!binariseFromCur) return;
			byte[] c = cur;
			int off = row * width;
			if (gray8) {
				int words = width & ~7;
				for (int x = 0; x < words; x += 8) {
					long v = (long) LONG.get(c, x);
					if (v != 0) LONG.set(out, off + x, nonZero(v));
				}
				for (int x = words; x < width; x++) out[off + x] = c[x] != 0 ? (byte) 1 : 0;
				return;
			}
			if (bitDepth >= 8) {
				int bytesPerPixel = channels * bitDepth / 8;
				for (int x = 0; x < width; x++) {
					int s = x * bytesPerPixel;
					boolean fg;
					if (paletteFg != null) {
						fg = paletteFg[c[s] & 0xff];
					}
					else {
						fg = false;
						for (int k = 0; k < bytesPerPixel; k++) {
							if (c[s + k] != 0) {
								fg = true;
								break;
							}
						}
					}
					out[off + x] = fg ? (byte) 1 : 0;
				}
				return;
			}
			// 1, 2 or 4 bits per sample: grey or palette, one channel.
			int perByte = 8 / bitDepth;
			int maskBits = (1 << bitDepth) - 1;
			for (int x = 0; x < width; x++) {
				int v = ((c[x / perByte] & 0xff) >>> (8 - bitDepth * (x % perByte + 1))) & maskBits;
				boolean fg = paletteFg != null ? paletteFg[v] : v != 0;
				out[off + x] = fg ? (byte) 1 : 0;
			}
		}
	}
}
