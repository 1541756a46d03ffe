package org.imapp.ij1;

import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.text.TextWindow;

import org.imapp.table.Table;

/** Shows {@link Table}s as ImageJ results tables (text cells stay text, numbers stay numbers). */
public final class ResultsTables {

	private ResultsTables() {}

	public static ResultsTable toResultsTable(Table t) {
		ResultsTable rt = new ResultsTable(t.rowCount());
		rt.showRowNumbers(false);
		for (int c = 0; c < t.columnCount(); c++) {
			String name = t.columns().get(c).isEmpty() ? "Statistic" : t.columns().get(c);
			for (int r = 0; r < t.rowCount(); r++) {
				Object v = t.get(r, c);
				if (v instanceof Number n) rt.setValue(name, r, n.doubleValue());
				else rt.setValue(name, r, v == null ? "" : v.toString());
			}
		}
		return rt;
	}

	/**
	 * Shows the table in a window titled {@code title}, wide enough for its columns and placed
	 * beside the other windows ({@link WindowPlacement}), unless ImageJ runs headless.
	 */
	public static ResultsTable show(Table t, String title) {
		ResultsTable rt = toResultsTable(t);
		if (java.awt.GraphicsEnvironment.isHeadless()) return rt;
		boolean isNew = !(WindowManager.getWindow(title) instanceof TextWindow);
		rt.show(title);
		if (WindowManager.getWindow(title) instanceof TextWindow win) WindowPlacement.placeTable(win, isNew);
		return rt;
	}
}
