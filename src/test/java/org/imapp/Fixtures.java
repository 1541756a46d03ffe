package org.imapp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locations of the shared reference data (beside the repository, as in CI). */
public final class Fixtures {

	private Fixtures() {}

	/** The {@code shared/} folder: {@code IMAPP_SHARED} if set, else {@code ../shared}. */
	public static final Path SHARED = locateShared();

	/** The small synthetic dataset in IMA++ layout with reference outputs in {@code expected/}. */
	public static final Path SMALL = SHARED.resolve("fixtures/synthetic-small");

	/** The generic 3-D multi-rater dataset (manifest, calibrated TIFF stacks) with ITK/medpy outputs in {@code expected/}. */
	public static final Path MULTIRATER_3D = SHARED.resolve("fixtures/multirater-3d");

	/** The real tables published with IMA++. */
	public static final Path REFERENCE = SHARED.resolve("imapp-reference");

	private static Path locateShared() {
		String env = System.getenv("IMAPP_SHARED");
		if (env != null && !env.isEmpty()) return Paths.get(env).toAbsolutePath();
		Path p = Paths.get("").toAbsolutePath();
		for (Path q = p; q != null; q = q.getParent()) {
			Path cand = q.resolve("shared");
			if (Files.isDirectory(cand.resolve("imapp-reference"))) return cand;
			Path sibling = q.resolveSibling("shared");
			if (q.getParent() != null && Files.isDirectory(sibling.resolve("imapp-reference"))) return sibling;
		}
		throw new IllegalStateException("shared/ reference data not found beside " + p + " (set IMAPP_SHARED)");
	}
}
