package org.imapp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/** Comparison of a computed table with a reference CSV read as text. */
public final class TableAssertions {

	private TableAssertions() {}

	/** Same columns, same rows, same empty cells, every number within {@code rel} relative; returns how many are bit-identical. */
	public static int[] assertTablesClose(Table expected, Table actual, double rel) {
		assertEquals(expected.columns(), actual.columns());
		assertEquals(expected.rowCount(), actual.rowCount());
		int exact = 0, numbers = 0;
		for (int r = 0; r < expected.rowCount(); r++) {
			for (int c = 0; c < expected.columnCount(); c++) {
				String want = expected.getString(r, c);
				String got = CsvTables.cell(actual.get(r, c));
				String where = "row " + r + " (" + expected.getString(r, 0) + ") column " + expected.columns().get(c);
				double w;
				try {
					w = Double.parseDouble(want);
				}
				catch (NumberFormatException e) {
					assertEquals(want, got, where);
					continue;
				}
				assertTrue(!got.isEmpty(), where + ": expected " + want + ", got an empty cell");
				double g = Double.parseDouble(got);
				assertEquals(w, g, rel * Math.abs(w), where);
				numbers++;
				if (want.equals(got)) exact++;
			}
		}
		return new int[] { exact, numbers };
	}

	/**
	 * One cell of a medpy table against a computed value: an empty cell must be NaN, a number
	 * within 1e-9 relative. Returns -1 for an empty cell, 1 for a bit-identical number, 0 otherwise.
	 */
	public static int assertMedpyCell(String cell, double got, String where) {
		if (cell.isEmpty()) {
			assertTrue(Double.isNaN(got), where + " should be empty, got " + got);
			return -1;
		}
		double want = Double.parseDouble(cell);
		assertEquals(want, got, 1e-9 * Math.max(1, Math.abs(want)), where);
		return want == got ? 1 : 0;
	}
}
