package org.imapp.mask;

import java.util.zip.Adler32;
import java.util.zip.DataFormatException;

/**
 * A zlib (RFC 1950/1951) decompressor for whole streams into a buffer of known size, written for
 * mask PNGs: their deflate data is almost all long matches (runs of 0 or 255, repeated rows),
 * which this copies with {@link RunFill} / {@code System.arraycopy} instead of zlib's byte
 * loop, so it inflates mask images several times faster than {@link java.util.zip.Inflater}.
 * Huffman codes are decoded with one 15-bit table lookup per symbol. The Adler-32 checksum is
 * always verified, with {@link java.util.zip.Adler32} (a JIT intrinsic): by {@link #inflate}
 * itself, or by the caller over slices of the output it reads anyway ({@link #inflateForCheck}).
 */
public final class ZlibInflater {

	private static final int MAX_BITS = 15;
	private static final int[] LENGTH_BASE = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
	private static final int[] LENGTH_EXTRA = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
	private static final int[] DIST_BASE = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
		8193, 12289, 16385, 24577 };
	private static final int[] DIST_EXTRA = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
	/** Order in which code-length code lengths are stored. */
	private static final int[] CLEN_ORDER = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

	private static final int[] FIXED_LIT;
	private static final int[] FIXED_DIST;

	static {
		byte[] lit = new byte[288];
		for (int i = 0; i < 288; i++) lit[i] = (byte) (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
		byte[] dist = new byte[30];
		java.util.Arrays.fill(dist, (byte) 5);
		try {
			FIXED_LIT = table(lit, 288);
			FIXED_DIST = table(dist, 30);
		}
		catch (DataFormatException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	// Input bit reader: bits are consumed from the low end of acc.
	private final byte[] in;
	private int pos;
	private final int end;
	private long acc;
	private int bits;

	private ZlibInflater(byte[] in, int off, int len) {
		this.in = in;
		this.pos = off;
		this.end = off + len;
	}

	/**
	 * Inflates the zlib stream {@code in[off, off+len)} into {@code out}, which must have room for
	 * all of it, and verifies its Adler-32.
	 *
	 * @return the number of bytes written
	 * @throws DataFormatException on a corrupt or truncated stream, a wrong checksum, or more data than {@code out} holds
	 */
	public static int inflate(byte[] in, int off, int len, byte[] out) throws DataFormatException {
		Inflated z = inflateForCheck(in, off, len, out, out.length);
		Adler32 sum = new Adler32();
		sum.update(out, 0, z.length());
		z.verify(sum);
		return z.length();
	}

	/**
	 * What {@link #inflateForCheck} wrote, with the stream's Adler-32 trailer, which the caller
	 * must compare (by {@link #verify}) with the sum of {@code out[0, length)}.
	 */
	record Inflated(int length, int adler32) {
		/** @throws DataFormatException when {@code sum} (of every inflated byte) is not the trailer's */
		void verify(Adler32 sum) throws DataFormatException {
			if ((int) sum.getValue() != adler32) throw new DataFormatException("incorrect data check");
		}
	}

	/**
	 * As {@link #inflate}, leaving the checksum to the caller, who sums the bytes while they are
	 * in cache for its own pass over them (the PNG decoder, row slice by row slice): a separate
	 * pass over a 30 MB inflated mask costs more than the sum itself. At most {@code limit} bytes
	 * ({@code <= out.length}) are written: more data is an error, as for a buffer of that size.
	 */
	static Inflated inflateForCheck(byte[] in, int off, int len, byte[] out, int limit) throws DataFormatException {
		if (limit < 0 || limit > out.length) throw new IllegalArgumentException("limit " + limit + " for a buffer of " + out.length);
		ZlibInflater z = new ZlibInflater(in, off, len);
		int cmf = z.bitsOf(8), flg = z.bitsOf(8);
		if ((cmf & 0x0f) != 8 || (cmf >>> 4) > 7 || ((cmf << 8) | flg) % 31 != 0) throw new DataFormatException("not a zlib stream");
		if ((flg & 0x20) != 0) throw new DataFormatException("zlib preset dictionary not supported");
		int n = z.inflateBlocks(out, limit);
		z.alignToByte();
		int expected = (z.bitsOf(8) << 24) | (z.bitsOf(8) << 16) | (z.bitsOf(8) << 8) | z.bitsOf(8);
		return new Inflated(n, expected);
	}

	private int inflateBlocks(byte[] out, int limit) throws DataFormatException {
		int op = 0;
		int[] lit = null, dist = null;
		boolean last;
		do {
			last = bitsOf(1) == 1;
			int type = bitsOf(2);
			switch (type) {
				case 0 -> {
					alignToByte();
					int n = bitsOf(16), nn = bitsOf(16);
					if ((n ^ 0xffff) != nn) throw new DataFormatException("invalid stored block lengths");
					if (op + n > limit) throw new DataFormatException("more data than expected");
					for (int i = 0; i < n; i++) out[op++] = (byte) bitsOf(8);
					continue;
				}
				case 1 -> {
					lit = FIXED_LIT;
					dist = FIXED_DIST;
				}
				case 2 -> {
					int[][] t = readDynamicTables();
					lit = t[0];
					dist = t[1];
				}
				default -> throw new DataFormatException("invalid block type");
			}
			op = inflateCodes(out, op, lit, dist, limit);
		}
		while (!last);
		return op;
	}

	private int inflateCodes(byte[] out, int op, int[] lit, int[] dist, int limit) throws DataFormatException {
		while (true) {
			refill();
			int e = lit[(int) acc & ((1 << MAX_BITS) - 1)];
			int len = e & 15;
			if (len == 0 || len > bits) throw new DataFormatException("invalid literal/length code");
			acc >>>= len;
			bits -= len;
			int sym = e >>> 4;
			if (sym < 256) {
				if (op >= limit) throw new DataFormatException("more data than expected");
				out[op++] = (byte) sym;
				continue;
			}
			if (sym == 256) return op;
			sym -= 257;
			if (sym >= 29) throw new DataFormatException("invalid literal/length code");
			int length = LENGTH_BASE[sym] + takeBits(LENGTH_EXTRA[sym]);
			refill();
			int d = dist[(int) acc & ((1 << MAX_BITS) - 1)];
			int dl = d & 15;
			if (dl == 0 || dl > bits) throw new DataFormatException("invalid distance code");
			acc >>>= dl;
			bits -= dl;
			int ds = d >>> 4;
			if (ds >= 30) throw new DataFormatException("invalid distance code");
			int distance = DIST_BASE[ds] + takeBits(DIST_EXTRA[ds]);
			if (distance > op) throw new DataFormatException("invalid distance too far back");
			if (op + length > limit) throw new DataFormatException("more data than expected");
			int from = op - distance;
			if (distance == 1) {
				RunFill.fill(out, op, op + length, out[from]);
			}
			else if (distance >= length) {
				System.arraycopy(out, from, out, op, length);
			}
			else {
				// Overlapping copy: the pattern of `distance` bytes repeats; copy in doubling chunks.
				int done = 0;
				while (done < length) {
					int chunk = Math.min(length - done, distance + done);
					System.arraycopy(out, from, out, op + done, chunk);
					done += chunk;
				}
			}
			op += length;
		}
	}

	private int[][] readDynamicTables() throws DataFormatException {
		int hlit = bitsOf(5) + 257, hdist = bitsOf(5) + 1, hclen = bitsOf(4) + 4;
		if (hlit > 286 || hdist > 30) throw new DataFormatException("too many length or distance symbols");
		byte[] clen = new byte[19];
		for (int i = 0; i < hclen; i++) clen[CLEN_ORDER[i]] = (byte) bitsOf(3);
		int[] clTable = table(clen, 19);
		byte[] lengths = new byte[hlit + hdist];
		int i = 0;
		while (i < lengths.length) {
			refill();
			int e = clTable[(int) acc & ((1 << MAX_BITS) - 1)];
			int len = e & 15;
			if (len == 0 || len > bits) throw new DataFormatException("invalid code lengths set");
			acc >>>= len;
			bits -= len;
			int sym = e >>> 4;
			if (sym < 16) {
				lengths[i++] = (byte) sym;
				continue;
			}
			int repeat;
			byte value = 0;
			if (sym == 16) {
				if (i == 0) throw new DataFormatException("invalid bit length repeat");
				value = lengths[i - 1];
				repeat = 3 + bitsOf(2);
			}
			else if (sym == 17) repeat = 3 + bitsOf(3);
			else repeat = 11 + bitsOf(7);
			if (i + repeat > lengths.length) throw new DataFormatException("invalid bit length repeat");
			for (int r = 0; r < repeat; r++) lengths[i++] = value;
		}
		if (lengths[256] == 0) throw new DataFormatException("invalid code -- missing end-of-block");
		return new int[][] { table(java.util.Arrays.copyOf(lengths, hlit), hlit), table(java.util.Arrays.copyOfRange(lengths, hlit, hlit + hdist), hdist) };
	}

	/**
	 * A 2^15-entry decoding table of canonical Huffman code lengths: entry = symbol << 4 | code
	 * length, indexed by the next 15 input bits (LSB first); 0 marks an invalid code.
	 */
	private static int[] table(byte[] lengths, int n) throws DataFormatException {
		int[] count = new int[MAX_BITS + 1];
		for (int s = 0; s < n; s++) count[lengths[s]]++;
		count[0] = 0;
		int left = 1;
		for (int l = 1; l <= MAX_BITS; l++) {
			left = (left << 1) - count[l];
			if (left < 0) throw new DataFormatException("over-subscribed Huffman code");
		}
		int[] next = new int[MAX_BITS + 2];
		for (int l = 1; l <= MAX_BITS; l++) next[l + 1] = (next[l] + count[l]) << 1;
		int[] table = new int[1 << MAX_BITS];
		for (int s = 0; s < n; s++) {
			int l = lengths[s];
			if (l == 0) continue;
			int code = next[l]++;
			int rev = Integer.reverse(code) >>> (32 - l);
			int entry = (s << 4) | l;
			for (int k = rev; k < table.length; k += 1 << l) table[k] = entry;
		}
		return table;
	}

	/** Tops the bit buffer up to at least 56 bits while input lasts. */
	private void refill() {
		while (bits <= 56 && pos < end) {
			acc |= (long) (in[pos++] & 0xff) << bits;
			bits += 8;
		}
	}

	private int takeBits(int n) throws DataFormatException {
		if (n == 0) return 0;
		if (bits < n) {
			refill();
			if (bits < n) throw new DataFormatException("truncated zlib stream");
		}
		int v = (int) acc & ((1 << n) - 1);
		acc >>>= n;
		bits -= n;
		return v;
	}

	private int bitsOf(int n) throws DataFormatException {
		refill();
		return takeBits(n);
	}

	private void alignToByte() {
		int drop = bits & 7;
		acc >>>= drop;
		bits -= drop;
	}
}
