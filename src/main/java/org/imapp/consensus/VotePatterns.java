package org.imapp.consensus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.imapp.mask.BinaryMask;
import org.imapp.mask.BinaryVolume;
import org.imapp.mask.RunFill;
import org.imapp.progress.ProgressMonitor;
import org.imapp.progress.TaskFailure;

/**
 * The vote pattern of every pixel over k binary raters — bit i of a pixel's code is rater i's
 * vote — held as the maximal runs of equal patterns in row-major order, plus the pattern
 * histogram. Consensus rules of binary raters (STAPLE's E-step, majority voting) depend on a pixel
 * only through its pattern, so they are computed per pattern and painted back run by run; a
 * lesion mask of tens of megapixels has only thousands of runs. {@link Staple} replays ITK's
 * pixel-order sums on the same runs.
 * <p>
 * The one pass over the pixels handles eight per step as one {@code long} (SWAR): mask bytes are
 * 0/1, so {@code mask << i} moves the vote to bit i of each byte without carrying into the next,
 * and a word of eight equal patterns extends the current run in one step.
 */
public final class VotePatterns {

	/** Pattern codes are bytes, so at most 8 raters (IMA++ images have at most 5 masks). */
	public static final int MAX_RATERS = 8;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long ONES = 0x0101010101010101L;
	/** Below this many pixels per task, splitting costs more than it saves. */
	private static final int MIN_CHUNK = 1 << 18;

	private final int width;
	private final int height;
	/** Sizes per dimension and minimum corner of the source images (2-D masks: {width, height} at 0). */
	private final int[] dims;
	private final long[] min;
	private final int raters;
	private final long[] counts;
	private final Runs runs;

	private VotePatterns(int[] dims, long[] min, int raters, long[] counts, Runs runs) {
		this.dims = dims;
		this.min = min;
		long pixels = 1;
		for (int d : dims) pixels *= d;
		this.width = dims[0];
		// n-D images are seen as rows of width dims[0] stacked: height = all other dimensions.
		this.height = (int) (pixels / dims[0]);
		this.raters = raters;
		this.counts = counts;
		this.runs = runs;
	}

	/**
	 * Patterns of {@code masks}, single-threaded.
	 *
	 * @param names one name per mask (file names), used in error messages
	 * @throws IllegalArgumentException no masks, too many, or masks of different sizes (naming both)
	 */
	public static VotePatterns of(List<BinaryMask> masks, List<String> names) {
		return of(masks, names, null);
	}

	/** As {@link #of(List, List)}, splitting the pixel loops over {@code executor} (null: caller's thread). */
	public static VotePatterns of(List<BinaryMask> masks, List<String> names, ExecutorService executor) {
		validate(masks, names);
		BinaryMask first = masks.get(0);
		int k = masks.size();
		byte[][] data = new byte[k][];
		for (int i = 0; i < k; i++) data[i] = masks.get(i).data();
		return encode(new int[] { first.width(), first.height() }, new long[2], data, executor);
	}

	/**
	 * Patterns of n-dimensional binary images (all of one interval), voxels in flat iteration
	 * order — the order ITK's image iterators visit them, so STAPLE's sums match ITK's in 3-D too.
	 *
	 * @param names one name per image, used in error messages
	 */
	public static VotePatterns ofVolumes(List<BinaryVolume> volumes, List<String> names, ExecutorService executor) {
		checkCount(volumes.size(), names.size());
		BinaryVolume first = volumes.get(0);
		for (int i = 1; i < volumes.size(); i++) {
			BinaryVolume v = volumes.get(i);
			if (!v.sameInterval(first)) {
				throw new IllegalArgumentException("Images of different sizes: " + names.get(0) + " is " + first.sizeString() + " at "
					+ Arrays.toString(first.min()) + ", " + names.get(i) + " is " + v.sizeString() + " at " + Arrays.toString(v.min()));
			}
		}
		byte[][] data = new byte[volumes.size()][];
		for (int i = 0; i < data.length; i++) data[i] = volumes.get(i).data();
		return encode(first.dims(), first.min(), data, executor);
	}

	private static VotePatterns encode(int[] dims, long[] min, byte[][] data, ExecutorService executor) {
		int k = data.length;
		int n = data[0].length;
		List<Runs> partial = runChunks(n, executor, (from, to) -> encode(data, from, to));
		Runs runs = partial.get(0);
		// Joining the chunks' runs (merging across chunk borders) gives the single-threaded list.
		for (int c = 1; c < partial.size(); c++) runs.addAll(partial.get(c));
		long[] counts = new long[1 << k];
		for (int r = 0; r < runs.size(); r++) counts[runs.code(r)] += runs.length(r);
		return new VotePatterns(dims, min, k, counts, runs.trim());
	}

	/**
	 * Patterns of 2-D images, each binarised as {@code value > 0} (IMA++'s {@code load_mask} rule,
	 * which is how the IMA++ script prepares the 0/1 inputs of the ITK filters).
	 */
	public static <T extends RealType<T>> VotePatterns ofImages(List<? extends RandomAccessibleInterval<T>> images, List<String> names,
			ExecutorService executor) {
		List<BinaryMask> masks = new ArrayList<>(images.size());
		for (RandomAccessibleInterval<T> img : images) masks.add(BinaryMask.of(img));
		return of(masks, names, executor);
	}

