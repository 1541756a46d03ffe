package org.imapp.qa;

import java.util.Arrays;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.RunFill;

/**
 * Connected components of a {@link BinaryMask}, labelled in raster-scan order of each
 * component's first pixel — the order of {@code skimage.measure.label}, which IMA++'s
 * {@code mask_qa.py} relies on when it compares "the first two" components.
 * <p>
 * Two-pass union-find over horizontal runs rather than pixels: a lesion mask has a few runs
 * per row, so the union-find arrays stay tiny even for a 30-megapixel mask and no per-pixel
 * label image is allocated unless {@link #labelImage()} asks for one.
 */
public final class ConnectedComponents {

	/** Which neighbours touch: edges only (4) or edges and corners (8, skimage's default for 2-D). */
	public enum Connectivity {
		FOUR, EIGHT
	}

	private final int width;
	private final int height;
	private final int[] runStart; // per run: first x
	private final int[] runEnd; // per run: x after the last pixel
	private final int[] rowFirstRun; // runs of row y are [rowFirstRun[y], rowFirstRun[y + 1])
	private final int[] runLabel; // 1-based component label of each run
	private final long[] sizes; // pixels per component, index = label - 1

	private ConnectedComponents(int width, int height, int[] runStart, int[] runEnd, int[] rowFirstRun, int[] runLabel, long[] sizes) {
		this.width = width;
		this.height = height;
		this.runStart = runStart;
		this.runEnd = runEnd;
		this.rowFirstRun = rowFirstRun;
		this.runLabel = runLabel;
		this.sizes = sizes;
	}

	/** 8-connected components, as {@code skimage.measure.label} finds them by default. */
	public static ConnectedComponents of(BinaryMask mask) {
		return of(mask, Connectivity.EIGHT);
	}

	public static ConnectedComponents of(BinaryMask mask, Connectivity connectivity) {
		int w = mask.width();
		int h = mask.height();
		byte[] d = mask.data();
		// 8-connected runs touch when they overlap after widening by one pixel (diagonal contact).
		int reach = connectivity == Connectivity.EIGHT ? 1 : 0;
		IntList starts = new IntList();
		IntList ends = new IntList();
		int[] rowFirst = new int[h + 1];
		int[] parent = new int[16];
		for (int y = 0; y < h; y++) {
			rowFirst[y] = starts.size;
			int off = y * w;
			int x = 0;
			while (x < w) {
				x = BinaryMask.nextNonZero(d, off + x, off + w) - off;
				if (x == w) break;
				int s = x;
				x = BinaryMask.nextZero(d, off + x, off + w) - off;
				starts.add(s);
				ends.add(x);
			}
			rowFirst[y + 1] = starts.size;
			if (parent.length < starts.size) parent = Arrays.copyOf(parent, Math.max(starts.size, parent.length * 2));
			for (int r = rowFirst[y]; r < starts.size; r++) parent[r] = r;
			if (y == 0) continue;
			// Merge with overlapping runs of the row above; both run lists are sorted by x.
			int p = rowFirst[y - 1];
			int pEnd = rowFirst[y];
			for (int r = rowFirst[y]; r < starts.size && p < pEnd; r++) {
				int s = starts.data[r] - reach;
				int e = ends.data[r] + reach;
				while (p < pEnd && ends.data[p] <= s) p++;
				int q = p;
				while (q < pEnd && starts.data[q] < e) {
					union(parent, r, q);
					q++;
				}
				// The last overlapping run above may also touch the next run of this row.
				if (q > p) p = q - 1;
			}
		}
		rowFirst[h] = starts.size;
		int runs = starts.size;
		int[] label = new int[runs];
		LongList sizes = new LongList();
		for (int r = 0; r < runs; r++) {
			int root = find(parent, r);
			// The root is the component's earliest run, so labels follow raster order of first pixels.
			if (root == r) {
				sizes.add(0);
				label[r] = sizes.size;
			}
			else {
				label[r] = label[root];
			}
			sizes.data[label[r] - 1] += ends.data[r] - starts.data[r];
		}
		return new ConnectedComponents(w, h, starts.toArray(), ends.toArray(), rowFirst, label, sizes.toArray());
	}

	private static int find(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]]; // path halving
			i = parent[i];
		}
		return i;
	}

	/** Joins two sets keeping the smaller (earlier) run as root. */
	private static void union(int[] parent, int a, int b) {
		int ra = find(parent, a);
		int rb = find(parent, b);
		if (ra == rb) return;
		if (ra < rb) parent[rb] = ra;
		else parent[ra] = rb;
	}

	/** Number of components. */
	public int count() {
		return sizes.length;
	}

	/** Pixels per component in label order (raster order of first pixel, not sorted by size). */
	public long[] sizes() {
		return sizes.clone();
	}

	/** Pixels of component {@code label} (1-based, as in the label image). */
	public long size(int label) {
		return sizes[label - 1];
	}

	/** Foreground pixels in all. */
	public long foreground() {
		long n = 0;
		for (long s : sizes) n += s;
		return n;
	}

	/** The {@code k}-th largest component size (k = 1 for the largest), 0 when there are fewer components. */
	public long largest(int k) {
		if (k < 1) throw new IllegalArgumentException("k must be at least 1: " + k);
		if (k > sizes.length) return 0;
		long[] sorted = sizes.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length - k];
	}

	/** A row-major label image: 0 for background, 1..count() per component. */
	public int[] labelImage() {
		int[] out = new int[Math.multiplyExact(width, height)];
		for (int y = 0; y < height; y++) {
			for (int r = rowFirstRun[y]; r < rowFirstRun[y + 1]; r++) {
				RunFill.fill(out, y * width + runStart[r], y * width + runEnd[r], runLabel[r]);
			}
		}
		return out;
	}

	private static final class IntList {
		int[] data = new int[64];
		int size;

		void add(int v) {
			if (size == data.length) data = Arrays.copyOf(data, size * 2);
			data[size++] = v;
		}

		int[] toArray() {
			return Arrays.copyOf(data, size);
		}
	}

	private static final class LongList {
		long[] data = new long[8];
		int size;

		void add(long v) {
			if (size == data.length) data = Arrays.copyOf(data, size * 2);
			data[size++] = v;
		}

		long[] toArray() {
			return Arrays.copyOf(data, size);
		}
	}
}
