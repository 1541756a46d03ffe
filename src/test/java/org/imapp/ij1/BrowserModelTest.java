package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.RecordFilter;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BrowserModelTest {

	private static Dataset ds;
	private static Map<String, Double> dice;

	@BeforeAll
	static void load() throws Exception {
		ds = Dataset.load(DatasetPaths.of(Fixtures.SMALL));
		dice = BrowserModel.meanDice(Fixtures.SMALL.resolve("expected/image_level_metrics.csv"));
	}

	@AfterAll
	static void close() throws Exception {
		ds.close();
	}

	@Test
	void stepsWrapAroundInFileOrder() {
		BrowserModel m = new BrowserModel(ds, dice);
		assertEquals(24, m.size());
		assertEquals(ds.groups().get(0), m.current());
		assertEquals(ds.groups().get(23), m.move(-1));
		assertEquals(ds.groups().get(0), m.move(1));
		assertEquals(ds.groups().get(1), m.move(1));
	}

	@Test
	void ordersByMeanDiceFromTheImageLevelTable() throws Exception {
		Table t = CsvTables.read(Fixtures.SMALL.resolve("expected/image_level_metrics.csv"));
		List<double[]> values = new ArrayList<>();
		for (int r = 0; r < t.rowCount(); r++) values.add(new double[] { t.getDouble(r, "dice_score_mean") });
		BrowserModel m = new BrowserModel(ds, dice);
		m.setOrder(BrowserModel.Order.LOWEST_DICE);
		assertEquals(0, m.index());
		double prev = -1;
		int scored = 0;
		for (ImageGroup g : m.images()) {
			double d = m.meanDice(g);
			if (Double.isNaN(d)) continue;
			assertTrue(d >= prev, g.isicId() + " out of order");
			prev = d;
			scored++;
		}
		assertEquals(values.stream().filter(v -> !Double.isNaN(v[0])).count(), scored);
		assertEquals(values.stream().mapToDouble(v -> v[0]).min().getAsDouble(), m.meanDice(m.current()));
		m.setOrder(BrowserModel.Order.HIGHEST_DICE);
		assertEquals(values.stream().mapToDouble(v -> v[0]).max().getAsDouble(), m.meanDice(m.current()));
	}

	@Test
	void filtersKeepImagesWithAMatchingMaskAndJumpNamesProblems() {
		BrowserModel m = new BrowserModel(ds, dice);
		m.jump("ISIC_0015171");
		m.setFilter(RecordFilter.parse("", "T1", "", ""));
		int expected = (int) ds.groups().stream().filter(g -> g.annotatorMasks().stream().anyMatch(r -> r.tool().equals("T1"))).count();
		assertEquals(expected, m.size());
		assertTrue(expected > 0 && expected < 24);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> m.jump("ISIC_0000000")).getMessage().contains("ISIC id not in the dataset: ISIC_0000000"));
		ImageGroup other = ds.groups().stream().filter(g -> !m.images().contains(g)).findFirst().orElseThrow();
		assertTrue(assertThrows(IllegalArgumentException.class, () -> m.jump(other.isicId())).getMessage().contains("not among the images matching the filter"));
		m.setFilter(RecordFilter.ALL);
		assertEquals(24, m.size());
		assertEquals(m.images().get(m.index()), m.current());
	}

	@Test
	void describesPositionMasksDiagnosisAndDice() {
		BrowserModel m = new BrowserModel(ds, dice);
		ImageGroup g = m.jump("ISIC_0015171");
		String line = m.describe(g);
		assertTrue(line.startsWith((m.index() + 1) + " / 24   ISIC_0015171   2 annotator masks (A00, A03)"), line);
		assertTrue(line.contains(String.format(java.util.Locale.ROOT, "mean Dice %.3f", dice.get("ISIC_0015171.JPG"))), line);
	}
}
