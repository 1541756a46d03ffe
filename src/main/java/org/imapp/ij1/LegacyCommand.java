package org.imapp.ij1;

import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.module.process.SaveInputsPreprocessor;
import org.scijava.plugin.PluginService;

/**
 * The {@code plugins.config} entry point of every IMA++ command in plain ImageJ 1.x:
 * {@code Plugins>IMA++, "IMA++ Xyz", org.imapp.ij1.LegacyCommand("org.imapp.commands.XyzCommand")}.
 * <p>
 * With macro options it maps each key to the command's {@code @Parameter} of that name; without
 * them (and with a display, outside batch mode) it asks in a dialog labelled with the keys, and
 * hands the values to the Macro Recorder. The command then runs as a SciJava module with the
 * usual pre- and postprocessors, as Fiji runs it, but on the calling thread: ImageJ keys macro
 * state to the thread (current image, batch-mode images, the batch-mode ROI Manager, aborts), so
 * a macro's {@code getTitle()} and {@code roiManager("count")} see what the command made.
 * <p>
 * Cancel in a dialog opened from a macro aborts the macro (ImageJ's convention). A failure
 * becomes {@code IJ.error(label, message)}: a dialog in the GUI, and in a macro an abort whose
 * message the interpreter reports. Under ImageJ's own {@code -batch} (no ImageJ window) a dialog
 * would wait forever and the process would exit 0, so there the message goes to stderr and the
 * Log, and ImageJ exits with status 1.
 * <p>
 * In Fiji, imagej-legacy lists the SciJava command under the same label and overrides this entry,
 * so each command appears once.
 */
public class LegacyCommand implements PlugIn {

	/** Last values per command, so the dialog opens as the user left it. */
	private static final Map<String, Map<String, Object>> LAST_VALUES = new ConcurrentHashMap<>();

	private static volatile String lastFailure;

	@Override
	public void run(String className) {
		Thread thread = Thread.currentThread();
		ClassLoader saved = thread.getContextClassLoader();
		// SciJava discovers plugins through the context class loader; ImageJ's may not see our jar.
		thread.setContextClassLoader(LegacyCommand.class.getClassLoader());
		String label = className;
		try {
			CommandService commands = ImappContext.get().service(CommandService.class);
			CommandInfo info = commands.getCommand(className);
			if (info == null) throw new IllegalArgumentException("IMA++: no SciJava command " + className + " on the class path");
			CommandKeys keys = CommandKeys.of(info);
			label = keys.label();
			Map<String, Object> values = inputs(keys);
			if (values == null) {
				if (IJ.isMacro()) abortMacro();
				return;
			}
			for (String name : keys.imageInputs()) values.put(name, image(keys, name, values.get(name)));
			String failure = execute(ImappContext.get(), info, values);
			if (failure != null) fail(label, failure);
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			fail(label, e.getMessage());
		}
		finally {
			thread.setContextClassLoader(saved);
		}
	}

	/**
	 * ImageJ's convention: Cancel in a dialog a macro opened aborts the macro. Throwing
	 * {@code Macro canceled} alone does not do it: ImageJ's {@code Executer} swallows that exception
	 * and {@code IJ.run} rethrows it only for Java callers, not for the macro interpreter, which
	 * carries on with the next statement. So the calling interpreter is ended quietly (no error
	 * dialog), then the exception still stops a Java plugin that called {@code IJ.run}.
	 */
	private static void abortMacro() {
		Interpreter interp = Interpreter.getInstance();
		if (interp != null) {
			interp.setIgnoreErrors(true);
			interp.abort(Macro.MACRO_CANCELED);
		}
		throw new RuntimeException(Macro.MACRO_CANCELED);
	}

