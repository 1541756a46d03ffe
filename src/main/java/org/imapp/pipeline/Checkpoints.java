package org.imapp.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.imapp.io.AtomicFiles;
import org.imapp.table.Table;

/**
 * The checkpoint folder of a run, {@code <output>/.checkpoint/}: one {@code <ISIC_id>.json} per
 * finished image (its {@link ImageResult}) and {@code run.json}, the manifest saying which
 * dataset, settings and shard the results belong to. Every file is written atomically, an image's
 * file only after all its outputs are on disk, so a cancelled or killed run leaves only complete
 * images behind and a resumed run can trust every file it finds.
 * <p>
 * Files are JSON (numbers as Java's round-trip decimal strings, NaN and ±Infinity as bare tokens
 * like Python's {@code json}), so values come back bit for bit and final tables from checkpoints
 * equal tables from memory.
 */
public final class Checkpoints {

	public static final String FOLDER = ".checkpoint";
	public static final String MANIFEST = "run.json";
	private static final String SUFFIX = ".json";

	private final Path dir;

	public Checkpoints(Path output) {
		this.dir = output.resolve(FOLDER);
	}

	public Path folder() {
		return dir;
	}

	public Path file(String isicId) {
		return dir.resolve(isicId + SUFFIX);
	}

	public boolean has(String isicId) {
		return Files.isRegularFile(file(isicId));
	}

	/** Writes an image's result atomically (after its consensus masks are written). */
	public void write(ImageResult r) throws IOException {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("isic_id", r.isicId());
		o.put("index", (long) r.index());
		Map<String, Object> parts = new LinkedHashMap<>();
		r.parts().forEach(parts::put);
		o.put("parts", parts);
		AtomicFiles.write(file(r.isicId()), Json.write(o).getBytes(StandardCharsets.UTF_8));
	}

	/** Reads an image's result; the exception names the file. */
	public ImageResult read(String isicId) throws IOException {
		return read(file(isicId));
	}

