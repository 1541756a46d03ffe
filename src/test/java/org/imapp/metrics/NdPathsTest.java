package org.imapp.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.img.planar.PlanarImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.imapp.consensus.MajorityVote;
import org.imapp.consensus.Staple;
import org.imapp.consensus.StapleResult;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.BinaryVolume;
import org.junit.jupiter.api.Test;

/**
 * The array fast paths and the generic cursor path give identical voxels and results: the same
 * masks as ArrayImg, PlanarImg, CellImg, a translated view, bit and signed/float types; and the
 * n-D surface search equals the tuned 2-D one (and brute force) on 2-D masks.
 */
class NdPathsTest {

	/** Random blobs with noise, 0/100 values (positive in every type): k raters of one volume. */
	static byte[][] raters(int k, int[] dims, long seed) {
		Random rnd = new Random(seed);
		int n = 1;
		for (int d : dims) n *= d;
		byte[][] out = new byte[k][n];
		double[] c = new double[dims.length];
		for (int d = 0; d < dims.length; d++) c[d] = dims[d] * (0.3 + 0.4 * rnd.nextDouble());
		for (int r = 0; r < k; r++) {
			double radius = 0.3 * dims[0] * (0.8 + 0.4 * rnd.nextDouble());
			for (int i = 0; i < n; i++) {
				double s = 0;
				for (int d = 0, rest = i; d < dims.length; d++, rest /= dims[d - 1]) {
					double x = rest % dims[d] - c[d];
					s += x * x;
				}
				boolean fg = Math.sqrt(s) < radius ? rnd.nextDouble() > 0.02 : rnd.nextDouble() < 0.01;
				out[r][i] = fg ? (byte) 100 : 0;
			}
		}
		return out;
	}

	static long[] size(int[] dims) {
		long[] s = new long[dims.length];
		for (int d = 0; d < dims.length; d++) s[d] = dims[d];
		return s;
	}

	/** Copies 0/non-zero bytes into an image of another layout and type. */
	static <T extends NativeType<T> & RealType<T>> Img<T> copy(byte[] data, int[] dims, Img<T> img) {
		Cursor<T> c = Views.flatIterable(img).cursor();
		for (byte b : data) c.next().setReal(b == 0 ? 0 : (b & 0xff));
		return img;
	}

	static List<RandomAccessibleInterval<? extends RealType<?>>> layouts(byte[] data, int[] dims) {
		long[] s = size(dims);
		ArrayImg<UnsignedByteType, ByteArray> array = ArrayImgs.unsignedBytes(data, s);
		long[] offset = new long[dims.length];
		offset[0] = -7;
		return List.of(array, copy(data, dims, new PlanarImgFactory<>(new UnsignedByteType()).create(s)),
			copy(data, dims, new CellImgFactory<>(new UnsignedByteType(), 5).create(s)), Views.translate(Views.translate(array, offset), negate(offset)),
			copy(data, dims, new ArrayImgFactory<>(new BitType()).create(s)), copy(data, dims, new CellImgFactory<>(new BitType(), 6).create(s)),
			copy(data, dims, new PlanarImgFactory<>(new ByteType()).create(s)), copy(data, dims, new ArrayImgFactory<>(new FloatType()).create(s)));
	}

