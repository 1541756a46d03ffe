package org.imapp.consensus;

import java.util.Arrays;
import java.util.List;

import org.imapp.mask.BinaryMask;

/**
 * The pixel-loop form of ITK's binary STAPLE (one pass over the image per rater and per
 * iteration, W in a float image, double sums in pixel order), written for the tests as the
 * independent reference {@link Staple} must equal bit for bit.
 */
final class ItkStapleLoop {

	final float[] w;
	final double[] p, q;
	final int iterations;
	final double prior;

	ItkStapleLoop(List<BinaryMask> masks, double confidenceWeight, long maxIterations) {
		int k = masks.size();
		int n = (int) masks.get(0).size();
		byte[][] d = new byte[k][];
		for (int i = 0; i < k; i++) d[i] = masks.get(i).data();
		w = new float[n];
		for (int i = 0; i < k; i++) {
			for (int j = 0; j < n; j++) if (d[i][j] == 1) w[j] = (float) (w[j] + 1.0);
		}
		double g = 0, count = 0;
		for (int j = 0; j < n; j++) {
			w[j] = (float) (w[j] / (double) k);
			g += w[j];
			count += 1.0;
		}
		g = (g / count) * confidenceWeight;
		prior = g;
		p = new double[k];
		q = new double[k];
		double[] lastP = new double[k], lastQ = new double[k];
		Arrays.fill(lastP, -10);
		Arrays.fill(lastQ, -10);
		long iter;
		for (iter = 0; iter < maxIterations; iter++) {
			for (int i = 0; i < k; i++) {
				double pNum = 0, pDen = 0, qNum = 0, qDen = 0;
				for (int j = 0; j < n; j++) {
					if (d[i][j] == 1) pNum += w[j];
					else qNum += (1.0 - w[j]);
					pDen += w[j];
					qDen += (1.0 - w[j]);
				}
				p[i] = pNum / pDen;
				q[i] = qNum / qDen;
			}
			for (int j = 0; j < n; j++) {
				double a = 1, b = 1;
				for (int i = 0; i < k; i++) {
					if (d[i][j] == 1) {
						a = a * p[i];
						b = b * (1.0 - q[i]);
					}
					else {
						a = a * (1.0 - p[i]);
						b = b * q[i];
					}
				}
				w[j] = (float) (g * a / (g * a + (1.0 - g) * b));
			}
			boolean stop = false;
			if (iter != 0) {
				stop = true;
				for (int i = 0; i < k; i++) {
					if ((p[i] - lastP[i]) * (p[i] - lastP[i]) > 1e-14 || (q[i] - lastQ[i]) * (q[i] - lastQ[i]) > 1e-14) {
						stop = false;
						break;
					}
				}
			}
			System.arraycopy(p, 0, lastP, 0, k);
			System.arraycopy(q, 0, lastQ, 0, k);
			if (stop) break;
		}
		iterations = (int) iter;
	}
}
