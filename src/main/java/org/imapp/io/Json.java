package org.imapp.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader and writer for the suite's own files (pipeline checkpoints, benchmark
 * results): objects, arrays, strings, numbers, booleans and null. Doubles are written with Java's
 * round-trip decimal form (always with '.' or 'E', so they read back as doubles, bit for bit),
 * integers as integers, and NaN and ±Infinity as bare tokens, as Python's {@code json} does.
 */
public final class Json {

	private Json() {}

	/** The value as JSON text with a final newline. */
	public static String write(Object v) {
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
		else throw new IllegalArgumentException("Cannot write " + v.getClass().getName() + " as JSON");
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
	/** {@code v} as a JSON object; the exception says {@code what} was expected. */
	public static Map<String, Object> object(Object v, String what) {
		if (!(v instanceof Map)) throw new IllegalArgumentException(what + " is not a JSON object");
		return (Map<String, Object>) v;
	}

	/** Parses JSON text: maps (insertion-ordered), lists, strings, Long or Double numbers, booleans, null. */
	public static Object parse(String text) {
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
