package org.imapp.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.imapp.table.CsvTables;

/**
 * A generic multi-rater dataset described by a CSV manifest: one row per rater mask,
 * {@code image_id,rater,mask[,grouping columns…]}, mask paths relative to the manifest's folder
 * (absolute paths allowed). Columns after the three required ones are grouping factors (e.g. a
 * rater's experience, an image's site); tables are summarised by each of them.
 * <p>
 * Loading validates the whole file and fails with every problem, each naming the file and line:
 * missing columns, empty cells, a rater listed twice for one image, a mask file that does not
 * exist. A UTF-8 byte-order mark (as Excel writes) is accepted.
 */
public final class Manifest {

	public static final List<String> REQUIRED = List.of("image_id", "rater", "mask");

	/** One rater's mask of one image; {@code line} is its line in the manifest (header = 1). */
	public record Entry(int line, String imageId, String rater, Path mask, List<String> groups) {

		/** The mask as the manifest names it (for messages): its path relative to the manifest folder when inside it. */
		public String label(Manifest m) {
			return m.folder().relativize(mask).toString().replace('\\', '/');
		}
	}

	/** An image's raters, in manifest order. */
	public record Image(String id, List<Entry> raters) {}

	private final Path file;
	private final List<String> groupColumns;
	private final List<Image> images;

	private Manifest(Path file, List<String> groupColumns, List<Image> images) {
		this.file = file;
		this.groupColumns = groupColumns;
		this.images = images;
	}

	/**
	 * Reads and validates a manifest.
	 * @throws IllegalArgumentException listing every problem ({@code file: line N: ...}), at most 20 of them
	 * @throws IOException when the file cannot be read
	 */
	public static Manifest load(Path file) throws IOException {
		Path f = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(f)) throw new IllegalArgumentException("Manifest file not found: " + f);
		String text = CsvTables.readUtf8(f);
		if (text.startsWith("\uFEFF")) text = text.substring(1);
		Path folder = f.getParent();
		List<String> problems = new ArrayList<>();
		List<String> header = null;
		int[] required = new int[REQUIRED.size()];
		List<Integer> groupIdx = new ArrayList<>();
		List<String> groupNames = new ArrayList<>();
		Map<String, List<Entry>> byImage = new LinkedHashMap<>();
		Map<String, Integer> firstLine = new HashMap<>();
		CSVFormat fmt = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).build();
		try (CSVParser p = CSVParser.parse(new StringReader(text), fmt)) {
			for (CSVRecord r : p) {
				int line = (int) p.getCurrentLineNumber();
				List<String> cells = new ArrayList<>(r.size());
				r.forEach(c -> cells.add(c.strip()));
				if (header == null) {
					header = cells;
					List<String> missing = new ArrayList<>();
					for (int i = 0; i < REQUIRED.size(); i++) {
						required[i] = header.indexOf(REQUIRED.get(i));
						if (required[i] < 0) missing.add(REQUIRED.get(i));
					}
					if (!missing.isEmpty()) {
						throw new IllegalArgumentException(f + ": line 1: missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
							+ " (the header must name image_id,rater,mask[,grouping columns]; found: " + String.join(",", header) + ")");
					}
					for (int i = 0; i < header.size(); i++) {
						if (REQUIRED.contains(header.get(i))) continue;
						if (header.get(i).isEmpty()) throw new IllegalArgumentException(f + ": line 1: column " + (i + 1) + " has no name");
						groupIdx.add(i);
						groupNames.add(header.get(i));
					}
					continue;
				}
				if (cells.size() != header.size()) {
					problems.add(f + ": line " + line + ": expected " + header.size() + " fields, found " + cells.size());
					continue;
				}
				String id = cells.get(required[0]), rater = cells.get(required[1]), mask = cells.get(required[2]);
				if (id.isEmpty() || rater.isEmpty() || mask.isEmpty()) {
					problems.add(f + ": line " + line + ": empty " + (id.isEmpty() ? "image_id" : rater.isEmpty() ? "rater" : "mask"));
					continue;
				}
				Integer first = firstLine.putIfAbsent(id + "\u0000" + rater, line);
				if (first != null) {
					problems.add(f + ": line " + line + ": rater " + rater + " of image " + id + " listed twice (first on line " + first + ")");
					continue;
				}
				Path m = folder.resolve(mask).normalize();
				if (!Files.isRegularFile(m)) {
					problems.add(f + ": line " + line + ": mask file not found: " + mask + " (" + m + ")");
					continue;
				}
				List<String> groups = new ArrayList<>(groupIdx.size());
				for (int gi : groupIdx) groups.add(cells.get(gi));
				byImage.computeIfAbsent(id, k -> new ArrayList<>()).add(new Entry(line, id, rater, m, List.copyOf(groups)));
			}
		}
		catch (java.io.UncheckedIOException e) {
			throw new IllegalArgumentException(f + ": malformed CSV: " + e.getCause().getMessage(), e);
		}
		if (header == null) throw new IllegalArgumentException(f + ": empty file (expected the header image_id,rater,mask[,grouping columns])");
		if (!problems.isEmpty()) {
			int shown = Math.min(problems.size(), 20);
			throw new IllegalArgumentException(problems.size() + " problem" + (problems.size() > 1 ? "s" : "") + " in the manifest: "
				+ String.join("; ", problems.subList(0, shown)) + (shown < problems.size() ? "; ..." : ""));
		}
		if (byImage.isEmpty()) throw new IllegalArgumentException(f + ": no mask rows after the header");
		List<Image> images = new ArrayList<>();
		for (var e : byImage.entrySet()) images.add(new Image(e.getKey(), List.copyOf(e.getValue())));
		return new Manifest(f, List.copyOf(groupNames), List.copyOf(images));
	}

	/** The manifest file (absolute). */
	public Path file() {
		return file;
	}

	/** The folder mask paths are relative to. */
	public Path folder() {
		return file.getParent();
	}

	/** The grouping columns, in file order (may be empty). */
	public List<String> groupColumns() {
		return groupColumns;
	}

	/** Images in order of first appearance, each with its raters in file order. */
	public List<Image> images() {
		return images;
	}

	/** The image with this id, or null. */
	public Image image(String id) {
		for (Image i : images) if (i.id().equals(id)) return i;
		return null;
	}

	/** {@code file: line N (mask)}: where an entry is, for messages. */
	public String where(Entry e) {
		return file.getFileName() + ": line " + e.line() + " (" + e.label(this) + ")";
	}
}
