package org.imapp.data;

import java.io.IOException;

/** A metadata file that cannot be used at all (missing, unreadable, missing column, strict-mode failure). */
public class MetadataException extends IOException {
	private static final long serialVersionUID = 1L;

	public MetadataException(String message) {
		super(message);
	}

	public MetadataException(String message, Throwable cause) {
		super(message, cause);
	}
}
