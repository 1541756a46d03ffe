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
	 * Reads a CSV file with a header into a table of strings (empty fields are ""); a UTF-8
	 * byte-order mark (as Excel writes) is skipped. Errors name the file: not found, not UTF-8,
	 * every row with a different number of fields (by line), a quoted field never closed.
	 */
	public static Table read(Path file) throws IOException {
		String text = readUtf8(file);
		return parse(new StringReader(text), file.toString());
	}

	/** Reads a file as strict UTF-8 without its byte-order mark; the error names the file and the line of the first bad byte. */
	public static String readUtf8(Path file) throws IOException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			throw new NoSuchFileException(file.toString(), null, "file not found");
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
			return withoutBom(text);
		}
		catch (CharacterCodingException e) {
			throw new IOException(file + ": line " + firstBadUtf8Line(bytes) + ": not valid UTF-8 text", e);
		}
	}

	/** The text without a leading UTF-8 byte-order mark (U+FEFF). */
	public static String withoutBom(String text) {
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	/** How many malformed lines one error message lists before "and N more". */
	private static final int LISTED = 20;

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

	/**
	 * Parses CSV text with a header; {@code source} names it in errors, which list every row
	 * with the wrong number of fields by line (quoted fields may hold line breaks).
	 */
	public static Table parse(Reader reader, String source) throws IOException {
		CSVFormat fmt = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).build();
		List<String> bad = new ArrayList<>();
		long lastLine = 0;
		try (CSVParser p = CSVParser.parse(reader, fmt)) {
			Table t = null;
			try {
				for (CSVRecord r : p) {
					List<String> cells = new ArrayList<>(r.size());
					r.forEach(cells::add);
					long line = p.getCurrentLineNumber();
					lastLine = line;
					if (t == null) {
						t = new Table(cells);
						continue;
					}
					if (cells.size() != t.columnCount()) {
						bad.add("line " + line + ": expected " + t.columnCount() + " fields, found " + cells.size());
						continue;
					}
					t.addRow(cells.toArray());
				}
			}
			catch (java.io.UncheckedIOException | IllegalStateException e) {
				String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
				bad.add("line " + (lastLine + 1) + ": malformed CSV from here on (" + why + "; a quoted field is never closed?)");
			}
			if (!bad.isEmpty()) throw new IOException(source + ": " + listed(bad));
			if (t == null) throw new IOException(source + ": empty file (no header)");
			return t;
		}
	}

	/** "N malformed lines: a; b; ..." (the first {@value #LISTED}), or the one problem. */
	public static String listed(List<String> problems) {
		if (problems.size() == 1) return problems.get(0);
		String shown = String.join("; ", problems.subList(0, Math.min(LISTED, problems.size())));
		return problems.size() + " malformed lines: " + shown + (problems.size() > LISTED ? "; and " + (problems.size() - LISTED) + " more" : "");
	}
}
