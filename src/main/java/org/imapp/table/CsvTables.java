package org.imapp.table;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.imapp.io.AtomicFiles;

/**
 * Reads and writes CSV tables in pandas' {@code to_csv} dialect, so the files diff cleanly
 * against the published IMA++ tables: comma, LF, header, minimal quoting, Python-repr floats,
 * missing values as empty fields, {@code True}/{@code False} booleans. Writes are atomic.
 */
public final class CsvTables {

	private CsvTables() {}

	/** Writes the table atomically. */
	public static void write(Table table, Path file) throws IOException {
		String text = format(table);
		AtomicFiles.write(file, out -> {
			Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			w.write(text);
			w.flush();
		});
	}

	/** The table as CSV text. */
	public static String format(Table table) {
		StringBuilder sb = new StringBuilder(64 * (table.rowCount() + 1));
		List<String> cols = table.columns();
		for (int c = 0; c < cols.size(); c++) {
			if (c > 0) sb.append(',');
			sb.append(quote(cols.get(c)));
		}
		sb.append('\n');
		for (Object[] row : table.rows()) {
			for (int c = 0; c < row.length; c++) {
				if (c > 0) sb.append(',');
				sb.append(cell(row[c]));
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	/** One cell as pandas writes it. */
	public static String cell(Object v) {
		if (v == null) return "";
		if (v instanceof Double d) return d.isNaN() ? "" : PythonFloat.repr(d);
		if (v instanceof Float f) return f.isNaN() ? "" : PythonFloat.repr(f.doubleValue());
		if (v instanceof Boolean b) return b ? "True" : "False";
		return quote(v.toString());
	}

	private static String quote(String s) {
		boolean needs = false;
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
				needs = true;
				break;
			}
		}
		if (!needs) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}

	/**
	 * Reads a CSV file with a header into a table of strings (empty fields are "").
	 * Errors name the file: not found, not UTF-8, rows with a different number of fields.
	 */
	public static Table read(Path file) throws IOException {
		String text = readUtf8(file);
		return parse(new StringReader(text), file.toString());
	}

	/** Reads a file as strict UTF-8; the error names the file and the line of the first bad byte. */
	public static String readUtf8(Path file) throws IOException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			throw new NoSuchFileException(file.toString(), null, "file not found");
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException e) {
			throw new IOException(file + ": line " + firstBadUtf8Line(bytes) + ": not valid UTF-8 text", e);
		}
	}

	static int firstBadUtf8Line(byte[] bytes) {
		int line = 1, start = 0;
		for (int i = 0; i <= bytes.length; i++) {
			if (i == bytes.length || bytes[i] == '\n') {
				try {
					StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
						.decode(java.nio.ByteBuffer.wrap(bytes, start, i - start));
				}
				catch (CharacterCodingException e) {
					return line;
				}
				line++;
				start = i + 1;
			}
		}
		return line;
	}

	/** Parses CSV text with a header; {@code source} names it in errors. */
	public static Table parse(Reader reader, String source) throws IOException {
		CSVFormat fmt = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).build();
		try (CSVParser p = CSVParser.parse(reader, fmt)) {
			Table t = null;
			for (CSVRecord r : p) {
				List<String> cells = new ArrayList<>(r.size());
				r.forEach(cells::add);
				if (t == null) {
					t = new Table(cells);
					continue;
				}
				if (cells.size() != t.columnCount()) {
					throw new IOException(source + ": line " + p.getCurrentLineNumber() + ": expected " + t.columnCount() + " fields, found " + cells.size());
				}
				t.addRow(cells.toArray());
			}
			if (t == null) throw new IOException(source + ": empty file (no header)");
			return t;
		}
		catch (java.io.UncheckedIOException e) {
			throw new IOException(source + ": malformed CSV: " + e.getCause().getMessage(), e);
		}
	}
}
