package org.imapp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imapp.table.Table;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {

	private static void assertValid(DatasetSplit.Result r, DatasetSplit.Options o, String what) {
		// No patient in two splits (patients read back from the metadata, not from the result).
		Map<String, String> splitOfPatient = new HashMap<>();
		for (var e : r.splitOf().entrySet()) {
			String patient = PublishedTables.img().get(e.getKey(), "patient_id");
			if (patient == null || patient.isBlank()) continue;
			String prev = splitOfPatient.putIfAbsent(patient, e.getValue());
			assertTrue(prev == null || prev.equals(e.getValue()), what + ": patient " + patient + " in " + prev + " and " + e.getValue());
		}
		int n = r.splitOf().size();
		for (int s = 0; s < 3; s++) {
			String split = DatasetSplit.SPLITS.get(s);
			long count = r.splitOf().values().stream().filter(split::equals).count();
			assertTrue(Math.abs(count - o.fractions()[s] * n) <= r.largestGroup(), what + ": " + split + " has " + count + " images, target " + o.fractions()[s] * n);
		}
	}

	@Test
	void propertyOverSeedsNoPatientCrossesAndFractionsHold() {
		List<org.imapp.data.SegRecord> seg = PublishedTables.seg();
		double[][] fractions = { { 0.7, 0.15, 0.15 }, { 0.8, 0.1, 0.1 }, { 0.6, 0.2, 0.2 }, { 0.5, 0.0, 0.5 } };
		for (long seed = 0; seed < 24; seed++) {
			boolean byClass = seed % 2 == 0, byAnn = seed % 3 == 0;
			DatasetSplit.Options o = new DatasetSplit.Options(fractions[(int) (seed % fractions.length)], seed, byClass, byAnn);
			DatasetSplit.Result r = DatasetSplit.split(seg, PublishedTables.img(), o);
			assertEquals(14967, r.splitOf().size());
			assertEquals(22, r.largestGroup()); // the patient with the most images
			assertValid(r, o, "seed " + seed);
		}
	}

	@Test
	void stratificationBalancesMalignancy() {
		DatasetSplit.Options o = new DatasetSplit.Options(new double[] { 0.7, 0.15, 0.15 }, 7, true, true);
		DatasetSplit.Result r = DatasetSplit.split(PublishedTables.seg(), PublishedTables.img(), o);
		Table t = r.sizes();
		assertEquals(List.of("train", "val", "test", "all"), List.of(t.getString(0, 0), t.getString(1, 0), t.getString(2, 0), t.getString(3, 0)));
		assertEquals(14967.0, t.getDouble(3, "images"));
		assertEquals(1427.0, t.getDouble(3, "malignant"));
		assertEquals(13376.0, t.getDouble(3, "benign"));
		double all = t.getDouble(3, "malignant_fraction");
		for (int s = 0; s < 3; s++) assertEquals(all, t.getDouble(s, "malignant_fraction"), 0.01, t.getString(s, 0));
		assertEquals(t.getDouble(3, "annotators_2"), t.getDouble(0, "annotators_2") + t.getDouble(1, "annotators_2") + t.getDouble(2, "annotators_2"));
		assertEquals(17684.0, t.getDouble(3, "masks"));
		// Another seed moves images.
		DatasetSplit.Result r2 = DatasetSplit.split(PublishedTables.seg(), PublishedTables.img(), new DatasetSplit.Options(o.fractions(), 8, true, true));
		assertNotEquals(r.splitOf(), r2.splitOf());
		assertEquals(r.splitOf(), DatasetSplit.split(PublishedTables.seg(), PublishedTables.img(), o).splitOf());
		Table copy = DatasetSplit.withSplitColumn(PublishedTables.img().table(), "isic_id", r.splitOf());
		assertEquals("split", copy.columns().get(copy.columnCount() - 1));
		assertEquals(r.splitOf().get(copy.getString(0, "isic_id")), copy.getString(0, "split"));
	}

	@Test
	void badFractionsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new DatasetSplit.Options(new double[] { 0.7, 0.2, 0.2 }, 1, false, false));
		assertThrows(IllegalArgumentException.class, () -> new DatasetSplit.Options(new double[] { 1.2, -0.2, 0 }, 1, false, false));
	}
}
