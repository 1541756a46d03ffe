package org.imapp.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.imapp.mask.BinaryVolume;

/**
 * The n-D sibling of {@link MaskSurface} (1 to 3 dimensions): area, bounding box and surface
 * voxels of one binary image, computed once and shared by every pair it takes part in.
 * <p>
 * The surface is medpy's {@code mask ^ binary_erosion(mask, generate_binary_structure(n, 1))}
 * with scipy's default {@code border_value=0}: a foreground voxel belongs to it when one of its
 * 2n face neighbours is background or lies outside the image (so a stack of depth 1 is all
 * surface, as scipy's 3-D erosion makes it). Voxels are listed as flat indices in flat iteration
 * order, the order of numpy's boolean indexing on the (z, y, x) array.
 */
public final class VolumeSurface {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final BinaryVolume volume;
	private final String name;
	private final long area;
	/** Foreground box per axis (x, y, z; absent axes 0..0), inclusive; min > max when empty. */
	private final int[] boxMin, boxMax;
	private final int[] voxels;

	private VolumeSurface(BinaryVolume volume, String name, long area, int[] boxMin, int[] boxMax, int[] voxels) {
		this.volume = volume;
		this.name = name;
		this.area = area;
		this.boxMin = boxMin;
		this.boxMax = boxMax;
		this.voxels = voxels;
	}

	/** Analyses {@code volume} (which must not change afterwards); {@code name} is used in errors (may be null). */
	public static VolumeSurface of(BinaryVolume volume, String name) {
		int n = volume.numDimensions();
		if (n > 3) throw new IllegalArgumentException("Boundary metrics support 1 to 3 dimensions, got " + n + (name == null ? "" : " (" + name + ")"));
		int w = volume.dimension(0), h = n > 1 ? volume.dimension(1) : 1, depth = n > 2 ? volume.dimension(2) : 1;
		boolean hasY = n > 1, hasZ = n > 2;
		int slice = w * h;
		byte[] d = volume.data();
		MaskSurface.IntList out = new MaskSurface.IntList(1024);
		int[] lo = { Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE }, hi = { -1, -1, -1 };
		long area = 0;
		for (int z = 0; z < depth; z++) {
			for (int y = 0; y < h; y++) {
				int row = (z * h + y) * w;
				// Rows on the frame of y or z: every foreground voxel has a neighbour outside.
				boolean frame = (hasY && (y == 0 || y == h - 1)) || (hasZ && (z == 0 || z == depth - 1));
				int first = -1, last = -1;
				for (int x = 0; x < w; x++) {
					int i = row + x;
					if (d[i] == 0) {
						// Background is most of a volume: skip it eight voxels per test.
						while (x + 9 <= w && (long) LONGS.get(d, i + 1) == 0) {
							x += 8;
							i += 8;
						}
						continue;
					}
					area++;
					if (first < 0) first = x;
					last = x;
					if (frame || x == 0 || x == w - 1 || d[i - 1] == 0 || d[i + 1] == 0 || (hasY && (d[i - w] == 0 || d[i + w] == 0))
						|| (hasZ && (d[i - slice] == 0 || d[i + slice] == 0))) {
						out.add(i);
					}
				}
				if (first >= 0) {
					lo[0] = Math.min(lo[0], first);
					hi[0] = Math.max(hi[0], last);
					lo[1] = Math.min(lo[1], y);
					hi[1] = Math.max(hi[1], y);
					lo[2] = Math.min(lo[2], z);
					hi[2] = Math.max(hi[2], z);
				}
			}
		}
		return new VolumeSurface(volume, name, area, lo, hi, out.toArray());
	}

	public BinaryVolume volume() {
		return volume;
	}

	/** The name given to {@link #of}, or null. */
	public String name() {
		return name;
	}

	/** Foreground voxel count. */
	public long area() {
		return area;
	}

	public boolean isEmpty() {
		return area == 0;
	}

	/** Number of surface voxels. */
	public int size() {
		return voxels.length;
	}

	/** Surface voxels as flat indices, ascending. Shared, not copied. */
	public int[] voxels() {
		return voxels;
	}

	/** Foreground box minimum along axis 0..2 (x, y, z; 0 for absent axes). */
	int boxMin(int axis) {
		return boxMin[axis];
	}

	int boxMax(int axis) {
		return boxMax[axis];
	}

	/** Size along axis 0..2 (1 for absent axes). */
	int extent(int axis) {
		return axis < volume.numDimensions() ? volume.dimension(axis) : 1;
	}

	/** |this ∩ other| (same interval). */
	public long intersection(VolumeSurface other) {
		if (isEmpty() || other.isEmpty()) return 0;
		byte[] a = volume.data(), b = other.volume.data();
		long n = 0;
		for (int i = 0; i < a.length; i++) n += a[i] & b[i];
		return n;
	}
}
