package org.imapp.commands;

import org.scijava.Context;
import org.scijava.service.Service;

/** Whether the framework running a command displays its {@code ImagePlus} outputs itself. */
final class ImagePlusOutputs {

	private ImagePlusOutputs() {}

	/** True in Fiji, where imagej-legacy shows a command's ImagePlus outputs (showing them here too would open each twice). */
	static boolean shownByFramework(Context context) {
		if (context == null) return false;
		try {
			@SuppressWarnings("unchecked")
			Class<? extends Service> legacy = (Class<? extends Service>) Class.forName("net.imagej.legacy.LegacyService");
			return context.getService(legacy) != null;
		}
		catch (ClassNotFoundException | ClassCastException e) {
			return false;
		}
	}
}
