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
		fill(rt, t, 0);
		return rt;
	}

	/** Sets the rows of {@code t} as rows {@code first…} of {@code rt}. */
	private static void fill(ResultsTable rt, Table t, int first) {
		for (int c = 0; c < t.columnCount(); c++) {
			String name = t.columns().get(c).isEmpty() ? "Statistic" : t.columns().get(c);
			for (int r = 0; r < t.rowCount(); r++) {
				Object v = t.get(r, c);
				if (v instanceof Number n) rt.setValue(name, first + r, n.doubleValue());
				else rt.setValue(name, first + r, v == null ? "" : v.toString());
			}
		}
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

	/**
	 * Adds the rows of {@code t} to the table open in the window {@code title} (a new window when
	 * none is open or its columns differ) and shows it; headless, just {@code t}'s rows.
	 */
	public static ResultsTable append(Table t, String title) {
		if (java.awt.GraphicsEnvironment.isHeadless()) return toResultsTable(t);
		ResultsTable open = ResultsTable.getResultsTable(title);
		if (open == null || !java.util.Arrays.asList(open.getHeadings()).equals(t.columns())) return show(t, title);
		int first = open.size();
		for (int r = 0; r < t.rowCount(); r++) open.incrementCounter();
		fill(open, t, first);
		open.show(title);
		// Resized for the new rows (longer names widen their columns), kept where it is if still free.
		if (WindowManager.getWindow(title) instanceof TextWindow win) WindowPlacement.placeTable(win, false);
		return open;
	}
}
