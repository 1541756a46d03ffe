package org.imapp.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.imapp.table.Table;

/**
 * The seg metadata file, read and validated row by row. Invalid rows are reported with file,
 * line and rule and left out (or, in strict mode, fail the load); the share of valid rows is the
 * file's syntactic accuracy.
 */
public final class SegMetadata {

	private static final Pattern ISIC_ID = Pattern.compile("ISIC_\\d{7}");
	private static final Pattern ANNOTATOR = Pattern.compile("A(0\\d|1[0-5])");
	private static final Pattern TOOL = Pattern.compile("T[1-3]");
	private static final Pattern SKILL = Pattern.compile("S[12]");
	private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");

	private final Path file;
	private final List<SegRecord> records;
	private final List<ValidationProblem> problems;
	private final int rowsRead;

	private SegMetadata(Path file, List<SegRecord> records, List<ValidationProblem> problems, int rowsRead) {
		this.file = file;
		this.records = List.copyOf(records);
		this.problems = List.copyOf(problems);
		this.rowsRead = rowsRead;
	}

	/** Records already in memory (e.g. filtered or extended), with no validation report. */
	public static SegMetadata of(Path file, Collection<SegRecord> records) {
		return new SegMetadata(file, new ArrayList<>(records), List.of(), records.size());
	}

