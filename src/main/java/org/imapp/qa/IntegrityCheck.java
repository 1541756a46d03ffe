package org.imapp.qa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import org.imapp.io.Md5;
import org.imapp.data.Dataset;
import org.imapp.data.ImageMetadata;
import org.imapp.data.MaskStore;
import org.imapp.data.SegRecord;
import org.imapp.mask.MaskReadException;
import org.imapp.progress.ParallelMap;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Checks that a dataset's files are the ones its metadata describes: the MD5 of every mask file
 * against {@code mask_md5}; masks with identical content (same file MD5) within an image and
 * across images; files referenced by the metadata but absent and files present but not
 * referenced (masks, and lesion images when there is an image folder); lesion images with
 * identical content under different names.
 * <p>
 * Identical masks are looked for among annotator masks only: a consensus mask equal to one of
 * its raters' masks is expected (majority vote of two raters is their union, STAPLE often
 * reproduces one rater), so it is not reported. Referenced images are the {@code img_filename}s
 * of the seg metadata and {@code <isic_id>.JPG} of the image metadata. Hidden files (names
 * starting with a dot) are not dataset files and are left out of the listings.
 */
public final class IntegrityCheck {

	public static final String MD5_CSV = "IMAplusplus_integrity_mask_md5.csv";
	public static final String DUPLICATE_MASKS_CSV = "IMAplusplus_integrity_duplicate_masks.csv";
	public static final String FILES_CSV = "IMAplusplus_integrity_files.csv";
	public static final String DUPLICATE_IMAGES_CSV = "IMAplusplus_integrity_duplicate_images.csv";
	public static final String SUMMARY_CSV = "IMAplusplus_integrity_summary.csv";

	/** Status of a mask in the MD5 table. */
	public static final String OK = "ok";
	public static final String MISMATCH = "MD5 mismatch";
	public static final String MISSING = "missing";
	public static final String UNREADABLE = "unreadable";

	/** Status of a file in the files table. */
	public static final String ABSENT = "referenced but absent";
	public static final String UNREFERENCED = "present but not referenced";

	/** Scope of a group of identical masks. */
	public static final String SAME_IMAGE = "same image";
	public static final String ACROSS_IMAGES = "across images";
	public static final String BOTH = "same image and across images";

	/** The five tables; {@link #write} saves them as CSV. */
	public record Result(Table maskMd5, Table duplicateMasks, Table files, Table duplicateImages, Table summary) {

		/** Writes every table into {@code folder} (each file atomically); returns the files. */
		public List<Path> write(Path folder) throws IOException {
			List<Path> out = new ArrayList<>();
			String[] names = { MD5_CSV, DUPLICATE_MASKS_CSV, FILES_CSV, DUPLICATE_IMAGES_CSV, SUMMARY_CSV };
			Table[] tables = { maskMd5, duplicateMasks, files, duplicateImages, summary };
			for (int i = 0; i < names.length; i++) {
				Path p = folder.resolve(names[i]);
				CsvTables.write(tables[i], p);
				out.add(p);
			}
			return out;
		}

		/** A summary count by its check name, or null when it does not apply. */
		public Long count(String check) {
			for (Object[] r : summary.rows()) if (r[0].equals(check)) return (Long) r[1];
			throw new IllegalArgumentException("No such check in the summary: " + check);
		}
	}

	private IntegrityCheck() {}

	public static Result run(Dataset dataset, int threads, ProgressMonitor monitor) throws IOException {
		return ParallelMap.withPool(threads, ex -> run(dataset, ex, monitor));
	}

