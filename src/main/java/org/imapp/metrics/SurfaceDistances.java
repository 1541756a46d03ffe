package org.imapp.metrics;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.imapp.mask.BinaryMask;

/**
 * Surface-to-surface distances with the semantics of medpy 0.5.2's
 * {@code __surface_distances(result, reference)} (connectivity 1, unit spacing): for each
 * surface pixel of {@code from}, in raster order, the Euclidean distance to the nearest surface
 * pixel of {@code to}.
 * <p>
 * Distances are kept squared, as exact integers; {@code Math.sqrt((double) d2)} is the value
 * scipy's EDT produces. The distance transform of {@code to}'s surface is computed only in the
 * box spanned by the columns of {@code to}'s bounding box and the rows of both bounding boxes:
 * every feature lies in it, so its column pass is exact for all those rows, and the row
 * envelope of a row is exact at any x, also at query columns outside the box. So the work is
 * proportional to the region around the surfaces, however far apart the masks are, and the
 * memory is one {@code int} per box pixel (at most four bytes per image pixel).
 */
public final class SurfaceDistances {

	private SurfaceDistances() {}

	/** Squared distances from each surface pixel of {@code from} to {@code to}'s surface. */
	public static int[] directedSquared(MaskSurface from, MaskSurface to) {
		check(from, to);
		int w = from.width();
		int c0 = to.minX(), bw = to.maxX() - to.minX() + 1;
		int r0 = Math.min(from.minY(), to.minY()), r1 = Math.max(from.maxY(), to.maxY());
		int bh = r1 - r0 + 1;
		int[] buf = new int[Math.multiplyExact(bw, bh)];
		java.util.Arrays.fill(buf, DistanceTransform.FAR);
		for (int p : to.pixels()) {
			int y = p / w;
			buf[(y - r0) * bw + (p - y * w - c0)] = 0;
		}
		DistanceTransform.columnPass(buf, bw, bh, 0, bw);

		int[] q = from.pixels();
		int[] out = new int[q.length];
		DistanceTransform.RowEnvelope env = new DistanceTransform.RowEnvelope(bw);
		int currentRow = -1;
		for (int j = 0; j < q.length; j++) {
			int y = q[j] / w;
			if (y != currentRow) {
				env.build(buf, (y - r0) * bw, bw, c0);
				currentRow = y;
			}
			out[j] = env.at(q[j] - y * w);
		}
		return out;
	}

	/** Both directions, {@code a→b} then {@code b→a}, the order medpy concatenates them. */
	public static Directed both(MaskSurface a, MaskSurface b) {
		return new Directed(directedSquared(a, b), directedSquared(b, a));
	}

	/** As {@link #both(MaskSurface, MaskSurface)}, the two directions computed concurrently. */
	public static Directed both(MaskSurface a, MaskSurface b, ExecutorService es) {
		check(a, b);
		Future<int[]> ba = es.submit(() -> directedSquared(b, a));
		int[] ab = directedSquared(a, b);
		try {
			return new Directed(ab, ba.get());
		}
		catch (InterruptedException e) {
			ba.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Surface distances interrupted", e);
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			throw new IllegalStateException(e.getCause());
		}
	}

	/** medpy's {@code __surface_distances(from, to)}: distances in pixels, raster order of {@code from}'s surface. */
	public static double[] directed(BinaryMask from, BinaryMask to) {
		return sqrt(directedSquared(MaskSurface.of(from), MaskSurface.of(to)));
	}

	static double[] sqrt(int[] d2) {
		double[] d = new double[d2.length];
		for (int i = 0; i < d2.length; i++) d[i] = Math.sqrt(d2[i]);
		return d;
	}

	private static void check(MaskSurface from, MaskSurface to) {
		if (from.width() != to.width() || from.height() != to.height()) {
			throw new IllegalArgumentException("Masks must have the same shape, got " + from.width() + "x" + from.height() + " vs " + to.width() + "x" + to.height());
		}
		if (from.isEmpty() || to.isEmpty()) {
			throw new IllegalArgumentException("Surface distances need two non-empty masks (" + (from.isEmpty() ? "first" : "second") + " is empty)");
		}
	}

	/** Squared distances of both directions; each array in raster order of its source surface. */
	public record Directed(int[] aToB, int[] bToA) {
		public int size() {
			return aToB.length + bToA.length;
		}
	}
}