	/**
	 * Reads and validates a seg metadata CSV.
	 * @param strict fail on the first invalid row instead of leaving it out
	 * @throws MetadataException naming the file when it is missing, unreadable, lacks a column,
	 *         or (strict) has an invalid row
	 */
	public static SegMetadata read(Path file, boolean strict) throws MetadataException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			throw new MetadataException("Seg metadata file not found: " + file);
		}
		catch (IOException e) {
			throw new MetadataException("Cannot read seg metadata file " + file + ": " + e.getMessage(), e);
		}
		List<SegRecord> records = new ArrayList<>();
		List<ValidationProblem> problems = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		// Lines as [start, end) byte ranges, CR of CRLF dropped; a UTF-8 byte-order mark (Excel) skipped.
		int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
		List<int[]> lines = new ArrayList<>();
		for (int i = from, start = from; i <= bytes.length; i++) {
			if (i < bytes.length && bytes[i] != '\n') continue;
			int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
			if (!(end == start && i == bytes.length)) lines.add(new int[] { start, end }); // no line after a trailing newline
			start = i + 1;
		}
		int[] idx = null;
		int columns = 0;
		int rows = 0;
		for (int k = 0; k < lines.size(); k++) {
			int lineNo = k + 1;
			String text = utf8(bytes, lines.get(k));
			if (idx == null) {
				if (text == null) throw new MetadataException(file + ": line 1: header is not valid UTF-8 text");
				List<String> header = split(text);
				if (header == null) throw new MetadataException(file + ": line 1: header is not valid CSV: " + text);
				idx = new int[SegRecord.COLUMNS.length];
				for (int c = 0; c < idx.length; c++) {
					idx[c] = header.indexOf(SegRecord.COLUMNS[c]);
					if (idx[c] < 0) throw new MetadataException(file + ": missing column '" + SegRecord.COLUMNS[c] + "' (header: " + text + ")");
				}
				columns = header.size();
				continue;
			}
			if (text == null) {
				rows++;
				problem(problems, strict, new ValidationProblem(file, lineNo, "not valid UTF-8 text", null));
				continue;
			}
			if (text.isBlank()) continue;
			rows++;
			if (openQuote(text)) {
				// A quoted field running over a line break: no field of this file may hold one. The
				// record is reported as one problem and reading goes on after it; a quote never
				// closed is reported at its line and the following lines are read as rows.
				int last = k;
				String joined = text;
				while (last + 1 < lines.size() && openQuote(joined)) {
					String next = utf8(bytes, lines.get(last + 1));
					if (next == null) break;
					joined += "\n" + next;
					last++;
				}
				if (openQuote(joined)) {
					problem(problems, strict, new ValidationProblem(file, lineNo, "a quoted field is never closed", null));
				}
				else {
					problem(problems, strict, new ValidationProblem(file, lineNo, "a quoted field holds a line break (lines " + lineNo + "-" + (last + 1) + ")", null));
					k = last;
				}
				continue;
			}
			List<String> f = split(text);
			if (f == null) {
				problem(problems, strict, new ValidationProblem(file, lineNo, "malformed CSV (misplaced quote)", printable(text)));
				continue;
			}
			if (f.size() != columns) {
				problem(problems, strict, new ValidationProblem(file, lineNo, "wrong number of fields", "expected " + columns + ", found " + f.size()));
				continue;
			}
			String control = controlCharacter(text, f, idx);
			if (control != null) {
				problem(problems, strict, new ValidationProblem(file, lineNo, control, printable(f.get(idx[2]))));
				continue;
			}
			SegRecord r = new SegRecord(lineNo, f.get(idx[0]), f.get(idx[1]), f.get(idx[2]), f.get(idx[3]), f.get(idx[4]), f.get(idx[5]), f.get(idx[6]), f.get(idx[7]));
			String rule = firstBrokenRule(r);
			if (rule == null && !seen.add(r.segFilename())) rule = "duplicate seg_filename " + r.segFilename();
			if (rule != null) {
				problem(problems, strict, new ValidationProblem(file, lineNo, rule, r.segFilename()));
				continue;
			}
			records.add(r);
		}
		if (idx == null) throw new MetadataException(file + ": empty file (no header)");
		return new SegMetadata(file, records, problems, rows);
	}

	/** One line as strict UTF-8, or null when it is not. */
	private static String utf8(byte[] bytes, int[] line) {
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, line[0], line[1] - line[0])).toString();
		}
		catch (CharacterCodingException e) {
			return null;
		}
	}

	/** Whether the text ends inside a quoted field (an odd number of quote characters). */
	private static boolean openQuote(String text) {
		int n = 0;
		for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '"') n++;
		return n % 2 == 1;
	}

	/**
	 * The rule for the first control character (U+0000-U+001F, U+007F-U+009F: a NUL in a file name
	 * fails only later, as an invalid path) in the row: the column it is in, and its position in
	 * the line; null when there is none.
	 */
	private static String controlCharacter(String text, List<String> fields, int[] idx) {
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (!Character.isISOControl(ch)) continue;
			String column = "a field";
			for (int c = 0; c < idx.length; c++) {
				if (fields.get(idx[c]).indexOf(ch) >= 0) {
					column = SegRecord.COLUMNS[c];
					break;
				}
			}
			return String.format("control character U+%04X in %s (column %d of the line)", (int) ch, column, i + 1);
		}
		return null;
	}

	/** The text with control characters written as U+XXXX, for messages and tables. */
	static String printable(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			if (Character.isISOControl(ch)) b.append(String.format("<U+%04X>", (int) ch));
			else b.append(ch);
		}
		return b.toString();
	}

	private static void problem(List<ValidationProblem> problems, boolean strict, ValidationProblem p) throws MetadataException {
		if (strict) throw new MetadataException("Invalid seg metadata row: " + p);
		problems.add(p);
	}

	/** The fields of one line, or null when its quoting is malformed. */
	private static List<String> split(String line) {
		if (line.indexOf('"') < 0) return List.of(line.split(",", -1));
		try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.parse(line, org.apache.commons.csv.CSVFormat.DEFAULT)) {
			List<String> out = new ArrayList<>();
			p.iterator().next().forEach(out::add);
			return out;
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/** The first validation rule the row breaks, or null. */
	public static String firstBrokenRule(SegRecord r) {
		if (!ISIC_ID.matcher(r.isicId()).matches()) return "ISIC_id is not ISIC_ followed by 7 digits: '" + r.isicId() + "'";
		if (!r.imgFilename().equals(r.isicId() + ".JPG")) return "img_filename is not <ISIC_id>.JPG: '" + r.imgFilename() + "'";
		if (!MD5.matcher(r.maskMd5()).matches()) return "mask_md5 is not 32 lower-case hex digits: '" + r.maskMd5() + "'";
		if (r.isConsensus()) {
			String k = r.annotator();
			if (!k.equals(r.tool()) || !k.equals(r.skillLevel()) || !k.equals(r.mskObjectId())) return "consensus row must have " + k + " in annotator, tool, skill_level and mskObjectID";
			if (!r.segFilename().equals(SegRecord.consensusFilename(r.isicId(), k))) return "seg_filename is not " + SegRecord.consensusFilename(r.isicId(), k);
			return null;
		}
		if (!ANNOTATOR.matcher(r.annotator()).matches()) return "annotator is not A00-A15, ST or MV: '" + r.annotator() + "'";
		if (!TOOL.matcher(r.tool()).matches()) return "tool is not T1-T3: '" + r.tool() + "'";
		if (!SKILL.matcher(r.skillLevel()).matches()) return "skill_level is not S1 or S2: '" + r.skillLevel() + "'";
		if (r.mskObjectId().isEmpty()) return "mskObjectID is empty";
		String expected = r.isicId() + "_" + r.annotator() + "_" + r.tool() + "_" + r.skillLevel() + "_" + r.mskObjectId() + ".png";
		if (!r.segFilename().equals(expected)) return "seg_filename is not " + expected + ": '" + r.segFilename() + "'";
		return null;
	}

	public Path file() {
		return file;
	}

	/** The valid rows, in file order. */
	public List<SegRecord> records() {
		return records;
	}

	/** Invalid rows, in file order. */
	public List<ValidationProblem> problems() {
		return problems;
	}

	/** Data rows read (valid or not). */
	public int rowsRead() {
		return rowsRead;
	}

	/** Share of rows passing every validation rule (1 for an empty file). */
	public double syntacticAccuracy() {
		return rowsRead == 0 ? 1.0 : (double) records.size() / rowsRead;
	}

	/** The records as a table with the published columns. */
	public static Table toTable(Collection<SegRecord> records) {
		Table t = new Table(SegRecord.COLUMNS);
		for (SegRecord r : records) t.addRow(r.cells());
		return t;
	}
}
