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
import org.imapp.io.Json;
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
		o.put("inputs", r.inputs());
		Map<String, Object> parts = new LinkedHashMap<>();
		r.parts().forEach((k, t) -> parts.put(k, json(t)));
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
			for (var e : Json.object(o.get("parts"), "parts").entrySet()) parts.put(e.getKey(), table(e.getValue()));
			return new ImageResult((String) o.get("isic_id"), Math.toIntExact((Long) o.get("index")), String.valueOf(o.get("inputs")), parts);
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

	/** A table as {@link #write} stores it: {"columns": [...], "rows": [[...], ...]}. */
	private static Table table(Object v) {
		Map<String, Object> o = Json.object(v, "table");
		List<?> cols = (List<?>) o.get("columns");
		List<?> rows = (List<?>) o.get("rows");
		if (cols == null || rows == null) throw new IllegalArgumentException("table without columns or rows");
		Table t = new Table(cols.stream().map(Object::toString).toList());
		for (Object r : rows) t.addRow(((List<?>) r).toArray());
		return t;
	}

	private static Map<String, Object> json(Table t) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("columns", t.columns());
		List<Object> rows = new ArrayList<>(t.rowCount());
		for (Object[] r : t.rows()) rows.add(java.util.Arrays.asList(r));
		m.put("rows", rows);
		return m;
	}

	/** Removes every checkpoint file (a fresh run over old results); folders (staged outputs) are the output folder's. */
	public void clear() throws IOException {
		if (!Files.isDirectory(dir)) return;
		try (Stream<Path> s = Files.list(dir)) {
			for (Path p : (Iterable<Path>) s::iterator) if (!Files.isDirectory(p)) Files.deleteIfExists(p);
		}
	}

	/** The image ids with a checkpoint file. */
	public List<String> ids() throws IOException {
		return imageFiles().stream().map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.length() - SUFFIX.length())).toList();
	}

	public void delete(String isicId) throws IOException {
		Files.deleteIfExists(file(isicId));
	}
}