	static long[] negate(long[] v) {
		long[] o = v.clone();
		for (int i = 0; i < o.length; i++) o[i] = -o[i];
		return o;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	@Test
	void everyLayoutGivesTheSameVoxelsConsensusAndMetrics() {
		int[] dims = { 23, 17, 9 };
		byte[][] r = raters(3, dims, 42);
		double[] spacing = { 0.7, 0.7, 2.5 };
		ExecutorService es = Executors.newFixedThreadPool(2);
		try {
			byte[] want0 = BinaryVolume.of(ArrayImgs.unsignedBytes(r[0], size(dims))).data();
			for (int b : want0) assertTrue(b == 0 || b == 1);
			List<RandomAccessibleInterval<UnsignedByteType>> arrays = List.of(ArrayImgs.unsignedBytes(r[0], size(dims)), ArrayImgs.unsignedBytes(r[1], size(dims)),
				ArrayImgs.unsignedBytes(r[2], size(dims)));
			StapleResult st = Staple.computeNd(arrays, Staple.Parameters.DEFAULT, null, null);
			byte[] mv = BinaryVolume.of(MajorityVote.computeNd(arrays, null, null)).data();
			PairMetrics m = OverlapMetrics.computeNd(arrays.get(0), arrays.get(1), spacing, MetricOptions.DEFAULT, null);
			int layouts = layouts(r[0], dims).size();
			for (int l = 0; l < layouts; l++) {
				List a = layouts(r[0], dims), b = layouts(r[1], dims), c = layouts(r[2], dims);
				RandomAccessibleInterval x = (RandomAccessibleInterval) a.get(l), y = (RandomAccessibleInterval) b.get(l), z = (RandomAccessibleInterval) c.get(l);
				String where = "layout " + l + " " + x.getClass().getSimpleName();
				assertArrayEquals(want0, BinaryVolume.of(x).data(), where);
				List raters = List.of(x, y, z);
				StapleResult st2 = Staple.computeNd(raters, Staple.Parameters.DEFAULT, l % 2 == 0 ? es : null, null);
				assertArrayEquals(st.sensitivity(), st2.sensitivity(), 0.0, where);
				assertArrayEquals(st.specificity(), st2.specificity(), 0.0, where);
				assertArrayEquals(st.consensus().data(), st2.consensus().data(), where);
				assertArrayEquals(mv, BinaryVolume.of(MajorityVote.computeNd(raters, es, null)).data(), where);
				assertEquals(m, OverlapMetrics.computeNd(x, y, spacing, MetricOptions.DEFAULT, l % 2 == 0 ? es : null), where);
			}
		}
		finally {
			es.shutdown();
		}
	}

	@Test
	void ndSearchEqualsThe2dPathAndBruteForceOn2dMasks() {
		ExecutorService es = Executors.newFixedThreadPool(2);
		try {
			for (long seed = 1; seed <= 6; seed++) {
				int[] dims = { 40 + (int) seed * 7, 31 + (int) seed * 3 };
				byte[][] r = raters(2, dims, seed);
				BinaryVolume a = BinaryVolume.of(ArrayImgs.unsignedBytes(r[0], size(dims))), b = BinaryVolume.of(ArrayImgs.unsignedBytes(r[1], size(dims)));
				BinaryMask ma = new BinaryMask(dims[0], dims[1], a.data()), mb = new BinaryMask(dims[0], dims[1], b.data());
				PairMetrics fast = OverlapMetrics.compute(MaskSurface.of(ma), MaskSurface.of(mb), MetricOptions.DEFAULT);
				PairMetrics nd = OverlapMetrics.compute(VolumeSurface.of(a, null), VolumeSurface.of(b, null), null, MetricOptions.DEFAULT, seed % 2 == 0 ? es : null);
				assertEquals(fast, nd, "seed " + seed);
				assertEquals(fast, OverlapMetrics.computeNd(ArrayImgs.unsignedBytes(r[0], size(dims)), ArrayImgs.unsignedBytes(r[1], size(dims)), null,
					MetricOptions.DEFAULT, null));
				assertArrayEquals(SurfaceDistances.sqrt(BruteForce.directedSquared(ma, mb)), SurfaceDistances.directed(VolumeSurface.of(a, null), VolumeSurface.of(b, null), null, null),
					0.0);
			}
		}
		finally {
			es.shutdown();
		}
	}

	/** Surface voxels of a 3-D volume by definition: foreground with a face neighbour outside or background. */
	static List<int[]> bruteSurface(byte[] v, int[] dims) {
		List<int[]> out = new java.util.ArrayList<>();
		for (int z = 0; z < dims[2]; z++) for (int y = 0; y < dims[1]; y++) for (int x = 0; x < dims[0]; x++) {
			if (!fg(v, dims, x, y, z)) continue;
			if (!fg(v, dims, x - 1, y, z) || !fg(v, dims, x + 1, y, z) || !fg(v, dims, x, y - 1, z) || !fg(v, dims, x, y + 1, z) || !fg(v, dims, x, y, z - 1)
				|| !fg(v, dims, x, y, z + 1)) out.add(new int[] { x, y, z });
		}
		return out;
	}

	static boolean fg(byte[] v, int[] dims, int x, int y, int z) {
		if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2]) return false;
		return v[(z * dims[1] + y) * dims[0] + x] != 0;
	}

	@Test
	void anisotropic3dDistancesEqualBruteForce() {
		int[] dims = { 19, 14, 11 };
		double[] s = { 0.7, 0.9, 2.5 };
		for (long seed = 1; seed <= 4; seed++) {
			byte[][] r = raters(2, dims, seed);
			List<int[]> sa = bruteSurface(r[0], dims), sb = bruteSurface(r[1], dims);
			double[] want = new double[sa.size()];
			for (int i = 0; i < want.length; i++) {
				double best = Double.POSITIVE_INFINITY;
				for (int[] q : sb) {
					// scipy's order: ((dz·sz)² + (dy·sy)²) + (dx·sx)²
					double dz = (q[2] - sa.get(i)[2]) * s[2], dy = (q[1] - sa.get(i)[1]) * s[1], dx = (q[0] - sa.get(i)[0]) * s[0];
					best = Math.min(best, dz * dz + dy * dy + dx * dx);
				}
				want[i] = Math.sqrt(best);
			}
			BinaryVolume a = BinaryVolume.of(ArrayImgs.unsignedBytes(r[0], size(dims))), b = BinaryVolume.of(ArrayImgs.unsignedBytes(r[1], size(dims)));
			VolumeSurface va = VolumeSurface.of(a, null), vb = VolumeSurface.of(b, null);
			assertEquals(sa.size(), va.size());
			for (int i = 0; i < sa.size(); i++) assertEquals((sa.get(i)[2] * dims[1] + sa.get(i)[1]) * dims[0] + sa.get(i)[0], va.voxels()[i]);
			assertArrayEquals(want, SurfaceDistances.directed(va, vb, s, null), 1e-12, "seed " + seed);
		}
	}

	@Test
	void badInputIsAClearError() {
		var a = ArrayImgs.unsignedBytes(4, 5, 3);
		var b = ArrayImgs.unsignedBytes(4, 5, 2);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OverlapMetrics.computeNd(a, b, null, MetricOptions.DEFAULT, null));
		assertTrue(e.getMessage().contains("mask1") && e.getMessage().contains("mask2"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OverlapMetrics.computeNd(a, a, new double[] { 1, 1 }, MetricOptions.DEFAULT, null));
		assertTrue(e.getMessage().contains("spacing"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OverlapMetrics.computeNd(a, a, new double[] { 1, 0, 1 }, MetricOptions.DEFAULT, null));
		assertTrue(e.getMessage().contains("spacing"), e.getMessage());
	}
}
