package org.imapp.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imapp.data.Manifest;
import org.imapp.ij1.MaskStacks;
import org.imapp.ij1.ResultsTables;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;
import org.scijava.log.LogService;

/**
 * What the commands that take {@code dataset=} (an IMA++ folder) or {@code manifest=} (a generic
 * multi-rater CSV, {@link Manifest}) share for the manifest: which of the two was given, the
 * {@code spacing=} list, and one {@link MultiRaterRun} with its tables shown.
 */
final class ManifestRuns {

	private ManifestRuns() {}

	static boolean given(File f) {
		return f != null && !f.getPath().isEmpty();
	}

	/**
	 * True when the command should run on the manifest: whenever one is given, since a dataset
	 * folder may be one SciJava remembered from an earlier IMA++ run (persisted dialog value).
	 * @throws IllegalArgumentException when neither is given
	 */
	static boolean useManifest(File dataset, File manifest) {
		if (given(manifest)) return true;
		if (!given(dataset)) throw new IllegalArgumentException("missing dataset= (an IMA++ dataset folder) or manifest= (a multi-rater manifest CSV)");
		return false;
	}

	/** For commands that only work on the IMA++ layout: a one-line error instead of ignoring {@code manifest=}. */
	static void refuseManifest(File manifest, String why) {
		if (given(manifest)) throw new IllegalArgumentException(why + "; with manifest= use IMA++ Run Pipeline, Consensus Masks, Agreement Metrics, Mask QA or Export ROIs");
	}

	/**
	 * The voxel size from {@code spacing=}: numbers separated by commas or spaces, in brackets or
	 * not ({@code [0.5,0.5,2.0]}), one per axis x, y[, z]; null when empty or 0 (calibration from the files).
	 */
	static double[] spacing(String text) {
		if (text == null) return null;
		String t = text.strip();
		if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
		if (t.isBlank() || t.equals("0")) return null;
		List<Double> v = new ArrayList<>();
		for (String s : t.split("[,\\s]+")) {
			if (s.isEmpty()) continue;
			try {
				v.add(Double.parseDouble(s));
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("spacing=" + text + ": not a list of numbers (e.g. spacing=[0.5,0.5,2.0], x y z)");
			}
		}
		double[] out = v.stream().mapToDouble(Double::doubleValue).toArray();
		for (double s : out) if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("spacing=" + text + ": voxel sizes must be positive");
		return out;
	}

	/** Loads the manifest, runs, shows the tables and logs where they went. */
	static MultiRaterRun.Result run(String command, File manifest, Path output, MultiRaterRun.Settings settings, ProgressMonitor monitor, LogService log)
		throws IOException {
		Manifest m = Manifest.load(manifest.toPath());
		MultiRaterRun.Result r = MultiRaterRun.run(m, MaskStacks.FILES, output, settings, monitor);
		show(r.qa(), "IMA++ Mask QA");
		show(r.stapleRaters(), "IMA++ STAPLE Raters");
		show(r.pairwise(), "IMA++ Agreement Metrics");
		show(r.summary(), "IMA++ Agreement Summary");
		if (r.skipped().rowCount() > 0) {
			ResultsTables.show(r.skipped(), "IMA++ Skipped Images");
			if (log != null) log.warn(r.skipped().rowCount() + " images left out of consensus and metrics (see " + MultiRaterRun.SKIPPED_CSV + ")");
		}
		if (log != null) log.info(command + ": " + r.images() + " images of " + m.file().getFileName() + " (" + r.computed() + " computed); results in " + output);
		return r;
	}

	private static void show(Table t, String title) {
		if (t != null) ResultsTables.show(t, title);
	}
}
