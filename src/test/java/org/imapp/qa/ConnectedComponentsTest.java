package org.imapp.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.imapp.mask.BinaryMask;
import org.imapp.qa.ConnectedComponents.Connectivity;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

	/** Rows of '#' (foreground) and '.' (background). */
	static BinaryMask mask(String... rows) {
		int w = rows[0].length();
		byte[] d = new byte[w * rows.length];
		for (int y = 0; y < rows.length; y++) {
			for (int x = 0; x < w; x++) d[y * w + x] = rows[y].charAt(x) == '#' ? (byte) 1 : 0;
		}
		return new BinaryMask(w, rows.length, d);
	}

	@Test
	void diagonalNeighboursJoinOnlyWithEightConnectivity() {
		BinaryMask m = mask(
			"#...",
			".#..",
			"..#.",
			"...#");
		assertEquals(1, ConnectedComponents.of(m).count());
		assertArrayEquals(new long[] { 4 }, ConnectedComponents.of(m).sizes());
		ConnectedComponents four = ConnectedComponents.of(m, Connectivity.FOUR);
		assertEquals(4, four.count());
		assertArrayEquals(new long[] { 1, 1, 1, 1 }, four.sizes());
	}

	@Test
	void antiDiagonalContactAlsoJoins() {
		BinaryMask m = mask(
			"..##",
			"##..");
		assertEquals(1, ConnectedComponents.of(m).count());
		assertEquals(2, ConnectedComponents.of(m, Connectivity.FOUR).count());
	}

	@Test
	void labelsFollowRasterOrderOfFirstPixelNotSize() {
		// A one-pixel speck above the lesion is label 1; the lesion (label 2) is far larger.
		BinaryMask m = mask(
			"......#...",
			"..........",
			".####.....",
			".####...#.",
			".####.....");
		ConnectedComponents cc = ConnectedComponents.of(m);
		assertArrayEquals(new long[] { 1, 12, 1 }, cc.sizes());
		assertEquals(12, cc.largest(1));
		assertEquals(1, cc.largest(2));
		assertEquals(14, cc.foreground());
		int[] labels = cc.labelImage();
		assertEquals(1, labels[6]);
		assertEquals(2, labels[2 * 10 + 1]);
		assertEquals(3, labels[3 * 10 + 8]);
	}

	@Test
	void uShapeMergesTwoProvisionalLabelsIntoTheEarlierOne() {
		// The right arm starts a separate run set that only joins at the bottom row.
		BinaryMask m = mask(
			"#...#.#",
			"#...#..",
			"#####..");
		ConnectedComponents cc = ConnectedComponents.of(m);
		assertEquals(2, cc.count());
		assertArrayEquals(new long[] { 9, 1 }, cc.sizes());
		int[] labels = cc.labelImage();
		assertEquals(1, labels[4]);
		assertEquals(2, labels[6]);
	}

	@Test
	void emptyAndFullMasks() {
		assertEquals(0, ConnectedComponents.of(BinaryMask.empty(5, 3)).count());
		assertEquals(0, ConnectedComponents.of(BinaryMask.empty(5, 3)).largest(1));
		ConnectedComponents full = ConnectedComponents.of(mask("###", "###"));
		assertArrayEquals(new long[] { 6 }, full.sizes());
	}

	@Test
	void agreesWithFloodFillOnRandomMasks() {
		Random rnd = new Random(42);
		for (int trial = 0; trial < 200; trial++) {
			int w = 1 + rnd.nextInt(40), h = 1 + rnd.nextInt(40);
			double density = rnd.nextDouble();
			byte[] d = new byte[w * h];
			for (int i = 0; i < d.length; i++) d[i] = rnd.nextDouble() < density ? (byte) 1 : 0;
			BinaryMask m = new BinaryMask(w, h, d);
			for (Connectivity c : Connectivity.values()) {
				int[] expectedLabels = new int[w * h];
				long[] expectedSizes = floodFill(m, c == Connectivity.EIGHT, expectedLabels);
				ConnectedComponents cc = ConnectedComponents.of(m, c);
				assertArrayEquals(expectedSizes, cc.sizes(), "trial " + trial + " " + c);
				assertArrayEquals(expectedLabels, cc.labelImage(), "trial " + trial + " " + c);
			}
		}
	}

	/** Reference labelling: breadth-first fill from each unlabelled pixel in raster order. */
	static long[] floodFill(BinaryMask m, boolean eight, int[] labels) {
		int w = m.width(), h = m.height();
		byte[] d = m.data();
		List<Long> sizes = new ArrayList<>();
		for (int start = 0; start < d.length; start++) {
			if (d[start] == 0 || labels[start] != 0) continue;
			int label = sizes.size() + 1;
			long size = 0;
			ArrayDeque<Integer> queue = new ArrayDeque<>();
			labels[start] = label;
			queue.add(start);
			while (!queue.isEmpty()) {
				int p = queue.poll();
				size++;
				int x = p % w, y = p / w;
				for (int dy = -1; dy <= 1; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) continue;
						int xx = x + dx, yy = y + dy;
						if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
						int q = yy * w + xx;
						if (d[q] != 0 && labels[q] == 0) {
							labels[q] = label;
							queue.add(q);
						}
					}
				}
			}
			sizes.add(size);
		}
		return sizes.stream().mapToLong(Long::longValue).toArray();
	}
}
