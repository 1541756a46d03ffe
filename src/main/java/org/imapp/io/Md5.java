package org.imapp.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5 of file bytes as lower-case hex, as IMA++'s {@code utils/md5.py} computes {@code mask_md5}:
 * of the encoded file, not of its pixels (so a re-encoded but identical mask has another MD5).
 */
public final class Md5 {

	private Md5() {}

	public static String of(byte[] bytes) {
		MessageDigest md = digest();
		md.update(bytes);
		return hex(md.digest());
	}

	/** Streams the file, so large lesion images are never held whole in memory. */
	public static String of(Path file) throws IOException {
		MessageDigest md = digest();
		byte[] buf = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buf)) > 0;) md.update(buf, 0, n);
		}
		return hex(md.digest());
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("The JVM has no MD5 (every Java SE platform must)", e);
		}
	}

	private static String hex(byte[] d) {
		char[] out = new char[d.length * 2];
		final char[] digits = "0123456789abcdef".toCharArray();
		for (int i = 0; i < d.length; i++) {
			out[2 * i] = digits[(d[i] >> 4) & 0xf];
			out[2 * i + 1] = digits[d[i] & 0xf];
		}
		return new String(out);
	}
}
