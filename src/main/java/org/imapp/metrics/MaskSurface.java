package org.imapp.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.imapp.mask.BinaryMask;

/**
 * What the boundary metrics need to know about one mask, computed once and shared by every pair
 * the mask takes part in: its area, the bounding box of its foreground and its surface pixels.
 * <p>
 * The surface is medpy's {@code mask ^ binary_erosion(mask, cross)} with scipy's default
 * {@code border_value=0}: a foreground pixel belongs to it when one of its four neighbours is
 * background or lies outside the image. Surface pixels are listed as row-major indices in
 * raster order, the order of numpy's boolean indexing {@code dt[border]}.
 * <p>
 * The scans read eight 0/1 pixels per {@code long}: a word's foreground count is its bit count,
 * and eight pixels are tested against their neighbours with five loads and a few ANDs.
 */
public final class MaskSurface {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long LOW_BITS = 0x0101010101010101L;

	private final BinaryMask mask;
	private final String name;
	private final long area;
	private final int minX, minY, maxX, maxY;
	private final int[] pixels;

	private MaskSurface(BinaryMask mask, String name, long area, int minX, int minY, int maxX, int maxY, int[] pixels) {
		this.mask = mask;
		this.name = name;
		this.area = area;
		this.minX = minX;
		this.minY = minY;
		this.maxX = maxX;
		this.maxY = maxY;
		this.pixels = pixels;
	}

	/** Analyses {@code mask} (which must not change afterwards). */
	public static MaskSurface of(BinaryMask mask) {
		return of(mask, null);
	}

	/** Analyses {@code mask}; {@code name} (e.g. its file name) is used in error messages. */
	public static MaskSurface of(BinaryMask mask, String name) {
		int w = mask.width(), h = mask.height();
		byte[] d = mask.data();
		int minX = Integer.MAX_VALUE, maxX = -1, minY = -1, maxY = -1;
		long area = 0;
		IntList out = new IntList(1024);
		// One pass: each row is read from memory once, its span then counted and tested while in cache.
		for (int y = 0; y < h; y++) {
			int row = y * w;
			int first = firstNonZero(d, row, row + w);
			if (first < 0) continue;
			int last = lastNonZero(d, first, row + w);
			if (minY < 0) minY = y;
			maxY = y;
			minX = Math.min(minX, first - row);
			maxX = Math.max(maxX, last - row);
			area += surfaceOfRow(d, w, h, y, first - row, last - row, out);
		}
		if (minY < 0) return new MaskSurface(mask, name, 0, 0, 0, -1, -1, new int[0]);
		return new MaskSurface(mask, name, area, minX, minY, maxX, maxY, out.toArray());
	}

	public BinaryMask mask() {
		return mask;
	}

	/** The name given to {@link #of(BinaryMask, String)}, or null. */
	public String name() {
		return name;
	}

	public int width() {
		return mask.width();
	}

	public int height() {
		return mask.height();
	}

	/** Foreground pixel count. */
	public long area() {
		return area;
	}

	public boolean isEmpty() {
		return area == 0;
	}

	/** Bounding box of the foreground (and of the surface), inclusive; undefined when empty. */
	public int minX() {
		return minX;
	}

	public int minY() {
		return minY;
	}

	public int maxX() {
		return maxX;
	}

	public int maxY() {
		return maxY;
	}

	/** Number of surface pixels. */
	public int size() {
		return pixels.length;
	}

	/** Surface pixels as row-major indices {@code y * width + x}, raster order. Shared, not copied. */
	public int[] pixels() {
		return pixels;
	}

	/** |this ∩ other|, counted only where both bounding boxes overlap. */
	public long intersection(MaskSurface other) {
		if (isEmpty() || other.isEmpty()) return 0;
		int x0 = Math.max(minX, other.minX), x1 = Math.min(maxX, other.maxX);
		int y0 = Math.max(minY, other.minY), y1 = Math.min(maxY, other.maxY);
		if (x0 > x1 || y0 > y1) return 0;
		byte[] a = mask.data(), b = other.mask.data();
		int w = width();
		long n = 0;
		for (int y = y0; y <= y1; y++) {
			int i = y * w + x0, end = y * w + x1 + 1;
			for (; i + 8 <= end; i += 8) n += Long.bitCount((long) LONGS.get(a, i) & (long) LONGS.get(b, i));
			for (; i < end; i++) n += a[i] & b[i];
		}
		return n;
	}

	private static int firstNonZero(byte[] d, int from, int to) {
		int i = from;
		// Most of a mask is background: test 32 bytes per branch.
		while (i + 32 <= to && ((long) LONGS.get(d, i) | (long) LONGS.get(d, i + 8) | (long) LONGS.get(d, i + 16) | (long) LONGS.get(d, i + 24)) == 0) i += 32;
		while (i + 8 <= to && (long) LONGS.get(d, i) == 0) i += 8;
		for (; i < to; i++) if (d[i] != 0) return i;
		return -1;
	}

	private static int lastNonZero(byte[] d, int from, int to) {
		int i = to;
		while (i - 8 >= from && (long) LONGS.get(d, i - 8) == 0) i -= 8;
		for (i--; i >= from; i--) if (d[i] != 0) return i;
		return -1;
	}

	/**
	 * Adds the surface pixels of row y, whose foreground lies in columns [first, last], to
	 * {@code out} in raster order; returns the row's foreground count.
	 */
	private static long surfaceOfRow(byte[] d, int w, int h, int y, int first, int last, IntList out) {
		int row = y * w;
		long area = 0;
		if (y == 0 || y == h - 1) {
			// The frame is background: every foreground pixel of the first and last row is surface.
			for (int x = first; x <= last; x++) {
				if (d[row + x] != 0) {
					out.add(row + x);
					area++;
				}
			}
			return area;
		}
		int x = first;
		if (x == 0) {
			if (d[row] != 0) {
				out.add(row);
				area++;
			}
			x = 1;
		}
		// Words whose right neighbours stay inside the row; bytes past `last` are 0 and count nothing.
		for (; x <= last && x + 7 <= w - 2; x += 8) {
			int i = row + x;
			long c = (long) LONGS.get(d, i);
			if (c == 0) continue;
			area += Long.bitCount(c);
			long interior = c & (long) LONGS.get(d, i - 1) & (long) LONGS.get(d, i + 1) & (long) LONGS.get(d, i - w) & (long) LONGS.get(d, i + w);
			long s = c & ~interior & LOW_BITS;
			while (s != 0) {
				out.add(i + (Long.numberOfTrailingZeros(s) >>> 3));
				s &= s - 1;
			}
		}
		for (int end = Math.min(last, w - 2); x <= end; x++) {
			int i = row + x;
			if (d[i] != 0) {
				area++;
				if (d[i - 1] == 0 || d[i + 1] == 0 || d[i - w] == 0 || d[i + w] == 0) out.add(i);
			}
		}
		if (last == w - 1 && w > 1 && d[row + w - 1] != 0) {
			out.add(row + w - 1);
			area++;
		}
		return area;
	}

	/** A growable int array; surfaces are small next to their masks. */
	static final class IntList {
		private int[] a;
		private int n;

		IntList(int capacity) {
			a = new int[Math.max(4, capacity)];
		}

		void add(int v) {
			if (n == a.length) a = java.util.Arrays.copyOf(a, Math.max(8, n + (n >> 1)));
			a[n++] = v;
		}

		int[] toArray() {
			return java.util.Arrays.copyOf(a, n);
		}
	}
}