	/**
	 * Hashes every mask (and lesion image) file on {@code executor}.
	 * @throws IOException when a folder cannot be listed
	 * @throws org.imapp.progress.CanceledException when the monitor cancels
	 */
	public static Result run(Dataset dataset, ExecutorService executor, ProgressMonitor monitor) throws IOException {
		List<SegRecord> records = dataset.records();
		MaskStore store = dataset.masks();

		List<String[]> hashed = ParallelMap.map(records, r -> hashMask(store, r), executor, monitor, "Hashing masks");
		Table md5 = new Table("image", "mask", "mask_md5", "file_md5", "status");
		List<String> fileMd5 = new ArrayList<>(records.size());
		Map<String, Long> statusCounts = new LinkedHashMap<>();
		for (String s : new String[] { OK, MISMATCH, MISSING, UNREADABLE }) statusCounts.put(s, 0L);
		for (int i = 0; i < records.size(); i++) {
			SegRecord r = records.get(i);
			String[] h = hashed.get(i);
			md5.addRow(r.imgFilename(), r.segFilename(), r.maskMd5(), h[0], h[1]);
			fileMd5.add(h[0]);
			statusCounts.merge(h[1], 1L, Long::sum);
		}
		Table duplicates = duplicateMasks(records, fileMd5);

		Table files = new Table("kind", "file", "status");
		Set<String> referencedMasks = new HashSet<>();
		for (SegRecord r : records) referencedMasks.add(r.segFilename());
		for (SegRecord r : records) if (!store.exists(r.segFilename())) files.addRow("mask", r.segFilename(), ABSENT);
		long unreferencedMasks = 0;
		for (String name : store.names()) {
			if (!name.startsWith(".") && !referencedMasks.contains(name)) {
				files.addRow("mask", name, UNREFERENCED);
				unreferencedMasks++;
			}
		}

		Path imageDir = dataset.paths().images();
		Table duplicateImages = new Table("md5", "image", "copies");
		Long imagesReferenced = null, imagesAbsent = null, imagesUnreferenced = null, imageGroups = null;
		if (imageDir != null) {
			Set<String> referenced = referencedImages(records, dataset.imageMetadata());
			Set<String> used = new HashSet<>();
			long absent = 0;
			for (String name : referenced) {
				Path p = dataset.paths().image(name);
				if (p == null) {
					files.addRow("image", name, ABSENT);
					absent++;
				}
				else {
					used.add(p.getFileName().toString());
				}
			}
			List<Path> present = listFiles(imageDir);
			long unreferenced = 0;
			for (Path p : present) {
				if (!used.contains(p.getFileName().toString())) {
					files.addRow("image", p.getFileName().toString(), UNREFERENCED);
					unreferenced++;
				}
			}
			List<String> imageMd5 = ParallelMap.map(present, Md5::of, executor, monitor, "Hashing lesion images");
			imageGroups = addGroups(duplicateImages, present, imageMd5);
			imagesReferenced = (long) referenced.size();
			imagesAbsent = absent;
			imagesUnreferenced = unreferenced;
		}

		Table summary = new Table("check", "count");
		summary.addRow("masks in metadata", (long) records.size());
		summary.addRow("mask MD5 matches mask_md5", statusCounts.get(OK));
		summary.addRow("mask MD5 differs from mask_md5", statusCounts.get(MISMATCH));
		summary.addRow("mask files referenced but absent", statusCounts.get(MISSING));
		summary.addRow("mask files unreadable", statusCounts.get(UNREADABLE));
		summary.addRow("mask files present but not referenced", unreferencedMasks);
		summary.addRow("identical-mask groups within an image", countGroups(duplicates, SAME_IMAGE, BOTH));
		summary.addRow("identical-mask groups across images", countGroups(duplicates, ACROSS_IMAGES, BOTH));
		summary.addRow("masks in identical-mask groups", (long) duplicates.rowCount());
		summary.addRow("images referenced", imagesReferenced);
		summary.addRow("image files referenced but absent", imagesAbsent);
		summary.addRow("image files present but not referenced", imagesUnreferenced);
		summary.addRow("identical-image groups", imageGroups);
		return new Result(md5, duplicates, files, duplicateImages, summary);
	}

	/** {file_md5 or "", status} of one mask. */
	private static String[] hashMask(MaskStore store, SegRecord r) {
		if (!store.exists(r.segFilename())) return new String[] { "", MISSING };
		try {
			String h = Md5.of(store.readBytes(r.segFilename()));
			return new String[] { h, h.equals(r.maskMd5()) ? OK : MISMATCH };
		}
		catch (MaskReadException e) {
			return new String[] { "", UNREADABLE };
		}
	}

	/**
	 * Groups of annotator masks with the same MD5 (consensus rows are left out), one row per mask,
	 * groups in order of their first mask, masks in metadata order.
	 * @param md5 the MD5 of each record (same order; null or empty: unknown, left out) — file
	 *        MD5s for a check of the files, or {@code mask_md5} for a check of the metadata alone
	 */
	public static Table duplicateMasks(List<SegRecord> records, List<String> md5) {
		Map<String, List<SegRecord>> groups = new LinkedHashMap<>();
		for (int i = 0; i < records.size(); i++) {
			SegRecord r = records.get(i);
			String h = md5.get(i);
			if (r.isConsensus() || h == null || h.isEmpty()) continue;
			groups.computeIfAbsent(h, k -> new ArrayList<>()).add(r);
		}
		Table t = new Table("md5", "image", "mask", "annotator", "copies", "images", "scope");
		for (var e : groups.entrySet()) {
			List<SegRecord> g = e.getValue();
			if (g.size() < 2) continue;
			Map<String, Integer> perImage = new LinkedHashMap<>();
			for (SegRecord r : g) perImage.merge(r.imgFilename(), 1, Integer::sum);
			boolean within = perImage.values().stream().anyMatch(n -> n > 1);
			boolean across = perImage.size() > 1;
			String scope = within && across ? BOTH : within ? SAME_IMAGE : ACROSS_IMAGES;
			for (SegRecord r : g) t.addRow(e.getKey(), r.imgFilename(), r.segFilename(), r.annotator(), (long) g.size(), (long) perImage.size(), scope);
		}
		return t;
	}

	private static long countGroups(Table duplicates, String... scopes) {
		Set<String> groups = new HashSet<>();
		for (Object[] r : duplicates.rows()) {
			for (String s : scopes) if (s.equals(r[6])) groups.add((String) r[0]);
		}
		return groups.size();
	}

	/** Adds rows for files sharing an MD5; returns the number of groups. */
	private static long addGroups(Table t, List<Path> files, List<String> md5) {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) groups.computeIfAbsent(md5.get(i), k -> new ArrayList<>()).add(files.get(i).getFileName().toString());
		long n = 0;
		for (var e : groups.entrySet()) {
			if (e.getValue().size() < 2) continue;
			n++;
			for (String f : e.getValue()) t.addRow(e.getKey(), f, (long) e.getValue().size());
		}
		return n;
	}

	private static Set<String> referencedImages(List<SegRecord> records, ImageMetadata img) {
		Set<String> out = new LinkedHashSet<>();
		for (SegRecord r : records) out.add(r.imgFilename());
		if (img != null) for (String id : img.ids()) out.add(id + ".JPG");
		return out;
	}

	/** Regular, non-hidden files of a folder, sorted by name. */
	private static List<Path> listFiles(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			TreeSet<Path> out = new TreeSet<>();
			s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(out::add);
			return new ArrayList<>(out);
		}
		catch (IOException e) {
			throw new IOException("Cannot list image folder " + dir + ": " + e.getMessage(), e);
		}
	}
}
