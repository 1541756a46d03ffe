package org.imapp.launcher;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code ./imapp} ({@code run}, {@code macro}, ...). */
public interface Subcommand {

	/** The word typed after {@code ./imapp}. */
	String name();

	/** One usage line, e.g. {@code macro <file.ijm> ["<argument>"]}. */
	String usage();

	/**
	 * Runs with the words after the name.
	 * @return the process exit status (0 success, 1 failure, 2 usage error)
	 */
	int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
