package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.mask.MaskLimitsTest;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input as a user meets it: {@code ./imapp} in a JVM of {@code -Xmx512m} (as the
 * catalogue ran it with 1 GB), on a decompression-bomb PNG in {@code segs/} and in
 * {@code segs.zip}, and a zip bomb entry: each is a reported problem of that mask naming the file,
 * the rest of the dataset is done, and nothing dies of an OutOfMemoryError.
 */
class BadInputTest {

	private record Run(int status, String out) {}

	/** {@code ./imapp <args>} in a fresh JVM with a 512 MB heap. */
	private static Run imapp512(Path dir, String... args) throws Exception {
		String cp = TestImageJ.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", cp, Imapp.class.getName()));
		cmd.addAll(List.of(args));
		Path log = dir.resolve("imapp-" + System.nanoTime() + ".log");
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		int status = p.waitFor();
		return new Run(status, Files.readString(log));
	}

	@Test
	void bombsInSegsAndSegsZipAreReportedMasksNotCrashes(@TempDir Path dir) throws Exception {
		Path folderDs = TestImageJ.copyFixture(dir);
		SegRecord bomb, zipBomb;
		try (Dataset d = Dataset.load(DatasetPaths.of(folderDs))) {
			List<SegRecord> multi = d.multiAnnotatorRecords().stream().filter(r -> !r.isConsensus()).toList();
			bomb = multi.get(0);
			zipBomb = multi.get(multi.size() - 1);
		}
		// 40000×40000 declared (1.6 GB decoded, 3.2 GB with the inflate buffer), 300-odd bytes.
		byte[] pngBomb = MaskLimitsTest.pngBomb(40000, 40000, 3);
		assertTrue(pngBomb.length < 1000, "bomb of " + pngBomb.length + " bytes");
		Files.write(folderDs.resolve("segs").resolve(bomb.segFilename()), pngBomb);

		// The same dataset with its masks in segs.zip, the zip bomb an entry of 200 MB of zeros.
		Path zipDs = dir.resolve("zipped");
		Files.createDirectories(zipDs.resolve("metadata"));
		try (Stream<Path> s = Files.list(folderDs.resolve("metadata"))) {
			for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, zipDs.resolve("metadata").resolve(p.getFileName()));
		}
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipDs.resolve("segs.zip"))); Stream<Path> s = Files.list(folderDs.resolve("segs")).sorted()) {
			zip.setLevel(Deflater.BEST_SPEED);
			for (Path p : (Iterable<Path>) s::iterator) {
				zip.putNextEntry(new ZipEntry("segs/" + p.getFileName()));
				if (p.getFileName().toString().equals(zipBomb.segFilename())) {
					byte[] zeros = new byte[1 << 20];
					for (int i = 0; i < 200; i++) zip.write(zeros);
				}
				else {
					zip.write(Files.readAllBytes(p));
				}
				zip.closeEntry();
			}
		}
		assertTrue(Files.size(zipDs.resolve("segs.zip")) < 5_000_000, "zip of " + Files.size(zipDs.resolve("segs.zip")) + " bytes");

		Path out = dir.resolve("out");
		Path macro = dir.resolve("bad input.ijm");
		String ds1 = folderDs.toString(), ds2 = zipDs.toString();
		Files.writeString(macro, String.join("\n",
			"run(\"IMA++ Mask QA\", \"dataset=[" + ds1 + "] output=[" + out.resolve("qa") + "]\");",
			"run(\"IMA++ Run Pipeline\", \"dataset=[" + ds1 + "] output=[" + out.resolve("pipeline") + "] skip_figures\");",
			"run(\"IMA++ Verify Integrity\", \"dataset=[" + ds2 + "] output=[" + out.resolve("integrity") + "]\");",
			"run(\"IMA++ Run Pipeline\", \"dataset=[" + ds2 + "] output=[" + out.resolve("pipeline zip") + "] skip_figures\");", ""));
		Run r = imapp512(dir, "macro", macro.toString());
		assertFalse(r.out().contains("OutOfMemoryError"), r.out());
		assertEquals(0, r.status(), r.out());

		String limit = "40000×40000 pixels exceeds the limit of ";
		// Mask QA: the bomb is an unreadable mask (its message in the Log), the others are checked.
		Table qa = CsvTables.read(out.resolve("qa").resolve("IMAplusplus_seg_metadata_qa_results.csv"));
		assertTrue(qa.rows().stream().anyMatch(row -> row[1].equals(bomb.segFilename()) && row[2].equals("File not found or corrupted")), CsvTables.format(qa));
		assertTrue(r.out().contains(bomb.segFilename() + ": " + limit), r.out());
		// Run Pipeline: the problem names the file and the limit; every other image has its results.
		String problems = Files.readString(out.resolve("pipeline").resolve("pipeline_problems.csv"));
		assertTrue(problems.contains(bomb.segFilename() + ": " + limit), problems);
		assertTrue(Files.exists(out.resolve("pipeline").resolve("metrics").resolve("IMAplusplus_multiannotator_subset_IAA_metrics.csv")));
		// Verify Integrity over segs.zip: the zip bomb is unreadable, named; the PNG bomb is only bytes to it.
		Table md5 = CsvTables.read(out.resolve("integrity").resolve("IMAplusplus_integrity_mask_md5.csv"));
		assertTrue(md5.rows().stream().anyMatch(row -> row[1].equals(zipBomb.segFilename()) && row[4].equals("unreadable")), CsvTables.format(md5));
		// Run Pipeline over segs.zip: both bombs reported by name.
		String zipProblems = Files.readString(out.resolve("pipeline zip").resolve("pipeline_problems.csv"));
		assertTrue(zipProblems.contains("segs.zip!segs/" + bomb.segFilename() + ": " + limit), zipProblems);
		assertTrue(zipProblems.contains("segs.zip!segs/" + zipBomb.segFilename() + ": 209,715,200 bytes exceeds the limit of "), zipProblems);
	}

	@Test
	void aHeaderOnlyMetadataFileFailsAtOnceWithNoMasksInTheDataset(@TempDir Path dir) throws Exception {
		Path ds = TestImageJ.copyFixture(dir);
		Path meta = ds.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
		String header = Files.readAllLines(meta, StandardCharsets.UTF_8).get(0);
		Files.writeString(meta, header + "\n");
		Path out = dir.resolve("out");
		Run r = imapp512(dir, "run", "IMA++ Run Pipeline", "dataset=[" + ds + "] output=[" + out + "]");
		assertEquals(1, r.status(), r.out());
		assertTrue(r.out().contains("no masks in the dataset: " + meta.toAbsolutePath().normalize() + " (no data rows)"), r.out());
		assertFalse(r.out().contains("NaN"), r.out());
		// Refused before any step: nothing was written.
		if (Files.exists(out)) {
			try (Stream<Path> s = Files.list(out)) {
				assertEquals(List.of(), s.toList());
			}
		}
	}

}
