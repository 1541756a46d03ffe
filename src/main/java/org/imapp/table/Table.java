package org.imapp.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A results table independent of any UI: named columns in order and rows of cells that are
 * {@code String}, {@code Double}, {@code Long}/{@code Integer}, {@code Boolean} or {@code null}
 * (missing). Written by {@link CsvTables} and shown in ImageJ by {@code org.imapp.ij1.ResultsTables}.
 */
public final class Table {

	private final List<String> columns;
	private final List<Object[]> rows = new ArrayList<>();

	public Table(List<String> columns) {
		this.columns = List.copyOf(columns);
	}

	public Table(String... columns) {
		this(Arrays.asList(columns));
	}

	public List<String> columns() {
		return columns;
	}

	public int columnCount() {
		return columns.size();
	}

	public int rowCount() {
		return rows.size();
	}

	/** Index of a column, or -1. */
	public int indexOf(String column) {
		return columns.indexOf(column);
	}

	/** Index of a column; the exception names the column and the table's source. */
	public int require(String column, String source) {
		int i = columns.indexOf(column);
		if (i < 0) throw new IllegalArgumentException(source + ": missing column '" + column + "' (columns: " + String.join(",", columns) + ")");
		return i;
	}

	public Table addRow(Object... values) {
		if (values.length != columns.size()) {
			throw new IllegalArgumentException("Row has " + values.length + " cells, table has " + columns.size() + " columns");
		}
		rows.add(values.clone());
		return this;
	}

	public void addRows(Table other) {
		if (!other.columns.equals(columns)) throw new IllegalArgumentException("Tables have different columns");
		rows.addAll(other.rows);
	}

	public Object get(int row, int col) {
		return rows.get(row)[col];
	}

	public Object get(int row, String col) {
		return get(row, require(col, "table"));
	}

	public void set(int row, int col, Object value) {
		rows.get(row)[col] = value;
	}

	/** The cell as text ("" for missing). */
	public String getString(int row, int col) {
		Object o = get(row, col);
		return o == null ? "" : o.toString();
	}

	public String getString(int row, String col) {
		return getString(row, require(col, "table"));
	}

	/** The cell as a number; NaN for missing or empty. */
	public double getDouble(int row, int col) {
		Object o = get(row, col);
		if (o == null) return Double.NaN;
		if (o instanceof Number n) return n.doubleValue();
		String s = o.toString().trim();
		if (s.isEmpty() || s.equalsIgnoreCase("nan")) return Double.NaN;
		return Double.parseDouble(s);
	}

	public double getDouble(int row, String col) {
		return getDouble(row, require(col, "table"));
	}

	/** Read-only view of the rows (cells may be mutated through {@link #set}). */
	public List<Object[]> rows() {
		return Collections.unmodifiableList(rows);
	}

	/** Sorts rows in place, stably. */
	public void sort(java.util.Comparator<Object[]> order) {
		rows.sort(order);
	}
}
