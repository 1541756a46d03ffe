package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.imapp.mask.MaskLimitsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's JIT choice from the dataset a command names, on real and header-only masks. */
class JitChoiceTest {

	@Test
	void fixtureIsSmallAndItsPixelsAreTheSumOfItsMaskHeaders(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		long expected = 0;
		try (var files = Files.newDirectoryStream(data.resolve("segs"), "*.png")) {
			for (Path f : files) {
				java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(f.toFile());
				expected += (long) img.getWidth() * img.getHeight();
			}
		}
		assertTrue(expected > 0);
		assertEquals(expected, JitChoice.maskPixels(data.toFile(), null, Long.MAX_VALUE));
		assertFalse(JitChoice.isLarge("dataset=[" + data + "] output=[" + tmp.resolve("out") + "]"));
	}

	@Test
	void masksOverTheLimitInSegsOrSegsZipOrAManifestAreLarge(@TempDir Path tmp) throws Exception {
		// 70000 × 70000 declared in a few hundred bytes: only the header counts.
		byte[] big = MaskLimitsTest.pngBomb(70000, 70000, 3);
		Path folder = withMetadata(tmp.resolve("folder data"));
		Files.createDirectories(folder.resolve("segs"));
		Files.write(folder.resolve("segs/ISIC_0000001_A01_T1_S1_x.png"), big);
		assertEquals(4_900_000_000L, JitChoice.maskPixels(folder.toFile(), null, Long.MAX_VALUE));
		assertTrue(JitChoice.isLarge("dataset=[" + folder + "] output=[/tmp/x]"));
		// The masks where masks= says, as the commands find them.
		Path metadataOnly = withMetadata(tmp.resolve("metadata only"));
		assertFalse(JitChoice.isLarge("dataset=[" + metadataOnly + "]"));
		assertTrue(JitChoice.isLarge("dataset=[" + metadataOnly + "] masks=[" + folder.resolve("segs") + "]"));

		Path zipped = withMetadata(tmp.resolve("zipped"));
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipped.resolve("segs.zip")))) {
			zip.putNextEntry(new ZipEntry("ISIC_0000001_A01_T1_S1_x.png"));
			zip.write(big);
			zip.closeEntry();
		}
		assertTrue(JitChoice.isLarge("threads=2 dataset=" + zipped));

		assertTrue(JitChoice.isLarge("manifest=[" + tmp.resolve("m.csv") + "] output=[/tmp/x]"));
		assertFalse(JitChoice.isLarge("pairwise=[/tmp/metrics.csv] output=[/tmp/x]"));
		assertFalse(JitChoice.isLarge("dataset=[" + tmp.resolve("missing") + "]"));
	}

	/** {@code folder} with the small fixture's metadata, the part of a dataset the commands need first. */
	private static Path withMetadata(Path folder) throws Exception {
		Files.createDirectories(folder.resolve("metadata"));
		try (var s = Files.list(org.imapp.Fixtures.SMALL.resolve("metadata"))) {
			for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, folder.resolve("metadata").resolve(p.getFileName()));
		}
		return folder;
	}

	@Test
	void onlyAQuickJvmEverAsksForTheFullJitAndABenchmarkAlwaysGetsIt() {
		String saved = System.getProperty(JitChoice.PROPERTY);
		try {
			System.clearProperty(JitChoice.PROPERTY);
			assertFalse(JitChoice.needsFullJit(java.util.List.of("run", "IMA++ Mask QA", "manifest=[/tmp/m.csv]")));
			assertFalse(JitChoice.needsFullJit(java.util.List.of("run", "IMA++ Benchmark", "fraction=0.01")));
			System.setProperty(JitChoice.PROPERTY, "quick");
			assertTrue(JitChoice.needsFullJit(java.util.List.of("run", "IMA++ Mask QA", "manifest=[/tmp/m.csv]")));
			assertTrue(JitChoice.needsFullJit(java.util.List.of("run", "IMA++ Benchmark", "fraction=0.01")));
			assertFalse(JitChoice.needsFullJit(java.util.List.of("run", "IMA++ Summarize Metrics", "pairwise=[/tmp/p.csv]")));
			assertFalse(JitChoice.needsFullJit(java.util.List.of("sample")));
		}
		finally {
			if (saved == null) System.clearProperty(JitChoice.PROPERTY);
			else System.setProperty(JitChoice.PROPERTY, saved);
		}
	}

	@Test
	void aLargeRunStartsWithAGigabyteOfHeapUnlessTheUserChoseOneOrTheMaximumIsSmall() {
		long gb = 1L << 30;
		assertEquals("-Xms1024m", JitChoice.largeRunInitialHeap(java.util.List.of("-Xmx4g", "-Dimapp.jit=quick"), 4 * gb));
		assertEquals("-Xms512m", JitChoice.largeRunInitialHeap(java.util.List.of("-Xmx1g"), gb));
		assertEquals(null, JitChoice.largeRunInitialHeap(java.util.List.of("-Xms3g", "-Xmx4g"), 4 * gb));
		assertEquals(null, JitChoice.largeRunInitialHeap(java.util.List.of("-XX:InitialHeapSize=100m"), 4 * gb));
		assertEquals(null, JitChoice.largeRunInitialHeap(java.util.List.of(), 100L << 20));
	}
}
