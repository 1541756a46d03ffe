package org.imapp.commands;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Runs commands the way Fiji does: in a SciJava context, inputs from a map, pre- and postprocessed. */
abstract class CommandTestBase {

	static Context context;

	@BeforeAll
	static void startContext() {
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void stopContext() {
		context.dispose();
	}

	static CommandModule run(Class<? extends Command> c, Map<String, Object> args) throws Exception {
		return context.service(CommandService.class).run(c, true, args).get();
	}
}
