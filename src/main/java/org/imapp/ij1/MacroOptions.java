package org.imapp.ij1;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ImageJ macro option strings ({@code dataset=[/my data] output=/out show_staple}) read into an
 * ordered key → value map and written back the way the Macro Recorder writes them. A bare key
 * (a checkbox the recorder wrote as just its name) maps to {@code null}.
 * <p>
 * Values are cut as {@link ij.Macro#getValue} cuts them (a {@code [} runs to the first {@code ]},
 * anything else to the next space), so a string read here gives the same values Fiji's
 * macro preprocessor reads; unlike {@code Macro.getValue} keys match whole words only, so
 * {@code output=} never matches inside {@code image_output=}.
 */
public final class MacroOptions {

	private MacroOptions() {}

	/**
	 * Parses an option string.
	 * @throws IllegalArgumentException naming the problem (unclosed bracket, key given twice, empty key)
	 */
	public static Map<String, String> parse(String options) {
		Map<String, String> out = new LinkedHashMap<>();
		if (options == null) return out;
		int n = options.length();
		int i = 0;
		while (i < n) {
			while (i < n && Character.isWhitespace(options.charAt(i))) i++;
			if (i >= n) break;
			int keyStart = i;
			while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
			String key = options.substring(keyStart, i);
			if (key.isEmpty()) throw new IllegalArgumentException("Macro options: '=' without a key at position " + keyStart + " in: " + options.trim());
			if (key.indexOf(']') >= 0) {
				throw new IllegalArgumentException("Macro options: '" + key + "' is not a key: a [...] value cannot contain ']' (ImageJ ends it at its first ']'); "
					+ "rename the file or folder, or use a link whose path has no ']'");
			}
			String value = null;
			if (i < n && options.charAt(i) == '=') {
				i++;
				if (i < n && options.charAt(i) == '[') {
					int close = options.indexOf(']', i + 1);
					if (close < 0) throw new IllegalArgumentException("Macro options: '[' without ']' in the value of " + key + "=");
					value = options.substring(i + 1, close);
					i = close + 1;
					// ImageJ ends a [...] value at its first ']': text glued to it means the value held one.
					if (i < n && !Character.isWhitespace(options.charAt(i))) {
						int end = i;
						while (end < n && !Character.isWhitespace(options.charAt(end))) end++;
						throw new IllegalArgumentException("Macro options: the value of " + key + "= cannot contain ']' (ImageJ ends a [...] value at its first ']': ["
							+ value + "] then '" + options.substring(i, end) + "'); rename the file or folder, or use a link whose path has no ']'");
					}
				}
				else {
					int start = i;
					while (i < n && !Character.isWhitespace(options.charAt(i))) i++;
					value = options.substring(start, i);
				}
			}
			if (out.containsKey(key)) throw new IllegalArgumentException("Macro options: key " + key + " given twice");
			out.put(key, value);
		}
		return out;
	}

	/** One recorded {@code key=value}, bracketed when the value has a space (as the Recorder does). */
	public static String option(String key, String value) {
		return key + "=" + quote(value);
	}

	/** The Recorder's quoting: {@code [...]} around values with a space; an empty value stays empty. */
	public static String quote(String value) {
		if (value == null) return "";
		return value.indexOf(' ') >= 0 ? "[" + value + "]" : value;
	}

	/** Options as one string, in map order; null values become bare keys. */
	public static String format(Map<String, String> options) {
		StringBuilder sb = new StringBuilder();
		for (var e : options.entrySet()) {
			if (sb.length() > 0) sb.append(' ');
			sb.append(e.getValue() == null ? e.getKey() : option(e.getKey(), e.getValue()));
		}
		return sb.toString();
	}
}
