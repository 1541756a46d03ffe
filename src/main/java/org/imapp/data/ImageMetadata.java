package org.imapp.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * {@code IMAplusplus_img_metadata.csv}: ISIC clinical metadata per image (36 columns, quoted
 * fields), keyed by {@code isic_id}, file order kept.
 */
public final class ImageMetadata {

	public static final String ID = "isic_id";

	private final Path file;
	private final Table table;
	private final Map<String, Integer> rowById = new LinkedHashMap<>();

	private ImageMetadata(Path file, Table table) throws MetadataException {
		this.file = file;
		this.table = table;
		int id = table.indexOf(ID);
		if (id < 0) throw new MetadataException(file + ": missing column '" + ID + "'");
		for (int r = 0; r < table.rowCount(); r++) {
			String key = table.getString(r, id);
			if (rowById.putIfAbsent(key, r) != null) throw new MetadataException(file + ": line " + (r + 2) + ": duplicate isic_id " + key);
		}
	}

	public static ImageMetadata read(Path file) throws MetadataException {
		try {
			return new ImageMetadata(file, CsvTables.read(file));
		}
		catch (MetadataException e) {
			throw e;
		}
		catch (IOException e) {
			throw new MetadataException("Cannot read image metadata: " + e.getMessage(), e);
		}
	}

	public Path file() {
		return file;
	}

	/** The whole file as a table of strings. */
	public Table table() {
		return table;
	}

	public List<String> columns() {
		return table.columns();
	}

	public boolean contains(String isicId) {
		return rowById.containsKey(isicId);
	}

	/** A cell ("" when empty, null when the image or the column is unknown). */
	public String get(String isicId, String column) {
		Integer r = rowById.get(isicId);
		int c = table.indexOf(column);
		if (r == null || c < 0) return null;
		return table.getString(r, c);
	}

	public OptionalInt getInt(String isicId, String column) {
		String v = get(isicId, column);
		if (v == null || v.isBlank()) return OptionalInt.empty();
		try {
			return OptionalInt.of((int) Double.parseDouble(v.trim()));
		}
		catch (NumberFormatException e) {
			return OptionalInt.empty();
		}
	}

	/** The first non-empty of diagnosis_1..5 read from the most specific level, or "". */
	public String diagnosis(String isicId) {
		for (int k = 5; k >= 1; k--) {
			String v = get(isicId, "diagnosis_" + k);
			if (v != null && !v.isBlank()) return v;
		}
		return "";
	}

	public Iterable<String> ids() {
		return rowById.keySet();
	}
}
