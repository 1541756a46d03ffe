package org.imapp.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Random;

/**
 * Developer tool: the 2-D hot paths of two builds side by side in one JVM (two class loaders),
 * interleaved pair by pair and timed in thread CPU time, so a shared machine's load hits both
 * alike. Usage: {@code SideBySide2d <classes-A> <classes-B> <metrics|consensus> [rounds]}, e.g.
 * {@code target/classes} of main (from {@code git archive}) and of a branch; swap A and B for a
 * second run. Prints the mean CPU ms per 12.2 MP image and the ratio B / A. Run it with
 * {@code target/test-classes} and the dependencies on the class path but not {@code target/classes}:
 * each build must be loaded by its own loader.
 */
public final class SideBySide2d {

	private SideBySide2d() {}

	/** One build's classes, reached by reflection. */
	private static final class Build {
		private final Constructor<?> mask;
		private final Method surface, metrics, patterns, staple, vote;
		private final Object options, parameters;

		Build(String dir) throws Exception {
			ClassLoader cl = new URLClassLoader(new URL[] { new java.io.File(dir).toURI().toURL() }, SideBySide2d.class.getClassLoader());
			Class<?> bm = cl.loadClass("org.imapp.mask.BinaryMask"), ms = cl.loadClass("org.imapp.metrics.MaskSurface"), mo = cl.loadClass("org.imapp.metrics.MetricOptions");
			Class<?> vp = cl.loadClass("org.imapp.consensus.VotePatterns"), pa = cl.loadClass("org.imapp.consensus.Staple$Parameters");
			mask = bm.getConstructor(int.class, int.class, byte[].class);
			surface = ms.getMethod("of", bm);
			metrics = cl.loadClass("org.imapp.metrics.OverlapMetrics").getMethod("compute", ms, ms, mo);
			options = mo.getField("DEFAULT").get(null);
			patterns = vp.getMethod("of", List.class, List.class);
			staple = cl.loadClass("org.imapp.consensus.Staple").getMethod("compute", vp, pa);
			vote = cl.loadClass("org.imapp.consensus.MajorityVote").getMethod("compute", vp);
			parameters = pa.getField("DEFAULT").get(null);
		}

		/** Surface analysis of both masks and all metrics of the pair. */
		void metrics(byte[] a, byte[] b, int w, int h) throws Exception {
			metrics.invoke(null, surface.invoke(null, mask.newInstance(w, h, a)), surface.invoke(null, mask.newInstance(w, h, b)), options);
		}

		/** Vote patterns, STAPLE and majority vote of three raters. */
		void consensus(byte[] a, byte[] b, int w, int h) throws Exception {
			Object p = patterns.invoke(null, List.of(mask.newInstance(w, h, a), mask.newInstance(w, h, b), mask.newInstance(w, h, a)), List.of("a", "b", "c"));
			staple.invoke(null, p, parameters);
			vote.invoke(null, p);
		}
	}

	private static byte[] blob(int w, int h, double cx, double cy, double rx, double ry, long seed) {
		byte[] d = new byte[w * h];
		Random r = new Random(seed);
		double p0 = r.nextDouble() * 6, p1 = r.nextDouble() * 6;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double nx = (x - cx) / rx, ny = (y - cy) / ry, t = Math.atan2(ny, nx);
				double rad = 1 + 0.08 * Math.sin(3 * t + p0) + 0.01 * Math.sin(40 * t + p1);
				if (nx * nx + ny * ny <= rad * rad) d[y * w + x] = 1;
			}
		}
		return d;
	}

	public static void main(String[] args) throws Exception {
		Build[] builds = { new Build(args[0]), new Build(args[1]) };
		boolean metrics = args[2].equals("metrics");
		int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
		var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
		int w = 4288, h = 2848;
		byte[][] a = new byte[4][], b = new byte[4][];
		for (int i = 0; i < 4; i++) {
			a[i] = blob(w, h, w * 0.5, h * 0.5, w * 0.22, h * 0.25, i);
			b[i] = blob(w, h, w * 0.51, h * 0.49, w * 0.215, h * 0.255, 100 + i);
		}
		long[] t = new long[2];
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < 4; i++) {
				for (int k = 0; k < 2; k++) {
					int which = (round + i + k) % 2;
					long c0 = cpu.getCurrentThreadCpuTime();
					if (metrics) builds[which].metrics(a[i], b[i], w, h);
					else builds[which].consensus(a[i], b[i], w, h);
					// The first quarter of the rounds warms the JIT up, untimed.
					if (round >= rounds / 4) t[which] += cpu.getCurrentThreadCpuTime() - c0;
				}
			}
		}
		int n = (rounds - rounds / 4) * 4;
		System.out.printf(java.util.Locale.ROOT, "%s, 12.2 MP, CPU ms per image: A %.2f, B %.2f, B/A %.3f (%d images each)%n", args[2], t[0] / 1e6 / n, t[1] / 1e6 / n,
			(double) t[1] / t[0], n);
	}
}
