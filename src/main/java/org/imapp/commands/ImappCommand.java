package org.imapp.commands;

import java.io.File;
import java.io.IOException;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.ij1.IjProgress;
import org.imapp.ij1.ImageJLog;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * Base of the IMA++ commands: a cancelable SciJava command whose {@link #execute()} may throw;
 * a failure becomes one clear message (and the command's cancel reason, which the ImageJ 1.x
 * bridge and the headless launcher turn into an error), never a bare stack trace.
 */
public abstract class ImappCommand extends ContextCommand {

	@Parameter(required = false)
	protected LogService log;

	/** The command's work; exceptions carry user-facing messages. */
	protected abstract void execute() throws Exception;

	@Override
	public final void run() {
		try (ImageJLog.Mirror logWindow = ImageJLog.mirror(log)) {
			runLogged();
		}
	}

	private void runLogged() {
		try {
			execute();
		}
		catch (CanceledException e) {
			cancel("Canceled by the user");
		}
		catch (IllegalArgumentException | IOException | IllegalStateException e) {
			fail(e.getMessage());
		}
		catch (Exception e) {
			if (log != null) log.error(e);
			fail(e.getClass().getSimpleName() + ": " + e.getMessage());
		}
	}

	private void fail(String message) {
		if (log != null) log.error(message);
		cancel(message);
	}

	/** A progress monitor on ImageJ's progress bar and status line, canceled by this command or Esc. */
	protected ProgressMonitor monitor() {
		return IjProgress.monitor(this::isCanceled);
	}

	/** Resolves and loads the dataset from the usual keys. */
	protected static Dataset loadDataset(File dataset, File metadata, File masks, File images, boolean strict) throws IOException {
		return Dataset.load(DatasetPaths.resolve(dataset, metadata, masks, images), strict);
	}

	/** An output folder, created if needed. */
	protected static java.nio.file.Path outputFolder(File output) throws IOException {
		if (output == null || output.getPath().isEmpty()) throw new IllegalArgumentException("No output folder given (output=)");
		java.nio.file.Path p = output.toPath().toAbsolutePath().normalize();
		java.nio.file.Files.createDirectories(p);
		return p;
	}
}
