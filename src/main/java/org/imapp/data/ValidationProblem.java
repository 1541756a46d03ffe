package org.imapp.data;

import java.nio.file.Path;

/** A metadata row that breaks a rule, located by file and line. */
public record ValidationProblem(Path file, int line, String rule, String detail) {

	@Override
	public String toString() {
		return file.getFileName() + ":" + line + ": " + rule + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
	}
}
