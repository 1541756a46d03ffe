package org.imapp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.table.Table;

/**
 * What every benchmark's JSON records about the run besides its figures: date, commit, machine
 * and load average (on a shared machine the load says how far to trust a figure).
 */
final class RunInfo {

	private RunInfo() {}

	/** Date, commit and machine (cores, heap, Java, OS, load average before and now). */
	static Map<String, Object> header(String loadBefore) {
		Map<String, Object> j = new LinkedHashMap<>();
		j.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		j.put("commit", commit());
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cores", (long) Runtime.getRuntime().availableProcessors());
		machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		machine.put("load_average_before", loadBefore);
		machine.put("load_average_after", loadAverage());
		j.put("machine", machine);
		return j;
	}

	/** A table's rows as JSON objects (column → value). */
	static List<Object> rows(Table t) {
		List<Object> out = new ArrayList<>(t.rowCount());
		for (int r = 0; r < t.rowCount(); r++) {
			Map<String, Object> m = new LinkedHashMap<>();
			for (int c = 0; c < t.columnCount(); c++) m.put(t.columns().get(c), t.get(r, c));
			out.add(m);
		}
		return out;
	}

	/** 1-, 5- and 15-minute load averages (Linux), or "". */
	static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return f[0] + " " + f[1] + " " + f[2];
		}
		catch (IOException | RuntimeException e) {
			return "";
		}
	}

	/** The checked-out commit (short hash), or "unknown". */
	static String commit() {
		try {
			Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
			String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return p.waitFor() == 0 ? s : "unknown";
		}
		catch (IOException | InterruptedException e) {
			return "unknown";
		}
	}
}
