package org.imapp.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.ij1.IjProgress;
import org.imapp.ij1.ImageJLog;
import org.imapp.io.OutputFolder;
import org.imapp.mask.MaskLimits;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.scijava.app.StatusService;
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

	@Parameter(required = false)
	private StatusService status;

	/** The command's work; exceptions carry user-facing messages. */
	protected abstract void execute() throws Exception;

	/** The output folder this run writes into, published when {@link #execute} succeeds. */
	private OutputFolder outputs;

	@Override
	public final void run() {
		try (ImageJLog.Mirror logWindow = ImageJLog.mirror(log)) {
			runLogged();
		}
	}

	private void runLogged() {
		try {
			try {
				execute();
				if (outputs != null) {
					outputs.publish();
					if (outputs.staleParts() > 0 && log != null) log.info("Removed " + outputs.staleParts() + " temporary files left by an earlier, stopped run in " + outputs.target());
				}
			}
			finally {
				if (outputs != null) outputs.close();
				outputs = null;
			}
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

	/**
	 * A progress monitor on ImageJ's progress bar and status line and on SciJava's
	 * {@link StatusService} (when the context has one), canceled by this command or Esc.
	 */
	protected ProgressMonitor monitor() {
		return IjProgress.monitor(this::isCanceled, status);
	}

	/** Resolves and loads the dataset from the usual keys, for a command that works on its masks. */
	protected Dataset loadDataset(File dataset, File metadata, File masks, File images, boolean strict) throws IOException {
		return loadDataset(dataset, metadata, masks, images, strict, 0);
	}

	/**
	 * As {@link #loadDataset(File, File, File, File, boolean)}, masks over {@code maxPixels}
	 * (0: the default limit) refused from their headers. Logs which mask source is read when the
	 * dataset has both {@code segs/} and {@code segs.zip}; fails before any step when the
	 * metadata lists no mask.
	 */
	protected Dataset loadDataset(File dataset, File metadata, File masks, File images, boolean strict, long maxPixels) throws IOException {
		Dataset d = loadMetadata(dataset, metadata, masks, images, strict, maxPixels);
		try {
			return d.requireMasks();
		}
		catch (IOException e) {
			d.close();
			throw e;
		}
	}

	/** As {@link #loadDataset(File, File, File, File, boolean, long)}, also when the metadata lists no mask. */
	protected Dataset loadMetadata(File dataset, File metadata, File masks, File images, boolean strict, long maxPixels) throws IOException {
		Dataset d = Dataset.load(DatasetPaths.resolve(dataset, metadata, masks, images), strict, MaskLimits.ofMaxPixels(maxPixels));
		String note = d.masks().sourceNote();
		if (note != null && log != null) log.warn(note);
		return d;
	}

	/**
	 * The place to write this command's outputs: a staging folder inside {@code output} (created if
	 * needed, after checking it against {@code inputs} and locking it), whose files are published
	 * into {@code output} only when the command succeeds; a failed command leaves no new file.
	 */
	protected Path outputFolder(File output, OutputFolder.Inputs inputs) throws IOException {
		if (outputs != null) throw new IllegalStateException("outputFolder called twice");
		outputs = OutputFolder.open(outputTarget(output), inputs);
		return outputs.staging();
	}

	/** As {@link #outputFolder(File, OutputFolder.Inputs)} for a command reading the dataset {@code paths}. */
	protected Path outputFolder(File output, DatasetPaths paths) throws IOException {
		return outputFolder(output, paths.outputGuard());
	}

	/** As {@link #outputFolder(File, OutputFolder.Inputs)} for a command reading a manifest dataset: neither its folder nor the manifest may be an output. */
	protected Path manifestOutputFolder(File output, File manifest) throws IOException {
		Path m = manifest.toPath().toAbsolutePath().normalize();
		return outputFolder(output, new OutputFolder.Inputs(m.getParent(), java.util.List.of(), java.util.List.of(m)));
	}

	/** The dataset's inputs and other input files or folders of a command (null or empty ones ignored), which no output may touch. */
	protected static OutputFolder.Inputs guard(DatasetPaths paths, File... more) {
		return paths.outputGuard(java.util.Arrays.stream(more).filter(f -> f != null && !f.getPath().isEmpty()).map(File::toPath).toArray(Path[]::new));
	}

	/** The output folder a command names (not yet checked or created). */
	protected static Path outputTarget(File output) {
		if (output == null || output.getPath().isEmpty()) throw new IllegalArgumentException("No output folder given (output=)");
		return output.toPath().toAbsolutePath().normalize();
	}

	/** Where a file written into {@link #outputFolder} appears once published (for messages). */
	protected Path published(Path staged) {
		return outputs == null ? staged : outputs.published(staged);
	}

	/** As {@link #published(Path)}, as a command's {@code File} output (the folder itself for the staging folder). */
	protected File publishedFile(Path staged) {
		return published(staged).toFile();
	}
}
