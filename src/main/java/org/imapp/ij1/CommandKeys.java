package org.imapp.ij1;

import java.io.File;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.plugin.frame.Recorder;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleException;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * The macro keys of one SciJava command: its {@code @Parameter} inputs other than services and
 * messages, by field name ({@code ImagePlus} inputs take the title of an open image, as in Fiji). Converts an ImageJ macro option string into the command's
 * input map (rejecting unknown keys and bad values with one line naming them) and input values
 * back into the string the Macro Recorder writes, so that a recorded
 * {@code run("IMA++ Xyz", "...")} replays to the same inputs.
 * <p>
 * Booleans follow ImageJ's checkbox convention: with options given, a missing boolean key is
 * false; a bare key or {@code key=true} is true. Other missing keys take the command's default.
 * Every IMA++ boolean key therefore defaults to false and names the departure from the safe
 * behaviour ({@code skip_extra_checks}, {@code hide_staple}), so leaving it out never turns a check off.
 */
public final class CommandKeys {

	/** The macro keys of IMA++ commands: snake_case field names. */
	public static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

	/** One macro key. */
	public record Key(String name, Class<?> type, List<String> choices, boolean required, String style, Object defaultValue,
		String description, boolean visible) {

		/** An image input: in macros the title of an open image, as Fiji writes it. */
		public boolean isImage() {
			return ImagePlus.class.isAssignableFrom(type);
		}

		public boolean isBoolean() {
			return type == boolean.class || type == Boolean.class;
		}

		public boolean isFile() {
			return type == File.class;
		}

		public boolean isNumber() {
			return type == int.class || type == Integer.class || type == long.class || type == Long.class
				|| type == double.class || type == Double.class || type == float.class || type == Float.class;
		}

		public boolean isInteger() {
			return type == int.class || type == Integer.class || type == long.class || type == Long.class;
		}

		/** A folder rather than a file (SciJava widget style "directory"). */
		public boolean isDirectory() {
			return style != null && style.contains("directory");
		}
	}

	/**
	 * Boolean keys renamed so that leaving them out (ImageJ: unchecked) gives the safe default:
	 * old name → new name and meaning, so an old macro gets told rather than a bare "unknown key".
	 */
	private static final Map<String, String> RENAMED = Map.of(
		"extra_checks", "skip_extra_checks (the extra checks run unless skip_extra_checks is given)",
		"stratify_by_malignancy", "ignore_malignancy (splits are balanced by malignancy unless ignore_malignancy is given)",
		"show_agreement_map", "hide_agreement_map (shown unless hide_agreement_map is given)",
		"show_staple", "hide_staple (shown unless hide_staple is given)",
		"show_majority_vote", "hide_majority_vote (shown unless hide_majority_vote is given)");

	private final CommandInfo info;
	private final String label;
	private final List<Key> keys = new ArrayList<>();
	private final List<String> imageInputs = new ArrayList<>();

