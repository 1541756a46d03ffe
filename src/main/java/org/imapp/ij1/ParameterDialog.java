package org.imapp.ij1;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.TextField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;

import ij.gui.GenericDialog;

/**
 * The ImageJ 1.x dialog of a command: one field per macro key, labelled with the key itself so
 * that what the user sees is what a macro writes. Values are read from the components (not via
 * {@code getNext...}) so that recording is done once, in {@link CommandKeys#record}, in the same
 * format the bridge parses.
 */
public final class ParameterDialog {

	private final CommandKeys keys;
	private final GenericDialog gd;
	private final List<CommandKeys.Key> shown;

	/** Builds (does not show) the dialog with {@code initial} values. */
	public ParameterDialog(CommandKeys keys, Map<String, Object> initial) {
		this.keys = keys;
		this.gd = new GenericDialog(keys.label());
		this.shown = keys.keys().stream().filter(CommandKeys.Key::visible).toList();
		int imageIndex = 0; // several image keys preselect different open images
		for (CommandKeys.Key k : shown) {
			Object v = initial.get(k.name());
			String text = CommandKeys.text(k, v);
			if (k.isImage()) {
				String[] titles = ij.WindowManager.getImageTitles();
				if (titles.length == 0) throw new IllegalArgumentException(keys.label() + ": no image open (" + k.name() + ")");
				gd.addChoice(k.name(), titles, text != null && java.util.Arrays.asList(titles).contains(text) ? text : titles[Math.min(imageIndex++, titles.length - 1)]);
			}
			else if (k.isBoolean()) gd.addCheckbox(k.name(), Boolean.TRUE.equals(v));
			else if (!k.choices().isEmpty()) gd.addChoice(k.name(), k.choices().toArray(new String[0]), text == null || text.isEmpty() ? k.choices().get(0) : text);
			else if (k.isFile() && k.isDirectory()) gd.addDirectoryField(k.name(), text == null ? "" : text, 40);
			else if (k.isFile()) gd.addFileField(k.name(), text == null ? "" : text, 40);
			else if (k.isNumber()) gd.addStringField(k.name(), text == null ? "" : text, 10);
			else gd.addStringField(k.name(), text == null ? "" : text, 30);
		}
	}

	public GenericDialog dialog() {
		return gd;
	}

	/** Shows the dialog modally; the values the user accepted, or null when canceled. */
	public Map<String, Object> showDialog() {
		gd.showDialog();
		// Not wasCanceled(): on a macro thread it throws "Macro canceled" itself, which ImageJ's
		// Executer swallows, so the caller could not abort the macro (LegacyCommand does).
		if (!gd.wasOKed()) return null;
		return values();
	}

	/**
	 * The values now in the dialog's components, converted as macro values are.
	 * @throws IllegalArgumentException naming a field with a bad value
	 */
	public Map<String, Object> values() {
		@SuppressWarnings("unchecked")
		Vector<TextField> strings = gd.getStringFields();
		@SuppressWarnings("unchecked")
		Vector<Checkbox> boxes = gd.getCheckboxes();
		@SuppressWarnings("unchecked")
		Vector<Choice> choices = gd.getChoices();
		int s = 0, b = 0, c = 0;
		Map<String, Object> out = new LinkedHashMap<>(keys.defaults());
		for (CommandKeys.Key k : shown) {
			if (k.isBoolean()) out.put(k.name(), boxes.get(b++).getState());
			else if (k.isImage() || !k.choices().isEmpty()) out.put(k.name(), choices.get(c++).getSelectedItem());
			else out.put(k.name(), keys.convert(k, strings.get(s++).getText()));
		}
		keys.checkRequired(out);
		return out;
	}
}