	private Map<String, Object> inputs(CommandKeys keys) {
		String options = Macro.getOptions();
		if (options != null) return keys.fromOptions(options);
		if (GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode()) {
			Map<String, Object> values = keys.defaults();
			keys.checkRequired(values);
			return values;
		}
		Map<String, Object> initial = LAST_VALUES.getOrDefault(keys.info().getDelegateClassName(), keys.defaults());
		Map<String, Object> values = new ParameterDialog(keys, initial).showDialog();
		if (values == null) return null;
		LAST_VALUES.put(keys.info().getDelegateClassName(), values);
		keys.record(values);
		return values;
	}

	/**
	 * The open image a macro or dialog named by title; without a title, the active image when the
	 * command takes one image (several must be named).
	 */
	private static ImagePlus image(CommandKeys keys, String name, Object value) {
		if (value instanceof ImagePlus imp) return imp;
		boolean required = keys.info().getInput(name).isRequired();
		if (value != null) {
			ImagePlus imp = WindowManager.getImage(value.toString());
			if (imp == null) throw new IllegalArgumentException(keys.label() + ": no open image titled '" + value + "' (" + name + "=)");
			return imp;
		}
		if (keys.imageInputs().size() > 1) {
			if (required) throw new IllegalArgumentException(keys.label() + ": missing " + name + "= (the title of an open image)");
			return null;
		}
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null && required) throw new IllegalArgumentException(keys.label() + ": no image open (" + name + ")");
		return imp;
	}

	/**
	 * Runs the command on this thread, with the pre- and postprocessors
	 * {@code CommandService.run(info, true, values)} uses; its cancel reason (the failure
	 * message), or null on success.
	 */
	private static String execute(Context context, CommandInfo info, Map<String, Object> values) {
		Module module = context.service(ModuleService.class).createModule(info);
		for (var e : values.entrySet()) {
			module.setInput(e.getKey(), e.getValue());
			module.resolveInput(e.getKey());
		}
		PluginService plugins = context.service(PluginService.class);
		ImappContext.commandStarting();
		try {
			// Not SciJava's persisted inputs: every input is set from the macro options or the dialog
			// (this class remembers dialog values itself), and saving them wrote ~/.java preferences
			// on every run, a cost at start and exit and a shared file for every job of a cluster.
			List<PreprocessorPlugin> pre = plugins.createInstancesOfType(PreprocessorPlugin.class).stream()
				.filter(p -> !(p instanceof LoadInputsPreprocessor || p instanceof SaveInputsPreprocessor)).toList();
			new ModuleRunner(context, module, pre, plugins.createInstancesOfType(PostprocessorPlugin.class)).run();
		}
		catch (RuntimeException e) {
			return e.getClass().getSimpleName() + ": " + e.getMessage();
		}
		if (module instanceof Cancelable c && c.isCanceled()) return c.getCancelReason() == null ? "canceled" : c.getCancelReason();
		return null;
	}

	/**
	 * {@code IJ.error} with a title aborts a running macro after reporting the message (in a
	 * dialog, or on stderr headless), so batch runs stop at the failing command.
	 */
	private static void fail(String label, String message) {
		String line = message == null ? "failed" : message.replace('\n', ' ').trim();
		// One line that names the command too, as the headless launcher prints only this.
		if (!line.startsWith(label)) line = label + ": " + line;
		lastFailure = line;
		if (IJ.getInstance() == null && underBatchEntryPoint()) {
			System.err.println(line);
			IJ.log(line);
			System.exit(1);
		}
		IJ.error(label, line);
	}

	/** True inside ImageJ's own {@code -batch} run ({@code ij.ImageJ.main} runs the macro on the main thread). */
	private static boolean underBatchEntryPoint() {
		for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
			if (e.getClassName().equals("ij.ImageJ") && e.getMethodName().equals("main")) return true;
		}
		return false;
	}

	/** The message of the last failed command in this ImageJ (read by the headless launcher), or null. */
	public static String lastFailure() {
		return lastFailure;
	}

	/** Forgets {@link #lastFailure()} (before a launcher run). */
	public static void clearLastFailure() {
		lastFailure = null;
	}
}
