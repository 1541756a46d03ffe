package org.imapp.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder written completely or not at all, the one way every command writes its
 * results: outputs go into a hidden staging folder inside the output folder and are moved into
 * place, each by an atomic rename, only when the whole command succeeded ({@link #publish}).
 * A failed or canceled command leaves no new visible file, and removes the output folder if it
 * created it. Before the first write the output location is checked against the inputs
 * ({@link Inputs}); the folder is locked against a second concurrent run; and temporary
 * {@code .part} files that a killed run left behind are removed.
 * <p>
 * A resumable run (the pipeline) keeps its staging folder when it fails, so a rerun finishes it.
 */
public final class OutputFolder implements AutoCloseable {

	/** Staging folder of a command (relative to the output folder). */
	public static final String STAGING = ".imapp-staging";
	public static final String LOCK_FILE = ".imapp.lock";

	/**
	 * Where outputs must never go.
	 * @param root the input folder itself (an output may be beside its parts or below it, not equal to it); may be null
	 * @param parts input folders and files: no output inside or equal to them, and no output file replacing one
	 * @param files other inputs (files or folders): no output file replacing one
	 */
	public record Inputs(Path root, List<Path> parts, List<Path> files) {
		public static final Inputs NONE = new Inputs(null, List.of(), List.of());

		public Inputs {
			parts = parts.stream().filter(p -> p != null).map(p -> p.toAbsolutePath().normalize()).toList();
			files = files.stream().filter(p -> p != null).map(p -> p.toAbsolutePath().normalize()).toList();
			root = root == null ? null : root.toAbsolutePath().normalize();
		}

		List<Path> all() {
			List<Path> a = new ArrayList<>(parts);
			a.addAll(files);
			return a;
		}
	}

	private final Path target;
	private final Path staging;
	private final boolean created;
	private final boolean keepStagingOnFailure;
	private final Inputs inputs;
	private final FileChannel lockChannel;
	private final FileLock lock;
	private final List<Path> removeOnPublish = new ArrayList<>();
	private final int staleParts;
	private boolean published;

	private OutputFolder(Path target, Path staging, boolean created, boolean keep, Inputs inputs, FileChannel ch, FileLock lock, int staleParts) {
		this.target = target;
		this.staging = staging;
		this.created = created;
		this.keepStagingOnFailure = keep;
		this.inputs = inputs;
		this.lockChannel = ch;
		this.lock = lock;
		this.staleParts = staleParts;
	}

	/** A command's output folder: staging cleared, dropped on failure. */
	public static OutputFolder open(Path target, Inputs inputs) throws IOException {
		return open(target, inputs, STAGING, false, false);
	}

	/**
	 * @param stagingName the staging folder, relative to {@code target}
	 * @param resumable keep the staging folder on failure (a rerun finishes it)
	 * @param keepStaged keep what an earlier, unfinished run staged (resume)
	 */
	public static OutputFolder open(Path target, Inputs inputs, String stagingName, boolean resumable, boolean keepStaged) throws IOException {
		Path t = target.toAbsolutePath().normalize();
		refuseInputs(t, inputs);
		if (Files.exists(t) && !Files.isDirectory(t)) throw new IllegalArgumentException("Output " + t + " is an existing file, not a folder; choose a folder");
		boolean created = !Files.exists(t);
		try {
			Files.createDirectories(t);
		}
		catch (IOException e) {
			throw AtomicFiles.failure(t, "cannot create the output folder", e);
		}
		FileChannel ch = null;
		FileLock lock = null;
		try {
			ch = FileChannel.open(t.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
			try {
				lock = ch.tryLock();
			}
			catch (OverlappingFileLockException e) {
				lock = null; // held by this JVM: another run in this process
			}
			if (lock == null) {
				String holder = new String(Files.readAllBytes(t.resolve(LOCK_FILE)), StandardCharsets.UTF_8).trim().replace('\n', ' ');
				ch.close();
				throw new IllegalStateException("Output folder " + t + " is in use by another IMA++ run (" + (holder.isEmpty() ? "unknown" : holder)
					+ "); wait for it to finish or choose another output folder");
			}
			ch.truncate(0);
			ch.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
			int stale = removeStaleParts(t);
			Path staging = t.resolve(stagingName);
			if (!keepStaged) deleteTree(staging);
			Files.createDirectories(staging);
			return new OutputFolder(t, staging, created, resumable, inputs, ch, lock, stale);
		}
		catch (IOException | RuntimeException e) {
			if (lock != null) {
				Files.deleteIfExists(t.resolve(LOCK_FILE));
				lock.release();
			}
			if (ch != null) ch.close();
			if (created && lock != null) deleteTree(t);
			if (e instanceof IOException io && !(e instanceof java.nio.file.FileSystemException)) throw io;
			if (e instanceof IOException io) throw AtomicFiles.failure(t, "cannot prepare the output folder", io);
			throw (RuntimeException) e;
		}
	}

	/** Who holds the lock: shown to a second run. */
	private static String holder() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (IOException e) {
			host = "unknown host";
		}
		return "pid " + ProcessHandle.current().pid() + " on " + host + ", started " + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
			+ ", locked " + Instant.now() + "\n";
	}

	/** Refuses an output folder that is an input folder or inside one, before anything is written. */
	private static void refuseInputs(Path t, Inputs inputs) throws IOException {
		Path real = real(t);
		if (inputs.root() != null && (t.equals(inputs.root()) || real.equals(real(inputs.root())))) {
			throw new IllegalArgumentException("Output folder " + t + " is the dataset folder; inputs are never written into: choose another output folder");
		}
		for (Path p : inputs.parts()) {
			if (t.startsWith(p) || real.startsWith(real(p))) {
				throw new IllegalArgumentException("Output folder " + t + " is inside the input " + p + "; inputs are never written into: choose another output folder");
			}
		}
	}

	/** The real path of {@code p}'s longest existing prefix, the rest appended (symbolic links resolved). */
	private static Path real(Path p) {
		Path existing = p;
		while (existing != null && !Files.exists(existing)) existing = existing.getParent();
		if (existing == null) return p;
		try {
			return existing.toRealPath().resolve(existing.relativize(p));
		}
		catch (IOException e) {
			return p;
		}
	}

	/** Removes the hidden temporary files ({@code .name.part}, {@code .name.merge}) a killed run left; returns how many. */
	private static int removeStaleParts(Path t) throws IOException {
		int n = 0;
		try (Stream<Path> s = Files.walk(t, 6)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String name = p.getFileName().toString();
				if (name.startsWith(".") && (name.endsWith(".part") || name.endsWith(".merge")) && Files.isRegularFile(p)) {
					Files.deleteIfExists(p);
					n++;
				}
			}
		}
		return n;
	}

	/** The folder the outputs are finally published to. */
	public Path target() {
		return target;
	}

	/** Where to write the outputs now; their paths relative to it are their paths in {@link #target}. */
	public Path staging() {
		return staging;
	}

	/** Stale temporary files removed when the folder was opened. */
	public int staleParts() {
		return staleParts;
	}

	/** The published place of a file written under {@link #staging}. */
	public Path published(Path staged) {
		return target.resolve(staging.relativize(staged.toAbsolutePath().normalize()).toString());
	}

	/** Removes {@code relative} (a file of an earlier run) from the output folder at {@link #publish}, unless this run publishes it anew. */
	public void removeOnPublish(String relative) {
		removeOnPublish.add(target.resolve(relative));
	}

	/**
	 * Moves every staged file into the output folder (each by an atomic rename, replacing an older
	 * one), removes the files given to {@link #removeOnPublish}, and the staging folder.
	 * @return the published files, sorted
	 */
	public List<Path> publish() throws IOException {
		List<Path> staged;
		try (Stream<Path> s = Files.walk(staging)) {
			staged = s.filter(Files::isRegularFile).sorted().toList();
		}
		List<Path> out = new ArrayList<>(staged.size());
		for (Path f : staged) {
			Path dest = published(f);
			for (Path in : inputs.all()) {
				if (Files.exists(dest) && Files.exists(in) && Files.isSameFile(dest, in)) {
					throw new IllegalArgumentException("Output " + dest + " would replace the input " + in + "; inputs are never modified: choose another output folder");
				}
			}
			out.add(dest);
		}
		for (int i = 0; i < staged.size(); i++) {
			Path dest = out.get(i);
			try {
				Files.createDirectories(dest.getParent());
				try {
					Files.move(staged.get(i), dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException e) {
					Files.move(staged.get(i), dest, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			catch (IOException e) {
				throw AtomicFiles.failure(dest, "cannot publish", e);
			}
		}
		java.util.Set<Path> kept = new java.util.HashSet<>(out);
		for (Path p : removeOnPublish) if (!kept.contains(p)) Files.deleteIfExists(p);
		deleteTree(staging);
		published = true;
		return out;
	}

	/** Releases the lock; without {@link #publish}, drops the staged files (unless resumable) and a folder this created. */
	@Override
	public void close() throws IOException {
		try {
			if (!published && !keepStagingOnFailure) {
				deleteTree(staging);
				removeEmptyParents(staging.getParent());
			}
			Files.deleteIfExists(target.resolve(LOCK_FILE));
		}
		finally {
			try {
				lock.release();
			}
			finally {
				lockChannel.close();
			}
			if (!published && created) removeIfEmpty(target);
		}
	}

	/** Parent folders of the staging folder that are now empty, up to (not including) the target. */
	private void removeEmptyParents(Path dir) throws IOException {
		for (Path d = dir; d != null && d.startsWith(target) && !d.equals(target); d = d.getParent()) {
			if (!removeIfEmpty(d)) return;
		}
	}

	private static boolean removeIfEmpty(Path dir) throws IOException {
		try {
			return Files.deleteIfExists(dir);
		}
		catch (DirectoryNotEmptyException e) {
			return false;
		}
	}

	/** Deletes a folder and everything in it (no-op when absent). */
	public static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
		}
	}
}