	private CommandKeys(CommandInfo info) {
		this.info = info;
		this.label = labelOf(info);
		Module defaults;
		try {
			defaults = info.createModule();
		}
		catch (ModuleException e) {
			throw new IllegalStateException(label + ": cannot create the command: " + e.getMessage(), e);
		}
		for (ModuleItem<?> item : info.inputs()) {
			Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type)) continue;
			if (item.getVisibility() == ItemVisibility.MESSAGE) continue;
			if (ImagePlus.class.isAssignableFrom(type)) imageInputs.add(item.getName());
			else if (!supported(type)) throw new IllegalStateException(label + ": parameter " + item.getName() + " has a type macros cannot set: " + type.getName());
			List<String> choices = new ArrayList<>();
			if (item.getChoices() != null) for (Object c : item.getChoices()) choices.add(String.valueOf(c));
			keys.add(new Key(item.getName(), type, List.copyOf(choices), item.isRequired(), item.getWidgetStyle(),
				defaults.getInput(item.getName()), item.getDescription(), item.getVisibility() != ItemVisibility.INVISIBLE));
		}
	}

	public static CommandKeys of(CommandInfo info) {
		return new CommandKeys(info);
	}

	/** The menu leaf label ({@code IMA++ Xyz}), the name macros run the command by. */
	public static String labelOf(CommandInfo info) {
		if (info.getMenuPath() != null && info.getMenuPath().getLeaf() != null) return info.getMenuPath().getLeaf().getName();
		return info.getTitle();
	}

	private static boolean supported(Class<?> t) {
		return t == File.class || t == String.class || t == boolean.class || t == Boolean.class || t == int.class || t == Integer.class
			|| t == long.class || t == Long.class || t == double.class || t == Double.class || t == float.class || t == Float.class;
	}

	public CommandInfo info() {
		return info;
	}

	public String label() {
		return label;
	}

	public List<Key> keys() {
		return keys;
	}

	/**
	 * Names of the {@code ImagePlus} inputs (also keys: their macro value is an image title,
	 * which {@link LegacyCommand} resolves among the open images).
	 */
	public List<String> imageInputs() {
		return imageInputs;
	}

	public Key key(String name) {
		for (Key k : keys) if (k.name().equals(name)) return k;
		return null;
	}

	/** Every key's default value (the command's field initialisers). */
	public Map<String, Object> defaults() {
		Map<String, Object> m = new LinkedHashMap<>();
		for (Key k : keys) m.put(k.name(), k.defaultValue());
		return m;
	}

	/**
	 * The inputs a macro option string asks for; keys it does not name take their defaults
	 * (booleans: false).
	 * @throws IllegalArgumentException one line naming the unknown key, the bad value or the missing required key
	 */
	public Map<String, Object> fromOptions(String options) {
		Map<String, String> given = MacroOptions.parse(options);
		for (String name : given.keySet()) {
			if (key(name) == null) {
				String renamed = RENAMED.get(name);
				if (renamed != null && key(renamed.split(" ")[0]) != null) {
					throw new IllegalArgumentException(label + ": key '" + name + "' is now " + renamed);
				}
				List<String> names = keys.stream().map(Key::name).toList();
				throw new IllegalArgumentException(label + ": unknown key '" + name + "' (keys: " + String.join(", ", names) + ")");
			}
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (Key k : keys) {
			if (given.containsKey(k.name())) {
				String text = given.get(k.name());
				values.put(k.name(), text == null && k.isBoolean() ? Boolean.TRUE : convert(k, text == null ? "" : text));
			}
			else values.put(k.name(), k.isBoolean() ? Boolean.FALSE : k.defaultValue());
		}
		checkRequired(values);
		return values;
	}

	/** @throws IllegalArgumentException naming the first required key without a value */
	public void checkRequired(Map<String, Object> values) {
		for (Key k : keys) {
			Object v = values.get(k.name());
			// An unnamed image may still be the active image: LegacyCommand checks images when it resolves them.
			if (k.required() && !k.isBoolean() && !k.isImage() && v == null) {
				throw new IllegalArgumentException(label + ": missing " + k.name() + "= (required)");
			}
		}
	}

	/** Converts a macro value to the key's type. */
	public Object convert(Key k, String text) {
		String t = text.trim();
		try {
			if (k.isFile()) return t.isEmpty() ? null : new File(t);
			if (k.isImage()) return t.isEmpty() ? null : t;
			if (k.isBoolean()) {
				if (t.equalsIgnoreCase("true") || t.isEmpty()) return Boolean.TRUE;
				if (t.equalsIgnoreCase("false")) return Boolean.FALSE;
				throw new IllegalArgumentException(label + ": " + k.name() + "=" + text + " is not true or false");
			}
			if (k.type() == int.class || k.type() == Integer.class) return Math.toIntExact(wholeNumber(t));
			if (k.type() == long.class || k.type() == Long.class) return wholeNumber(t);
			if (k.type() == double.class || k.type() == Double.class) return Double.parseDouble(t);
			if (k.type() == float.class || k.type() == Float.class) return Float.parseFloat(t);
		}
		catch (NumberFormatException | ArithmeticException e) {
			throw new IllegalArgumentException(label + ": " + k.name() + "=" + text + " is not " + (k.isInteger() ? "a whole number" : "a number"));
		}
		if (!k.choices().isEmpty()) {
			for (String c : k.choices()) if (c.equalsIgnoreCase(t)) return c;
			throw new IllegalArgumentException(label + ": " + k.name() + "=" + text + " is not one of: " + String.join(" | ", k.choices()));
		}
		return text;
	}

	private static long wholeNumber(String t) {
		double d = Double.parseDouble(t);
		if (d != Math.rint(d) || Double.isInfinite(d)) throw new NumberFormatException(t);
		return (long) d;
	}

	/** A value as the Recorder writes it (before bracket quoting); null for a false boolean (not written). */
	public static String text(Key k, Object value) {
		if (value == null) return "";
		if (k.isBoolean()) return Boolean.TRUE.equals(value) ? "true" : null;
		if (value instanceof File f) return f.getPath();
		if (value instanceof ImagePlus imp) return imp.getTitle();
		if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
			return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
		}
		return value.toString();
	}

	/** The option string the Recorder writes for these inputs (keys in parameter order). */
	public String toOptions(Map<String, Object> values) {
		Map<String, String> m = new LinkedHashMap<>();
		for (Key k : keys) {
			String t = text(k, values.get(k.name()));
			if (t != null) m.put(k.name(), t);
		}
		return MacroOptions.format(m);
	}

	/** Hands the inputs to ImageJ's Macro Recorder, which then writes {@code run("label", "options")}. */
	public void record(Map<String, Object> values) {
		for (Key k : keys) {
			String t = text(k, values.get(k.name()));
			if (t != null) Recorder.recordOption(k.name(), t);
		}
	}
}
