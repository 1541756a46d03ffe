package org.imapp.metrics;

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
 * The pixels are read once, to find each row's foreground runs: background and foreground
 * stretches are skipped many pixels at a time ({@link BinaryMask#nextNonZero}, {@link BinaryMask#nextZero}). Area, box, surface (a run's
 * ends, and its inner pixels not covered by runs both above and below) and intersections with
 * other masks then come from the runs, whose number follows the outline, not the area.
 */
public final class MaskSurface {

	private final BinaryMask mask;
	private final String name;
	private final long area;
	private final int minX, minY, maxX, maxY;
	private final int[] pixels;
	/** Foreground runs as inclusive column pairs (start, end); row y's runs are pairs [runRow[y], runRow[y+1]). */
	private final int[] runs, runRow;
	/** Immutable once made, published through the volatile write. */
	private volatile SurfaceDistances.TargetIndex targetIndex;

	private MaskSurface(BinaryMask mask, String name, long area, int minX, int minY, int maxX, int maxY, int[] pixels, int[] runs, int[] runRow) {
		this.mask = mask;
		this.name = name;
		this.area = area;
		this.minX = minX;
		this.minY = minY;
		this.maxX = maxX;
		this.maxY = maxY;
		this.pixels = pixels;
		this.runs = runs;
		this.runRow = runRow;
	}

	/** Analyses {@code mask} (which must not change afterwards). */
	public static MaskSurface of(BinaryMask mask) {
		return of(mask, null);
	}

	/** Analyses {@code mask}; {@code name} (e.g. its file name) is used in error messages. */
	public static MaskSurface of(BinaryMask mask, String name) {
		int w = mask.width(), h = mask.height();
		byte[] d = mask.data();
		// Pass 1, the only one over the pixels: each row's foreground runs. Background and foreground
		// stretches are skipped a word at a time, so a row costs one load per 8 to 32 pixels.
		IntList runs = new IntList(1024);
		int[] runRow = new int[h + 1];
		int minX = Integer.MAX_VALUE, maxX = -1, minY = -1, maxY = -1;
		long area = 0;
		for (int y = 0; y < h; y++) {
			runRow[y] = runs.size() >> 1;
			int before = runs.size();
			scanRuns(d, y * w, w, runs);
			if (runs.size() == before) continue;
			if (minY < 0) minY = y;
			maxY = y;
			minX = Math.min(minX, runs.get(before));
			maxX = Math.max(maxX, runs.get(runs.size() - 1));
			for (int k = before; k < runs.size(); k += 2) area += runs.get(k + 1) - runs.get(k) + 1;
		}
		runRow[h] = runs.size() >> 1;
		if (minY < 0) return new MaskSurface(mask, name, 0, 0, 0, -1, -1, new int[0], new int[0], runRow);
		int[] r = runs.toArray();
		return new MaskSurface(mask, name, area, minX, minY, maxX, maxY, surfacePixels(r, runRow, w, h, minY, maxY), r, runRow);
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

	/** The surface indexed for nearest-pixel searches, made on first use (see {@link SurfaceDistances}). */
	SurfaceDistances.TargetIndex targetIndex() {
		return targetIndex;
	}

	void targetIndex(SurfaceDistances.TargetIndex index) {
		targetIndex = index;
	}

	/** Number of surface pixels. */
	public int size() {
		return pixels.length;
	}

	/** Surface pixels as row-major indices {@code y * width + x}, raster order. Shared, not copied. */
	public int[] pixels() {
		return pixels;
	}

	/** |this ∩ other|, from the two masks' foreground runs (no pixel is read). */
	public long intersection(MaskSurface other) {
		if (isEmpty() || other.isEmpty()) return 0;
		int y0 = Math.max(minY, other.minY), y1 = Math.min(maxY, other.maxY);
		int[] ra = runs, rb = other.runs;
		long n = 0;
		for (int y = y0; y <= y1; y++) {
			int i = runRow[y], iEnd = runRow[y + 1], j = other.runRow[y], jEnd = other.runRow[y + 1];
			while (i < iEnd && j < jEnd) {
				int ae = ra[2 * i + 1], be = rb[2 * j + 1];
				int overlap = Math.min(ae, be) - Math.max(ra[2 * i], rb[2 * j]) + 1;
				if (overlap > 0) n += overlap;
				if (ae < be) i++;
				else j++;
			}
		}
		return n;
	}

	/** Appends the foreground runs of the row of {@code w} pixels at {@code row} as column pairs (start, end). */
	private static void scanRuns(byte[] d, int row, int w, IntList runs) {
		int to = row + w;
		for (int i = row; (i = BinaryMask.nextNonZero(d, i, to)) < to;) {
			int start = i;
			i = BinaryMask.nextZero(d, i, to);
			runs.add(start - row);
			runs.add(i - 1 - row);
		}
	}

	/**
	 * Surface pixels from the runs: a run's ends are surface (their outer neighbour is background or
	 * outside), its inner pixels are surface where the row above or below is background, and all
	 * of the first and last image rows is (the frame counts as background). Raster order.
	 */
	private static int[] surfacePixels(int[] runs, int[] runRow, int w, int h, int minY, int maxY) {
		IntList out = new IntList(1024);
		for (int y = minY; y <= maxY; y++) {
			int row = y * w;
			boolean frame = y == 0 || y == h - 1;
			int a = frame ? 0 : runRow[y - 1], aEnd = frame ? 0 : runRow[y];
			int b = frame ? 0 : runRow[y + 1], bEnd = frame ? 0 : runRow[y + 2];
			for (int k = runRow[y]; k < runRow[y + 1]; k++) {
				int s = runs[2 * k], e = runs[2 * k + 1];
				out.add(row + s);
				if (e == s) continue;
				if (frame) {
					for (int x = s + 1; x <= e; x++) out.add(row + x);
					continue;
				}
				int x = s + 1;
				while (x < e) {
					while (a < aEnd && runs[2 * a + 1] < x) a++;
					while (b < bEnd && runs[2 * b + 1] < x) b++;
					boolean above = a < aEnd && runs[2 * a] <= x, below = b < bEnd && runs[2 * b] <= x;
					if (above && below) x = Math.min(runs[2 * a + 1], runs[2 * b + 1]) + 1; // interior up to the nearer run end
					else out.add(row + x++);
				}
				out.add(row + e);
			}
		}
		return out.toArray();
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

		int size() {
			return n;
		}

		int get(int i) {
			return a[i];
		}

		int[] toArray() {
			return java.util.Arrays.copyOf(a, n);
		}
	}
}