	/**
	 * Patterns of n-D raters binarised as {@code value > 0}, named "rater 1", "rater 2", … in
	 * errors; one progress step per rater read.
	 */
	public static <T extends RealType<T>> VotePatterns ofRaters(List<? extends RandomAccessibleInterval<T>> raters, ExecutorService executor,
			ProgressMonitor monitor) {
		ProgressMonitor m = monitor == null ? ProgressMonitor.NONE : monitor;
		List<BinaryVolume> volumes = new ArrayList<>(raters.size());
		List<String> names = new ArrayList<>(raters.size());
		for (int i = 0; i < raters.size(); i++) {
			m.checkCanceled();
			volumes.add(BinaryVolume.of(raters.get(i)));
			names.add("rater " + (i + 1));
			m.progress(i + 1, raters.size() + 1, "Reading rater " + (i + 1));
		}
		VotePatterns p = ofVolumes(volumes, names, executor);
		m.progress(raters.size() + 1, raters.size() + 1, "Vote patterns");
		return p;
	}

	static void validate(List<BinaryMask> masks, List<String> names) {
		checkCount(masks.size(), names.size());
		BinaryMask first = masks.get(0);
		for (int i = 1; i < masks.size(); i++) {
			BinaryMask m = masks.get(i);
			if (!m.sameSize(first)) {
				throw new IllegalArgumentException("Masks of different sizes: " + names.get(0) + " is " + first.width() + "x" + first.height() + ", "
						+ names.get(i) + " is " + m.width() + "x" + m.height());
			}
		}
	}

	private static void checkCount(int masks, int names) {
		if (masks == 0) throw new IllegalArgumentException("Consensus needs at least one mask");
		if (names != masks) throw new IllegalArgumentException(masks + " masks but " + names + " names");
		if (masks > MAX_RATERS) {
			throw new IllegalArgumentException(masks + " masks given; consensus supports at most " + MAX_RATERS + " raters per image");
		}
	}

	/** The runs of codes of pixels [from, to). */
	private static Runs encode(byte[][] data, int from, int to) {
		int k = data.length;
		Runs runs = new Runs(64);
		int run = -1; // code of the open run
		int len = 0;
		int i = from;
		for (; i + 8 <= to; i += 8) {
			long c = (long) LONGS.get(data[0], i);
			for (int r = 1; r < k; r++) c |= (long) LONGS.get(data[r], i) << r;
			int first = (int) c & 0xff;
			if (first == run && c == first * ONES) {
				// A whole word continues the run: extend it as far as every mask keeps its bit
				// (vectorised compares; a lesion row is mostly one long run or two).
				int end = runEnd(data, i + 8, to, run);
				len += end - i;
				i = end - 8; // the loop's step brings i to end
				continue;
			}
			for (int b = 0; b < 64; b += 8) {
				int code = (int) (c >>> b) & 0xff;
				if (code == run) {
					len++;
				}
				else {
					if (len > 0) runs.add(run, len);
					run = code;
					len = 1;
				}
			}
		}
		for (; i < to; i++) {
			int code = 0;
			for (int r = 0; r < k; r++) code |= data[r][i] << r;
			if (code == run) {
				len++;
			}
			else {
				if (len > 0) runs.add(run, len);
				run = code;
				len = 1;
			}
		}
		if (len > 0) runs.add(run, len);
		return runs;
	}

	/** Block of the run search: every mask is compared over a block before the next (bounds the overshoot). */
	private static final int RUN_BLOCK = 1024;
	/** Spans of 0 and of 1 to compare mask bytes with. */
	private static final byte[] ZERO_SPAN = new byte[RUN_BLOCK], ONE_SPAN = new byte[RUN_BLOCK];
	static {
		Arrays.fill(ONE_SPAN, (byte) 1);
	}

	/**
	 * The first position in [i, to) where some mask's 0/1 byte is not its bit of {@code code},
	 * else {@code to}; block by block, all masks per block, so that one mask that keeps its bit
	 * far beyond the others' change is not followed there.
	 */
	private static int runEnd(byte[][] data, int i, int to, int code) {
		for (int at = i; at < to; at += RUN_BLOCK) {
			int n = Math.min(RUN_BLOCK, to - at);
			boolean changed = false;
			for (int r = 0; r < data.length; r++) {
				int m = Arrays.mismatch(data[r], at, at + n, (code >>> r & 1) != 0 ? ONE_SPAN : ZERO_SPAN, 0, n);
				if (m >= 0) {
					n = m;
					changed = true;
				}
			}
			if (changed) return at + n;
		}
		return to;
	}

