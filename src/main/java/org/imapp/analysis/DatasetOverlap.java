package org.imapp.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.imapp.data.SegRecord;

/**
 * How IMA++'s images overlap the other public skin-lesion datasets (published
 * {@code upset_plots/other_datasets_overlap}). Each other dataset is a folder of {@code *.txt}
 * files with one image id per line (the IMA++ repository's {@code data_files/}); IMA++ itself is
 * the set of ISIC ids of the seg metadata.
 */
public final class DatasetOverlap {

	/** The category name of IMA++ itself. */
	public static final String IMAPP = "IMA++";

	/** Folder name → category name, in the published order; other folders follow by name. */
	private static final Map<String, String> PUBLISHED = new LinkedHashMap<>();
	static {
		PUBLISHED.put("ISIC2016", "ISIC 2016");
		PUBLISHED.put("ISIC2017", "ISIC 2017");
		PUBLISHED.put("ISIC2018", "ISIC 2018");
		PUBLISHED.put("HAM10000", "HAM10000");
		PUBLISHED.put("ISIC2019_seg", "ISIC2019-Seg");
		PUBLISHED.put("PH2", "PH2");
		PUBLISHED.put("DermoFit", "DermoFit");
		PUBLISHED.put("SCD", "SCD");
	}

	private DatasetOverlap() {}

	public static SetIntersections compute(Collection<SegRecord> records, Path otherDatasets) throws IOException {
		Map<String, Set<String>> contents = readOtherDatasets(otherDatasets);
		Set<String> imapp = new LinkedHashSet<>();
		for (SegRecord r : records) if (!r.isConsensus()) imapp.add(r.isicId());
		contents.put(IMAPP, imapp);
		return SetIntersections.of(contents);
	}

	/**
	 * Reads every sub-folder of {@code dir} as one dataset: the union of the lines of its
	 * {@code *.txt} files (blank lines ignored).
	 * @throws IOException naming the folder when it is missing or holds no dataset
	 */
	public static Map<String, Set<String>> readOtherDatasets(Path dir) throws IOException {
		if (dir == null || !Files.isDirectory(dir)) throw new IOException("Folder of other datasets' id lists not found: " + dir);
		List<Path> folders = new ArrayList<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.filter(Files::isDirectory).sorted().forEach(folders::add);
		}
		List<Path> ordered = new ArrayList<>();
		for (String name : PUBLISHED.keySet()) for (Path f : folders) if (f.getFileName().toString().equals(name)) ordered.add(f);
		for (Path f : folders) if (!ordered.contains(f)) ordered.add(f);
		Map<String, Set<String>> out = new LinkedHashMap<>();
		for (Path f : ordered) {
			String folder = f.getFileName().toString();
			Set<String> ids = new LinkedHashSet<>();
			List<Path> lists = new ArrayList<>();
			try (Stream<Path> s = Files.list(f)) {
				s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().forEach(lists::add);
			}
			if (lists.isEmpty()) throw new IOException("No *.txt id list in " + f);
			for (Path txt : lists) {
				for (String line : Files.readAllLines(txt)) {
					String id = line.strip();
					if (!id.isEmpty()) ids.add(id);
				}
			}
			out.put(PUBLISHED.getOrDefault(folder, folder), ids);
		}
		if (out.isEmpty()) throw new IOException("No dataset folders in " + dir);
		return out;
	}
}
