package org.imapp.figures;

/** A figure cannot be made because an input it needs (metrics, masks, id lists) is not available. */
public class MissingInputException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public MissingInputException(String message) {
		super(message);
	}

	public MissingInputException(String message, Throwable cause) {
		super(message, cause);
	}
}
