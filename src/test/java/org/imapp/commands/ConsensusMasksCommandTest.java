package org.imapp.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imapp.Fixtures;
import org.imapp.consensus.ConsensusMasks;
import org.imapp.table.CsvTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

class ConsensusMasksCommandTest {

	private static CommandModule run(Map<String, Object> inputs) throws Exception {
		try (Context ctx = new Context(CommandService.class)) {
			return ctx.service(CommandService.class).run(ConsensusMasksCommand.class, true, inputs).get();
		}
	}

	@Test
	void macroKeysRunTheDatasetRunner(@TempDir Path tmp) throws Exception {
		CommandModule m = run(Map.of("dataset", Fixtures.SMALL.toFile(), "output", tmp.toFile(), "method", "STAPLE", "confidence_weight", 1.0,
			"max_iterations", 0, "threads", 2));
		assertFalse(m.isCanceled(), m.getCancelReason());
		try (var files = Files.list(tmp.resolve("consensus"))) {
			assertEquals(24, files.count());
		}
		assertEquals(55, CsvTables.read(tmp.resolve(ConsensusMasks.PERFORMANCE_CSV)).rowCount());
	}

	@Test
	void badInputBecomesTheCancelReason(@TempDir Path tmp) throws Exception {
		CommandModule m = run(Map.of("dataset", tmp.resolve("nowhere").toFile(), "output", tmp.toFile(), "method", "STAPLE"));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("nowhere"), m.getCancelReason());
	}
}
