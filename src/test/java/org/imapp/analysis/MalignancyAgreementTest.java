package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class MalignancyAgreementTest {

	@Test
	void imageMeanDiceEqualsThePublishedImageLevelTable() {
		Map<String, Double> mean = PublishedTables.pairs().imageMeanDice();
		Table il = PublishedTables.read(PublishedTables.IMAGE_LEVEL);
		assertEquals(il.rowCount(), mean.size());
		for (int i = 0; i < il.rowCount(); i++) {
			double exp = il.getDouble(i, "dice_score_mean");
			assertEquals(exp, mean.get(il.getString(i, "img_id")), 1e-12 * Math.max(1, Math.abs(exp)), il.getString(i, "img_id"));
		}
	}

	@Test
	void malignantLesionsHaveLowerAgreement() {
		MalignancyAgreement.Result r = MalignancyAgreement.compute(PublishedTables.pairs().imageMeanDice(), PublishedTables.img());
		assertEquals(1880, r.benign().length);
		assertEquals(505, r.malignant().length);
		// Independently: join the published image-level table with the metadata by exact class value.
		Table il = PublishedTables.read(PublishedTables.IMAGE_LEVEL);
		double sb = 0, sm = 0, qb = 0;
		int nb = 0, nm = 0;
		for (int i = 0; i < il.rowCount(); i++) {
			String id = il.getString(i, "img_id").replace(".JPG", "");
			String cls = PublishedTables.img().get(id, "benign_malignant");
			double v = il.getDouble(i, "dice_score_mean");
			if (cls.equals("benign")) {
				sb += v;
				qb += v * v;
				nb++;
			}
			else if (cls.equals("malignant")) {
				sm += v;
				nm++;
			}
		}
		assertEquals(1880, nb);
		assertEquals(505, nm);
		double meanB = sb / nb, meanM = sm / nm;
		Table g = r.groups();
		assertEquals(meanB, g.getDouble(0, "mean"), 1e-12);
		assertEquals(meanM, g.getDouble(1, "mean"), 1e-12);
		assertEquals(Math.sqrt((qb - nb * meanB * meanB) / (nb - 1)), g.getDouble(0, "sd"), 1e-9);
		assertEquals(9L, g.get(0, "excluded_images"));
		// The finding: malignant IAA is lower (0.756 vs 0.802) and the difference is significant.
		assertTrue(meanM < meanB);
		assertEquals(0.802, meanB, 5e-4);
		assertEquals(0.756, meanM, 5e-4);
		double pTwo = r.pValue("mann_whitney_u"), pLess = r.pValue("mann_whitney_u_malignant_lower");
		assertTrue(pTwo < 1e-5, "MWU p " + pTwo);
		assertEquals(pTwo / 2, pLess, 1e-15);
		// SciPy (tie- and continuity-corrected) gives U = 402,824, p = 1.68e-7; same U here.
		assertEquals(402824.0, r.statistic("mann_whitney_u"));
		assertEquals(1.68e-7, pTwo, 0.2e-7);
		assertTrue(r.pValue("kolmogorov_smirnov") < 1e-6, "KS p " + r.pValue("kolmogorov_smirnov"));
		assertEquals(0.15599325890035812, r.statistic("kolmogorov_smirnov"), 1e-12);
		assertEquals(r.statistic("kolmogorov_smirnov"), r.statistic("ecdf_max_malignant_above_benign"), 1e-12);
		double d = r.statistic("cohens_d");
		assertTrue(d > 0.2 && d < 0.3, "d " + d);
		assertTrue(r.statistic("cohens_d_published_formula") > d);
		assertTrue(r.statistic("probability_malignant_lower") > 0.5);
		// ECDF ends at 1 in both groups.
		Table e = r.ecdf();
		assertEquals(1.0, e.getDouble(e.rowCount() - 1, "ecdf"));
	}

	@Test
	void pairwiseFosdReproducesThePublishedCurves() {
		Table pub = PublishedTables.read(PublishedTables.FOSD);
		double[] grid = new double[pub.rowCount()];
		for (int i = 0; i < grid.length; i++) grid[i] = pub.getDouble(i, "grid_value");
		// The published grid is linspace(0, max pair Dice of an older run, 100).
		assertEquals(grid[1], MalignancyAgreement.linspace(0, grid[99], 100)[1], 1e-15);
		Table ours = MalignancyAgreement.pairwiseFosd(PublishedTables.pairs().pairs(), PublishedTables.img(), grid);
		double worst = 0;
		for (int i = 0; i < grid.length; i++) {
			worst = Math.max(worst, Math.abs(pub.getDouble(i, "Malignant") - ours.getDouble(i, "Malignant")));
			worst = Math.max(worst, Math.abs(pub.getDouble(i, "Benign") - ours.getDouble(i, "Benign")));
		}
		// Spec trap 26: the static file came from an older metrics run; agreement within 0.004.
		assertTrue(worst <= 0.004, "max difference " + worst);
		assertTrue(worst > 0, "the published file is not a recomputation of the current table");
	}
}
