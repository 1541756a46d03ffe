package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import ij.Macro;
import ij.plugin.frame.Recorder;

import org.junit.jupiter.api.Test;

class MacroOptionsTest {

	@Test
	void parsesBracketsBareKeysAndPlainValues() {
		Map<String, String> m = MacroOptions.parse("dataset=[/my data/imapp] output=/out show_staple threshold=0.5 empty= ");
		assertEquals("/my data/imapp", m.get("dataset"));
		assertEquals("/out", m.get("output"));
		assertTrue(m.containsKey("show_staple"));
		assertEquals(null, m.get("show_staple"));
		assertEquals("0.5", m.get("threshold"));
		assertEquals("", m.get("empty"));
		assertEquals(5, m.size());
		assertEquals(0, MacroOptions.parse(null).size());
		assertEquals(0, MacroOptions.parse("   ").size());
	}

	@Test
	void rejectsUnclosedBracketsDuplicatesAndMissingKeys() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("dataset=[/a b")).getMessage().contains("dataset="));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("a=1 a=2")).getMessage().contains("key a given twice"));
		assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("=3"));
	}

	/**
	 * ImageJ's rule: a [...] value ends at its first ']', so a path holding ']' cannot be passed
	 * (Macro.getValue cuts it there); it is refused with a message naming the cause, never read as a
	 * shorter, wrong path. '[', '=' and spaces inside brackets are fine.
	 */
	@Test
	void closingBracketInAPathIsAClearErrorNotAWrongPath() {
		assertEquals("/data/a", Macro.getValue("dataset=[/data/a]b] output=/o", "dataset", null));
		for (String options : new String[] { "dataset=[/data/a]b] output=/o", "dataset=[/data/a] b] output=/o", "dataset=[/data/x]]" }) {
			String message = assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse(options)).getMessage();
			assertTrue(message.contains("cannot contain ']'"), message);
		}
		assertEquals("/data/[x y=1", MacroOptions.parse("dataset=[/data/[x y=1]").get("dataset"));
	}

	/** Written as ImageJ's Recorder writes it, read as ImageJ's Macro.getValue (Fiji) reads it. */
	@Test
	void formatMatchesTheRecorderAndReadsBackLikeMacroGetValue() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("dataset", "/data/my imapp");
		values.put("output", "/results");
		values.put("isic_id", "ISIC_0015171");
		values.put("empty", "");
		Recorder.resetCommandOptions();
		for (var e : values.entrySet()) Recorder.recordOption(e.getKey(), e.getValue());
		String recorded = Recorder.getCommandOptions();
		Recorder.resetCommandOptions();
		assertEquals(recorded, MacroOptions.format(values));
		assertEquals(values, MacroOptions.parse(recorded));
		for (var e : values.entrySet()) {
			if (!e.getValue().isEmpty()) assertEquals(e.getValue(), Macro.getValue(recorded + " ", e.getKey(), null));
		}
	}

	/** Why keys must not end in "_" + another key: ImageJ reads output= inside image_output=; the bridge does not. */
	@Test
	void keysMatchWholeWordsUnlikeMacroGetValue() {
		String options = "image_output=[/a b] output=/c";
		assertEquals("/a b", Macro.getValue(options + " ", "output", null));
		assertEquals("/c", MacroOptions.parse(options).get("output"));
	}
}
