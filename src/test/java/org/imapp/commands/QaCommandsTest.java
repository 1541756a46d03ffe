package org.imapp.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.progress.ProgressMonitor;
import org.imapp.qa.IntegrityCheck;
import org.imapp.qa.MaskQa;
import org.imapp.qa.MetadataReport;
import org.imapp.table.CsvTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** The commands as a macro runs them: keys in, CSV files out, same content as the algorithms. */
class QaCommandsTest {

	static Context context;
	static CommandService commands;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	static CommandModule run(Class<? extends org.scijava.command.Command> c, Map<String, Object> inputs) throws Exception {
		CommandModule m = commands.run(c, true, inputs).get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		return m;
	}

	@Test
	void maskQaWritesThePublishedRuleResults(@TempDir Path out) throws Exception {
		run(MaskQaCommand.class, Map.of("dataset", Fixtures.SMALL.toFile(), "output", out.toFile(), "published_rule", true,
			"skip_extra_checks", true, "threads", 2));
		String written = Files.readString(out.resolve(MaskQa.RESULTS_CSV));
		try (Dataset d = Dataset.load(DatasetPaths.of(Fixtures.SMALL))) {
			assertEquals(CsvTables.format(MaskQa.run(d, MaskQa.Options.PUBLISHED, 1, ProgressMonitor.NONE).issues()), written);
		}
		assertTrue(written.contains("Mask covers entire image,high"));
	}

	@Test
	void verifyIntegrityWritesItsTables(@TempDir Path out) throws Exception {
		run(VerifyIntegrityCommand.class, Map.of("dataset", Fixtures.SMALL.toFile(), "output", out.toFile()));
		for (String f : List.of(IntegrityCheck.MD5_CSV, IntegrityCheck.DUPLICATE_MASKS_CSV, IntegrityCheck.FILES_CSV,
			IntegrityCheck.DUPLICATE_IMAGES_CSV, IntegrityCheck.SUMMARY_CSV)) {
			assertTrue(Files.isRegularFile(out.resolve(f)), f);
		}
		assertTrue(Files.readAllLines(out.resolve(IntegrityCheck.SUMMARY_CSV)).contains("mask MD5 matches mask_md5,55"));
	}

	@Test
	void metadataReportNeedsNoMasks(@TempDir Path out) throws Exception {
		File seg = Fixtures.REFERENCE.resolve(DatasetPaths.SEG_METADATA).toFile();
		run(MetadataReportCommand.class, Map.of("metadata", seg, "output", out.toFile()));
		List<String> groups = Files.readAllLines(out.resolve(MetadataReport.GROUPS_CSV));
		assertEquals("group,columns,rows_with_values,rows,share,percent,log", groups.get(0));
		assertTrue(groups.get(4).startsWith("anatomic site,anatom_site_general,4799,14967,"), groups.get(4));
		assertTrue(groups.get(4).endsWith(",32.06,Found 4799 rows(32.06%) with recorded anatomic site."), groups.get(4));
	}

	@Test
	void badDatasetFailsWithAMessageAndWritesNothing(@TempDir Path out) throws Exception {
		CommandModule m = commands.run(MaskQaCommand.class, true, Map.of("dataset", out.resolve("nope").toFile(), "output", out.resolve("o").toFile())).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("Dataset folder not found"), m.getCancelReason());
		assertFalse(Files.exists(out.resolve("o").resolve(MaskQa.RESULTS_CSV)));
	}
}
