package org.imapp.mask;

import java.util.Locale;

/**
 * How large a mask may be, checked from the file's header (PNG {@code IHDR}, the header ImageIO's
 * reader parses for other formats) and from the file or zip entry size, before any pixel buffer
 * is allocated: a decompression bomb (a few kB declaring 40000×40000 pixels) becomes a per-mask
 * {@link MaskReadException} naming the file, never an {@link OutOfMemoryError}.
 * <p>
 * A mask is refused when it has more than {@code maxPixels} pixels, or when reading and analysing
 * it would need more than the heap: {@value #BYTES_PER_PIXEL} bytes per pixel (the decoded mask
 * and the inflate buffer, then consensus and metrics working arrays, as the pipeline's memory
 * budget estimates them). A mask file (or zip entry) may hold at most a quarter of the heap.
 *
 * @param maxPixels largest width × height accepted ({@code max_pixels=} of the commands)
 * @param heapBytes the heap the run may use ({@link Runtime#maxMemory()})
 */
public record MaskLimits(long maxPixels, long heapBytes) {

	/** Default {@code max_pixels}: 2^31, the largest mask one byte array can nearly hold. */
	public static final long DEFAULT_MAX_PIXELS = 1L << 31;
	/** Heap needed per pixel to read a mask and run every step on it. */
	public static final int BYTES_PER_PIXEL = 16;
	/** The largest Java array. */
	private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
	/** Entries above this size must compress at most {@link #MAX_RATIO}:1 (no real mask file comes near it). */
	static final long RATIO_FLOOR = 64L << 20;
	/** Largest uncompressed : compressed ratio of a zip entry above {@link #RATIO_FLOOR}. */
	public static final int MAX_RATIO = 200;

	public MaskLimits {
		if (maxPixels <= 0) throw new IllegalArgumentException("max_pixels must be positive, got " + maxPixels);
		if (heapBytes <= 0) throw new IllegalArgumentException("heap must be positive");
	}

	/** The default pixel limit against this JVM's maximum heap. */
	public static MaskLimits defaults() {
		return ofMaxPixels(0);
	}

	/** {@code maxPixels} (0 or less: the default) against this JVM's maximum heap. */
	public static MaskLimits ofMaxPixels(long maxPixels) {
		return new MaskLimits(maxPixels > 0 ? maxPixels : DEFAULT_MAX_PIXELS, Runtime.getRuntime().maxMemory());
	}

	/**
	 * Refuses a mask of {@code width × height} pixels over a limit.
	 * @throws MaskReadException "name: W×H pixels exceeds the limit of N pixels (why)"
	 */
	public void checkSize(String name, long width, long height) throws MaskReadException {
		long pixels = width * height;
		String size = width + "×" + height + " pixels exceeds the limit of ";
		if (pixels > maxPixels) throw new MaskReadException(name, size + grouped(maxPixels) + " pixels (max_pixels)", null);
		long byHeap = heapBytes / BYTES_PER_PIXEL;
		if (pixels > byHeap) {
			throw new MaskReadException(name, size + grouped(byHeap) + " pixels that a maximum heap of " + grouped(heapBytes >> 20) + " MB allows (" + BYTES_PER_PIXEL
				+ " bytes per pixel; give Java more memory, e.g. -Xmx or IMAPP_JAVA_OPTS)", null);
		}
		if (pixels > MAX_ARRAY) throw new MaskReadException(name, size + grouped(MAX_ARRAY) + " pixels one mask can hold", null);
	}

	/** The most bytes a mask file may have. */
	public long maxFileBytes() {
		return Math.min(MAX_ARRAY, heapBytes / 4);
	}

	/**
	 * Refuses a mask file of {@code bytes} bytes over {@link #maxFileBytes()}.
	 * @throws MaskReadException naming the file, its size and the limit
	 */
	public void checkFileBytes(String name, long bytes) throws MaskReadException {
		if (bytes > maxFileBytes()) {
			throw new MaskReadException(name, grouped(bytes) + " bytes exceeds the limit of " + grouped(maxFileBytes()) + " bytes for a mask file (a quarter of the maximum heap)", null);
		}
	}

	/**
	 * Reads a zip entry, streamed under caps rather than trusting its header: never more than
	 * {@link #maxFileBytes()} nor than its declared size, and above {@link #RATIO_FLOOR} never
	 * more than {@link #MAX_RATIO} times its compressed size (a zip bomb stops early).
	 * @param declared the entry's uncompressed size from the archive, -1 when unknown
	 * @param compressed its compressed size, -1 when unknown
	 */
	public byte[] readEntry(java.io.InputStream in, String name, long declared, long compressed) throws java.io.IOException {
		if (declared >= 0) checkFileBytes(name, declared);
		long cap = declared >= 0 ? declared : maxFileBytes();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(cap, 1 << 20));
		byte[] buf = new byte[1 << 16];
		long total = 0;
		for (int n; (n = in.read(buf)) > 0;) {
			total += n;
			if (total > cap) {
				if (declared >= 0) throw new MaskReadException(name, "zip entry holds more than its declared " + grouped(declared) + " bytes (damaged or hostile archive)", null);
				checkFileBytes(name, total);
			}
			if (compressed > 0 && total > RATIO_FLOOR && total > MAX_RATIO * compressed) {
				throw new MaskReadException(name, "zip entry expands more than " + MAX_RATIO + ":1 beyond " + grouped(RATIO_FLOOR >> 20) + " MB (" + grouped(compressed)
					+ " compressed bytes; a zip bomb?)", null);
			}
			out.write(buf, 0, n);
		}
		return out.toByteArray();
	}

	private static String grouped(long n) {
		return String.format(Locale.ROOT, "%,d", n);
	}
}
