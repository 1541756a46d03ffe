package org.imapp.consensus;

import static org.imapp.consensus.TestMasks.names;
import static org.imapp.consensus.TestMasks.raters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.imapp.mask.BinaryMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class StapleTest {

	/** Asserts that {@code st} is what ITK's pixel loop gives, to the last bit. */
	private static void assertItk(List<BinaryMask> masks, Staple.Parameters params, StapleResult st) {
		ItkStapleLoop itk = new ItkStapleLoop(masks, params.confidenceWeight(), params.maxIterations() == 0 ? 0xffffffffL : params.maxIterations());
		assertEquals(itk.iterations, st.iterations(), "iterations");
		assertArrayEquals(itk.p, st.sensitivity(), 0.0, "sensitivity");
		assertArrayEquals(itk.q, st.specificity(), 0.0, "specificity");
		assertEquals(itk.prior, st.prior(), 0.0, "prior");
		assertArrayEquals(itk.w, st.probabilities(), 0.0f, "W");
		byte[] expected = new byte[itk.w.length];
		for (int i = 0; i < expected.length; i++) expected[i] = itk.w[i] > 0.5f ? (byte) 1 : 0;
		assertArrayEquals(expected, st.consensus().data(), "consensus");
	}

	@ParameterizedTest(name = "{0} raters, {1}x{2}")
	@CsvSource({ "2, 97, 61", "3, 301, 203", "4, 120, 90", "5, 211, 150", "3, 1203, 901", "8, 64, 48" })
	void equalsItkPixelLoopBitForBit(int k, int w, int h) {
		List<BinaryMask> masks = raters(k, w, h, 31L * k + w);
		StapleResult st = Staple.compute(masks, names(k));
		assertItk(masks, Staple.Parameters.DEFAULT, st);
		assertTrue(st.iterations() >= 1);
		assertTrue(st.consensus().count() > 0);
	}

	@Test
	void equalsItkOnNoiseWhereEveryPixelIsItsOwnRun() {
		// Independent raters converge slowly (thousands of iterations), so the loop is capped.
		List<BinaryMask> masks = List.of(TestMasks.noise(133, 97, 0.3, 1), TestMasks.noise(133, 97, 0.5, 2), TestMasks.noise(133, 97, 0.4, 3));
		Staple.Parameters capped = new Staple.Parameters(1.0, 300);
		assertItk(masks, capped, Staple.compute(masks, names(3), capped, null));
	}

	@Test
	void emptyRaterGetsZeroSensitivityAndFullSpecificity() {
		List<BinaryMask> masks = new ArrayList<>(raters(2, 150, 100, 5));
		masks.add(BinaryMask.empty(150, 100));
		StapleResult st = Staple.compute(masks, names(3));
		assertItk(masks, Staple.Parameters.DEFAULT, st);
		assertEquals(0.0, st.sensitivity()[2]);
		assertEquals(1.0, st.specificity()[2]);
	}

	@Test
	void fullImageRaterGetsFullSensitivityAndZeroSpecificity() {
		List<BinaryMask> masks = new ArrayList<>(raters(2, 150, 100, 6));
		BinaryMask full = BinaryMask.empty(150, 100);
		java.util.Arrays.fill(full.data(), (byte) 1);
		masks.add(0, full);
		StapleResult st = Staple.compute(masks, names(3));
		assertItk(masks, Staple.Parameters.DEFAULT, st);
		assertEquals(1.0, st.sensitivity()[0]);
		assertEquals(0.0, st.specificity()[0]);
	}

	@Test
	void identicalMasksAreTheirOwnConsensusAfterOneIteration() {
		BinaryMask m = raters(1, 130, 70, 9).get(0);
		List<BinaryMask> masks = List.of(m, m.copy(), m.copy());
		StapleResult st = Staple.compute(masks, names(3));
		assertItk(masks, Staple.Parameters.DEFAULT, st);
		assertEquals(m, st.consensus());
		assertEquals(m, MajorityVote.compute(masks, names(3)));
		assertArrayEquals(new double[] { 1, 1, 1 }, st.sensitivity());
		assertArrayEquals(new double[] { 1, 1, 1 }, st.specificity());
		assertEquals(1, st.iterations()); // converged at the second iteration (index 1)
		assertEquals((double) m.count() / m.size(), st.prior(), 1e-15);
	}

	@Test
	void allEmptyRatersGiveNaNEstimatesAndAnEmptyConsensus() {
		List<BinaryMask> masks = List.of(BinaryMask.empty(40, 30), BinaryMask.empty(40, 30));
		StapleResult st = Staple.compute(masks, names(2));
		assertItk(masks, Staple.Parameters.DEFAULT, st);
		// g = 0 makes p = 0/0 and then W and q NaN; NaN changes compare false, so ITK stops at index 1.
		assertTrue(Double.isNaN(st.sensitivity()[0]) && Double.isNaN(st.specificity()[1]));
		assertTrue(st.consensus().isEmpty());
		assertEquals(1, st.iterations());
	}

	@Test
	void disjointTwoRaterMasks() {
		BinaryMask a = TestMasks.ellipse(120, 80, 30, 40, 20, 20);
		BinaryMask b = TestMasks.ellipse(120, 80, 85, 40, 25, 30);
		List<BinaryMask> masks = List.of(a, b);
		StapleResult st = Staple.compute(masks, names(2));
		assertItk(masks, Staple.Parameters.DEFAULT, st);
		// No pixel has both votes, so the consensus can only be one rater's mask or empty.
		BinaryMask c = st.consensus();
		assertTrue(c.isEmpty() || c.equals(a) || c.equals(b), c.toString());
		BinaryMask union = a.copy();
		for (int i = 0; i < union.data().length; i++) union.data()[i] |= b.data()[i];
		assertEquals(union, MajorityVote.compute(masks, names(2)));
	}

	@Test
	void differentSizesAreRejectedNamingBothMasks() {
		List<BinaryMask> masks = List.of(BinaryMask.empty(10, 10), BinaryMask.empty(10, 11));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Staple.compute(masks, List.of("a_A01.png", "b_A02.png")));
		assertTrue(e.getMessage().contains("a_A01.png") && e.getMessage().contains("b_A02.png") && e.getMessage().contains("10x11"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> MajorityVote.compute(masks, List.of("a", "b")));
		assertThrows(IllegalArgumentException.class, () -> Staple.compute(List.of(), List.of()));
	}

	@Test
	void maximumIterationsCapsTheLoop() {
		List<BinaryMask> masks = raters(3, 200, 150, 77);
		StapleResult free = Staple.compute(masks, names(3));
		assertTrue(free.iterations() > 2, "needs a slowly converging case, got " + free.iterations());
		for (int max : new int[] { 1, 2 }) {
			Staple.Parameters capped = new Staple.Parameters(1.0, max);
			StapleResult st = Staple.compute(masks, names(3), capped, null);
			assertEquals(max, st.iterations());
			assertItk(masks, capped, st);
		}
		// One iteration: the M-step on W0 = vote fraction.
		StapleResult one = Staple.compute(masks, names(3), new Staple.Parameters(1.0, 1), null);
		double sumW = 0, sumW1 = 0;
		for (int j = 0; j < masks.get(0).size(); j++) {
			int votes = masks.get(0).data()[j] + masks.get(1).data()[j] + masks.get(2).data()[j];
			double w0 = (float) (votes / 3.0);
			sumW += w0;
			if (masks.get(1).data()[j] == 1) sumW1 += w0;
		}
		assertEquals(sumW1 / sumW, one.sensitivity()[1], 1e-12);
		assertThrows(IllegalArgumentException.class, () -> new Staple.Parameters(1.0, -1));
	}

	@Test
	void confidenceWeightScalesThePrior() {
		List<BinaryMask> masks = raters(3, 180, 120, 13);
		StapleResult base = Staple.compute(masks, names(3));
		Staple.Parameters half = new Staple.Parameters(0.5, 0);
		StapleResult st = Staple.compute(masks, names(3), half, null);
		assertEquals(base.prior() * 0.5, st.prior(), 1e-15);
		assertItk(masks, half, st);
		assertNotEquals(base.probability(1), st.probability(1)); // one discordant vote pattern
		assertTrue(st.probability(1) < base.probability(1));
		assertThrows(IllegalArgumentException.class, () -> new Staple.Parameters(0, 0));
		assertThrows(IllegalArgumentException.class, () -> new Staple.Parameters(Double.NaN, 0));
	}

	@Test
	void resultsDoNotDependOnThreadCount() throws Exception {
		List<BinaryMask> masks = raters(3, 2048 + 5, 1536 + 3, 21);
		StapleResult single = Staple.compute(masks, names(3), Staple.Parameters.DEFAULT, null);
		for (int threads : new int[] { 1, 3, 8 }) {
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				VotePatterns vp = VotePatterns.of(masks, names(3), pool);
				StapleResult st = Staple.compute(vp, Staple.Parameters.DEFAULT);
				assertEquals(single.iterations(), st.iterations());
				assertArrayEquals(single.sensitivity(), st.sensitivity(), 0.0);
				assertArrayEquals(single.specificity(), st.specificity(), 0.0);
				assertEquals(single.consensus(), st.consensus());
				assertEquals(single.patterns().runCount(), vp.runCount());
				assertArrayEquals(single.patterns().counts(), vp.counts());
				assertEquals(MajorityVote.compute(single.patterns()), MajorityVote.compute(vp));
			}
			finally {
				pool.shutdown();
			}
		}
	}

	@Test
	void imgLib2InputsAreBinarisedAsLoadMaskDoes() {
		List<BinaryMask> masks = raters(2, 64, 40, 4);
		List<net.imglib2.img.array.ArrayImg<UnsignedByteType, ?>> imgs = new ArrayList<>();
		for (BinaryMask m : masks) {
			byte[] v = m.data().clone();
			for (int i = 0; i < v.length; i++) v[i] = (byte) (v[i] == 1 ? 255 : 0);
			imgs.add(ArrayImgs.unsignedBytes(v, 64, 40));
		}
		StapleResult fromImgs = Staple.computeImages(imgs, names(2), Staple.Parameters.DEFAULT, null);
		StapleResult fromMasks = Staple.compute(masks, names(2));
		assertEquals(fromMasks.consensus(), fromImgs.consensus());
		assertArrayEquals(fromMasks.sensitivity(), fromImgs.sensitivity(), 0.0);
		assertEquals(64, fromImgs.probabilityImg().dimension(0));
		assertEquals(MajorityVote.compute(masks, names(2)), MajorityVote.computeImages(imgs, names(2), null));
	}
}