	public static ImageResult read(Path file) throws IOException {
		try {
			Map<String, Object> o = Json.object(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), "checkpoint");
			Map<String, Table> parts = new LinkedHashMap<>();
			for (var e : Json.object(o.get("parts"), "parts").entrySet()) parts.put(e.getKey(), Json.table(e.getValue()));
			return new ImageResult((String) o.get("isic_id"), Math.toIntExact((Long) o.get("index")), parts);
		}
		catch (NoSuchFileException e) {
			throw new NoSuchFileException(file.toString(), null, "checkpoint file not found");
		}
		catch (IOException | RuntimeException e) {
			throw new IOException(file + ": unreadable checkpoint (" + e.getMessage() + "); delete it to recompute that image", e);
		}
	}

	/** Every image result in the folder, in no particular order. */
	public List<Path> imageFiles() throws IOException {
		if (!Files.isDirectory(dir)) return List.of();
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> {
				String n = p.getFileName().toString();
				return n.endsWith(SUFFIX) && !n.equals(MANIFEST) && !n.startsWith(".");
			}).sorted().toList();
		}
	}

	public void writeManifest(Map<String, Object> manifest) throws IOException {
		AtomicFiles.write(dir.resolve(MANIFEST), Json.write(manifest).getBytes(StandardCharsets.UTF_8));
	}

	/** The manifest, or null when the folder has none. */
	public Map<String, Object> readManifest() throws IOException {
		Path f = dir.resolve(MANIFEST);
		if (!Files.isRegularFile(f)) return null;
		try {
			return Json.object(Json.parse(Files.readString(f, StandardCharsets.UTF_8)), "manifest");
		}
		catch (RuntimeException e) {
			throw new IOException(f + ": unreadable run manifest (" + e.getMessage() + ")", e);
		}
	}

	/** Removes every checkpoint (a fresh run over old results). */
	public void clear() throws IOException {
		if (!Files.isDirectory(dir)) return;
		try (Stream<Path> s = Files.list(dir)) {
			for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
		}
	}

	/** A minimal JSON codec for checkpoint content: objects, arrays, strings, numbers, booleans, null, tables. */
	static final class Json {

		private Json() {}

		static String write(Object v) {
			StringBuilder sb = new StringBuilder(256);
			write(sb, v);
			sb.append('\n');
			return sb.toString();
		}

		private static void write(StringBuilder sb, Object v) {
			if (v == null) sb.append("null");
			else if (v instanceof String s) string(sb, s);
			else if (v instanceof Boolean b) sb.append(b);
			else if (v instanceof Double || v instanceof Float) {
				double d = ((Number) v).doubleValue();
				if (Double.isNaN(d)) sb.append("NaN");
				else if (Double.isInfinite(d)) sb.append(d > 0 ? "Infinity" : "-Infinity");
				else sb.append(Double.toString(d)); // always has '.' or 'E': read back as a double, bit for bit
			}
			else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) sb.append(((Number) v).longValue());
			else if (v instanceof Table t) {
				sb.append("{\"columns\":");
				write(sb, t.columns());
				sb.append(",\n\"rows\":[");
				for (int r = 0; r < t.rowCount(); r++) {
					if (r > 0) sb.append(",\n");
					write(sb, java.util.Arrays.asList(t.rows().get(r)));
				}
				sb.append("]}");
			}
			else if (v instanceof Map<?, ?> m) {
				sb.append('{');
				boolean first = true;
				for (var e : m.entrySet()) {
					if (!first) sb.append(",\n");
					first = false;
					string(sb, e.getKey().toString());
					sb.append(':');
					write(sb, e.getValue());
				}
				sb.append('}');
			}
			else if (v instanceof List<?> l) {
				sb.append('[');
				for (int i = 0; i < l.size(); i++) {
					if (i > 0) sb.append(',');
					write(sb, l.get(i));
				}
				sb.append(']');
			}
			else throw new IllegalArgumentException("Cannot write " + v.getClass().getName() + " to a checkpoint");
		}

		private static void string(StringBuilder sb, String s) {
			sb.append('"');
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				switch (c) {
					case '"' -> sb.append("\\\"");
					case '\\' -> sb.append("\\\\");
					case '\n' -> sb.append("\\n");
					case '\r' -> sb.append("\\r");
					case '\t' -> sb.append("\\t");
					default -> {
						if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
						else sb.append(c);
					}
				}
			}
			sb.append('"');
		}

		@SuppressWarnings("unchecked")
		static Map<String, Object> object(Object v, String what) {
			if (!(v instanceof Map)) throw new IllegalArgumentException(what + " is not a JSON object");
			return (Map<String, Object>) v;
		}

		static Table table(Object v) {
			Map<String, Object> o = object(v, "table");
			List<?> cols = (List<?>) o.get("columns");
			List<?> rows = (List<?>) o.get("rows");
			if (cols == null || rows == null) throw new IllegalArgumentException("table without columns or rows");
			Table t = new Table(cols.stream().map(Object::toString).toList());
			for (Object r : rows) t.addRow(((List<?>) r).toArray());
			return t;
		}

		static Object parse(String text) {
			Parser p = new Parser(text);
			Object v = p.value();
			p.skipSpace();
			if (p.pos != text.length()) throw p.error("trailing characters");
			return v;
		}

		private static final class Parser {
			final String s;
			int pos;

			Parser(String s) {
				this.s = s;
			}

			IllegalArgumentException error(String what) {
				return new IllegalArgumentException("JSON " + what + " at character " + pos);
			}

			void skipSpace() {
				while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
			}

			Object value() {
				skipSpace();
				if (pos >= s.length()) throw error("ends early");
				char c = s.charAt(pos);
				switch (c) {
					case '{' -> {
						pos++;
						Map<String, Object> m = new LinkedHashMap<>();
						skipSpace();
						if (peek('}')) return m;
						do {
							skipSpace();
							String k = str();
							skipSpace();
							expect(':');
							m.put(k, value());
							skipSpace();
						} while (accept(','));
						expect('}');
						return m;
					}
					case '[' -> {
						pos++;
						List<Object> l = new ArrayList<>();
						skipSpace();
						if (peek(']')) return l;
						do l.add(value());
						while (acceptAfterSpace(','));
						skipSpace();
						expect(']');
						return l;
					}
					case '"' -> {
						return str();
					}
					default -> {
						if (s.startsWith("null", pos)) { pos += 4; return null; }
						if (s.startsWith("true", pos)) { pos += 4; return Boolean.TRUE; }
						if (s.startsWith("false", pos)) { pos += 5; return Boolean.FALSE; }
						if (s.startsWith("NaN", pos)) { pos += 3; return Double.NaN; }
						if (s.startsWith("Infinity", pos)) { pos += 8; return Double.POSITIVE_INFINITY; }
						if (s.startsWith("-Infinity", pos)) { pos += 9; return Double.NEGATIVE_INFINITY; }
						return number();
					}
				}
			}

			private boolean peek(char c) {
				if (pos < s.length() && s.charAt(pos) == c) {
					pos++;
					return true;
				}
				return false;
			}

			private boolean accept(char c) {
				return peek(c);
			}

			private boolean acceptAfterSpace(char c) {
				skipSpace();
				return peek(c);
			}

			private void expect(char c) {
				if (!peek(c)) throw error("expected '" + c + "'");
			}

			private Object number() {
				int start = pos;
				boolean real = false;
				while (pos < s.length()) {
					char c = s.charAt(pos);
					if (c == '.' || c == 'e' || c == 'E') real = true;
					else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) break;
					pos++;
				}
				if (start == pos) throw error("unexpected character '" + s.charAt(pos) + "'");
				String t = s.substring(start, pos);
				return real ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
			}

			private String str() {
				expect('"');
				StringBuilder sb = new StringBuilder();
				while (true) {
					if (pos >= s.length()) throw error("unterminated string");
					char c = s.charAt(pos++);
					if (c == '"') return sb.toString();
					if (c != '\\') {
						sb.append(c);
						continue;
					}
					char e = s.charAt(pos++);
					switch (e) {
						case 'n' -> sb.append('\n');
						case 'r' -> sb.append('\r');
						case 't' -> sb.append('\t');
						case 'b' -> sb.append('\b');
						case 'f' -> sb.append('\f');
						case 'u' -> {
							sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
							pos += 4;
						}
						default -> sb.append(e);
					}
				}
			}
		}
	}
}