	/** Runs {@code task} over chunks of [0, n) (boundaries multiples of 8) and returns the results in chunk order. */
	private static <R> List<R> runChunks(int n, ExecutorService executor, ChunkTask<R> task) {
		int chunks = 1;
		if (executor != null && n >= 2 * MIN_CHUNK) {
			int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
			chunks = Math.min(4 * threads, n / MIN_CHUNK);
		}
		List<R> results = new ArrayList<>(chunks);
		if (chunks == 1) {
			results.add(task.run(0, n));
			return results;
		}
		int step = ((n / chunks) + 7) & ~7;
		List<Callable<R>> calls = new ArrayList<>(chunks);
		for (int from = 0; from < n; from += step) {
			int f = from, t = Math.min(n, from + step);
			calls.add(() -> task.run(f, t));
		}
		try {
			for (Future<R> f : executor.invokeAll(calls)) results.add(f.get());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while computing vote patterns", e);
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrapUnchecked(e);
		}
		return results;
	}

	@FunctionalInterface
	private interface ChunkTask<R> {
		R run(int from, int to);
	}

	public int width() {
		return width;
	}

	/** Rows of {@link #width()} pixels: the height of a 2-D image, the product of all but dimension 0 in n-D. */
	public int height() {
		return height;
	}

	/** Sizes per dimension of the source images (a copy). */
	public int[] dims() {
		return dims.clone();
	}

	/** Minimum corner of the source images (a copy). */
	public long[] min() {
		return min.clone();
	}

	/** Number of raters k. */
	public int raters() {
		return raters;
	}

	/** Number of pixels. */
	public long pixels() {
		return (long) width * height;
	}

	/** Pixels per pattern: index = code (bit i = rater i votes foreground), length 2^k. A copy. */
	public long[] counts() {
		return counts.clone();
	}

	/** Pixels with pattern {@code code}. */
	public long count(int code) {
		return counts[code];
	}

	/** Maximal runs of equal codes in row-major pixel order (the order ITK's loops visit pixels). */
	Runs runs() {
		return runs;
	}

	/** Number of maximal runs of equal patterns in row-major order. */
	public int runCount() {
		return runs.size();
	}

	/** The pattern code of every pixel, row-major (built on each call). */
	public byte[] codes() {
		byte[] out = new byte[Math.toIntExact(pixels())];
		int pos = 0;
		for (int r = 0; r < runs.size(); r++) {
			int len = runs.length(r);
			RunFill.fill(out, pos, pos + len, (byte) runs.code(r));
			pos += len;
		}
		return out;
	}

	/** A binary mask that is foreground where {@code foreground[code]} holds (n-D: {@link #height()} rows). */
	public BinaryMask mapBinary(boolean[] foreground) {
		return new BinaryMask(width, height, mapBytes(foreground));
	}

	/** {@link #mapBinary(boolean[])} as a 0/1 image over the source images' interval. */
	public RandomAccessibleInterval<UnsignedByteType> mapBinaryImage(boolean[] foreground) {
		return new BinaryVolume(min, dims, mapBytes(foreground)).img();
	}

	private byte[] mapBytes(boolean[] foreground) {
		checkTable(foreground.length);
		byte[] out = new byte[Math.toIntExact(pixels())];
		int pos = 0;
		for (int r = 0; r < runs.size(); r++) {
			int len = runs.length(r);
			if (foreground[runs.code(r)]) Arrays.fill(out, pos, pos + len, (byte) 1); // new arrays are already 0
			pos += len;
		}
		return out;
	}

	/** A float image (row-major) holding {@code values[code]} at each pixel. */
	public float[] mapFloat(float[] values) {
		checkTable(values.length);
		float[] out = new float[Math.toIntExact(pixels())];
		int pos = 0;
		for (int r = 0; r < runs.size(); r++) {
			int len = runs.length(r);
			float v = values[runs.code(r)];
			if (Float.floatToRawIntBits(v) != 0) RunFill.fill(out, pos, pos + len, v);
			pos += len;
		}
		return out;
	}

	private void checkTable(int length) {
		if (length != 1 << raters) throw new IllegalArgumentException("Table has " + length + " entries, expected 2^" + raters);
	}

	/** A growable list of (code, length) runs. */
	static final class Runs {
		private byte[] codes;
		private int[] lengths;
		private int size;

		Runs(int capacity) {
			codes = new byte[capacity];
			lengths = new int[capacity];
		}

		/** Appends a run, extending the last one when the code is the same. */
		void add(int code, int length) {
			if (size > 0 && (codes[size - 1] & 0xff) == code) {
				lengths[size - 1] += length;
				return;
			}
			if (size == codes.length) {
				int cap = Math.max(16, size + (size >> 1));
				codes = Arrays.copyOf(codes, cap);
				lengths = Arrays.copyOf(lengths, cap);
			}
			codes[size] = (byte) code;
			lengths[size] = length;
			size++;
		}

		void addAll(Runs other) {
			for (int r = 0; r < other.size; r++) add(other.codes[r] & 0xff, other.lengths[r]);
		}

		Runs trim() {
			if (codes.length - size > 1024) {
				codes = Arrays.copyOf(codes, size);
				lengths = Arrays.copyOf(lengths, size);
			}
			return this;
		}

		int size() {
			return size;
		}

		int code(int r) {
			return codes[r] & 0xff;
		}

		int length(int r) {
			return lengths[r];
		}
	}
}
