package org.imapp.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imapp.Fixtures;
import org.imapp.data.DatasetPaths;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

class LoadMetadataCommandTest extends CommandTestBase {


	/** A user who downloaded only metadata/ gets the published subset file (line endings as ours: LF). */
	@Test
	void createSubsetNeedsOnlyTheMetadataFolder(@TempDir Path tmp) throws Exception {
		Path data = tmp.resolve("metadata only");
		Files.createDirectories(data.resolve("metadata"));
		Files.copy(Fixtures.REFERENCE.resolve(DatasetPaths.SEG_METADATA), data.resolve("metadata").resolve(DatasetPaths.SEG_METADATA));
		CommandModule m = run(CreateSubsetCommand.class, Map.of("dataset", data.toFile(), "output", tmp.resolve("out").toFile()));
		assertEquals(null, m.getCancelReason());
		String published = Files.readString(Fixtures.REFERENCE.resolve(DatasetPaths.SUBSET_METADATA)).replace("\r\n", "\n");
		assertEquals(published, Files.readString(tmp.resolve("out").resolve(DatasetPaths.SUBSET_METADATA)));
	}

	@Test
	void writesRecordsAndSummary(@TempDir Path tmp) throws Exception {
		CommandModule m = run(LoadMetadataCommand.class, Map.of("dataset", Fixtures.SMALL.toFile(), "output", tmp.toFile()));
		assertEquals(null, m.getCancelReason());
		Table rec = CsvTables.read(tmp.resolve("IMAplusplus_records.csv"));
		assertEquals(55, rec.rowCount());
		assertEquals("benign", rec.getString(0, "benign_malignant"));
		Table sum = CsvTables.read(tmp.resolve("IMAplusplus_summary.csv"));
		assertEquals("24", sum.getString(3, "count"));
	}

	@Test
	void subsetCommandReproducesThePublishedFile(@TempDir Path tmp) throws Exception {
		Path ds = tmp.resolve("ds/metadata");
		Files.createDirectories(ds);
		Files.copy(Fixtures.REFERENCE.resolve(DatasetPaths.SEG_METADATA), ds.resolve(DatasetPaths.SEG_METADATA));
		Files.createDirectories(tmp.resolve("ds/segs"));
		CommandModule m = run(CreateSubsetCommand.class, Map.of("dataset", tmp.resolve("ds").toFile(), "output", tmp.resolve("out").toFile()));
		assertEquals(null, m.getCancelReason());
		assertEquals(Files.readString(Fixtures.REFERENCE.resolve(DatasetPaths.SUBSET_METADATA)).replace("\r\n", "\n"),
			Files.readString(tmp.resolve("out").resolve(DatasetPaths.SUBSET_METADATA)));
	}

	@Test
	void badInputGivesOneMessageAndNoOutput(@TempDir Path tmp) throws Exception {
		CommandModule m = run(LoadMetadataCommand.class, Map.of("dataset", tmp.resolve("missing").toFile(), "output", tmp.resolve("out").toFile()));
		assertTrue(m.getCancelReason().startsWith("Dataset folder not found"), m.getCancelReason());
		assertTrue(!Files.exists(tmp.resolve("out")));

		Path ds = tmp.resolve("bad");
		Files.createDirectories(ds.resolve("metadata"));
		Files.createDirectories(ds.resolve("segs"));
		Files.writeString(ds.resolve("metadata/" + DatasetPaths.SEG_METADATA), "ISIC_id,img_filename\nISIC_0000001,ISIC_0000001.JPG\n");
		m = run(LoadMetadataCommand.class, Map.of("dataset", ds.toFile(), "output", tmp.resolve("out2").toFile()));
		assertTrue(m.getCancelReason().contains("missing column 'seg_filename'"), m.getCancelReason());
		assertTrue(!Files.exists(tmp.resolve("out2")));
	}
}
