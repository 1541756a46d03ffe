package org.imapp.mask;

import java.io.IOException;

/** A mask file that is missing, unreadable or not an image; the message names the file. */
public class MaskReadException extends IOException {
	private static final long serialVersionUID = 1L;

	private final String file;

	public MaskReadException(String file, String problem, Throwable cause) {
		super(file + ": " + problem, cause);
		this.file = file;
	}

	/** The mask file (name or path) that failed. */
	public String file() {
		return file;
	}
}
