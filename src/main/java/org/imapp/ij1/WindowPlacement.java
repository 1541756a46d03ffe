package org.imapp.ij1;

import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GraphicsEnvironment;
import java.awt.Insets;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Window;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;
import ij.plugin.frame.RoiManager;
import ij.text.TextPanel;
import ij.text.TextWindow;

/**
 * Where the suite's windows go: each new window takes the first free spot, scanning from the
 * top-left corner of the screen, next to or below the windows already showing, so that none
 * covers another and all lie on the screen. An image that fits nowhere is shown zoomed out
 * (ImageJ's canvas magnification; the pixels are untouched) until it does; a table is sized to
 * its columns and rows (capped by the screen) and shrinks only when no spot takes it whole.
 */
public final class WindowPlacement {

	/** Space between neighbouring windows. */
	static final int GAP = 4;
	/** The smallest zoom used to fit an image (ImageJ's lowest zoom level is 1/72). */
	private static final double MIN_ZOOM = 1 / 32.0;
	/** A table window never gets taller than this share of the screen (it scrolls). */
	private static final double TABLE_HEIGHT_SHARE = 0.16;
	/** An image window opens no larger than this share of the screen's width and height (room for its tables). */
	private static final double IMAGE_SHARE = 0.4;
	/** Rows looked at to size a table's columns. */
	private static final int SIZING_ROWS = 500;

	private WindowPlacement() {}

	/** The area windows may use: the screen without task bars (all of a bare Xvfb screen). */
	public static Rectangle screen() {
		return GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
	}

	/**
	 * Places the image's window (none in batch mode or headless), zoomed out as far as needed;
	 * with {@code keepIfFree} a window whose image changed stays where it is if it still fits there.
	 */
	public static void place(ImagePlus imp, boolean keepIfFree) {
		onEventThread(() -> placeNow(imp, keepIfFree));
	}

	private static void placeNow(ImagePlus imp, boolean keepIfFree) {
		ImageWindow win = imp == null ? null : imp.getWindow();
		if (win == null) return;
		Rectangle screen = screen();
		if (keepIfFree && screen.contains(win.getBounds()) && !overlapsOthers(win, win.getBounds())) return;
		// At most 40 % of the screen each way, leaving room for the windows that come with it
		// (tables, ROI Manager); then zoomed out further while no spot is free.
		while ((win.getWidth() > screen.width * IMAGE_SHARE || win.getHeight() > screen.height * IMAGE_SHARE) && zoomOut(win)) {}
		Point p;
		while ((p = freeSpot(win, win.getSize(), screen, false)) == null && zoomOut(win)) {}
		Point at = p != null ? p : new Point(screen.x, screen.y);
		win.setLocation(at);
		settle(win, new Rectangle(at, win.getSize()), false);
	}

	/**
	 * Places a window that is not an image at the first free spot; with {@code keepIfFree}, a
	 * window shown again (a table with a row added) stays where it is if that spot is still free.
	 * A window that fits nowhere loses height, then width, down to {@code minWidth x minHeight}.
	 */
	public static void place(Window w, int minWidth, int minHeight, boolean keepIfFree) {
		onEventThread(() -> place(w, minWidth, minHeight, keepIfFree, false));
	}

	/**
	 * Places a window that has just opened, and checks its spot again once the events queued
	 * meanwhile have run (ImageJ may still size it there); it stays where it is if still free.
	 */
	public static void placeNew(Window w, int minWidth, int minHeight) {
		place(w, minWidth, minHeight, false);
		java.awt.EventQueue.invokeLater(() -> place(w, minWidth, minHeight, true, false));
	}

	/** As {@link #place(Window, int, int, boolean)}; {@code fromBottom} fills the screen bottom-up (tables). */
	private static void place(Window w, int minWidth, int minHeight, boolean keepIfFree, boolean fromBottom) {
		if (w != null) place(w, w.getSize(), minWidth, minHeight, keepIfFree, fromBottom);
	}

	/**
	 * Gives the window {@code size} (or less, down to the minimum, where no spot takes it whole) at
	 * a free spot, in one change of its bounds: on X11 a resize is carried out asynchronously, and
	 * a quick series of them could leave a window at an earlier, larger size than the last one.
	 */
	private static void place(Window w, Dimension size, int minWidth, int minHeight, boolean keepIfFree, boolean fromBottom) {
		// Displayable, not necessarily showing yet: the ROI Manager shows itself on the event thread.
		if (w == null || !w.isDisplayable()) return;
		Rectangle screen = screen();
		Dimension d = new Dimension(Math.min(size.width, screen.width), Math.min(size.height, screen.height));
		// "Where it is" is where it was just placed while that is settling (it may have drifted).
		Placed recent = PLACED.get(w);
		Rectangle here = new Rectangle(recent != null && recent.settling() ? recent.bounds().getLocation() : w.getLocation(), d);
		if (keepIfFree && screen.contains(here) && !overlapsOthers(w, here)) {
			setBounds(w, here);
			return;
		}
		Point p;
		while ((p = freeSpot(w, d, screen, fromBottom)) == null && shrink(d, minWidth, minHeight)) {}
		setBounds(w, new Rectangle(p != null ? p : new Point(screen.x, screen.y), d));
	}

	private static void setBounds(Window w, Rectangle r) {
		if (!w.getBounds().equals(r)) setBoundsOnly(w, r);
		settle(w, r, true);
	}

	/** The last spot each window was given (event thread only); a later placement replaces it. */
	private static final java.util.Map<Window, Placed> PLACED = new java.util.WeakHashMap<>();
	private static final int SETTLE_CHECKS = 4, SETTLE_MS = 250;

	/** A window's spot and whether it is still being watched for drift ({@link #settle}). */
	private static final class Placed {
		private final Rectangle bounds;
		private int checks;

		Placed(Rectangle bounds) {
			this.bounds = new Rectangle(bounds);
		}

		Rectangle bounds() {
			return bounds;
		}

		boolean settling() {
			return checks < SETTLE_CHECKS;
		}
	}

	/**
	 * Puts a window back where it was placed if it drifts from there in the next second, while that
	 * spot is still free. On X11 the server may report a new window's first position (ImageJ's, or
	 * a frame's 0,0) after it was moved, and Java then takes that for the window's bounds: seen in
	 * test runs as the dataset browser or a table back at its first spot, over another window.
	 * {@code withSize}: the size too (not for image windows, whose zoom may change their size).
	 */
	private static void settle(Window w, Rectangle r, boolean withSize) {
		Placed placed = new Placed(r);
		PLACED.put(w, placed);
		javax.swing.Timer timer = new javax.swing.Timer(SETTLE_MS, null);
		timer.addActionListener(e -> {
			boolean current = PLACED.get(w) == placed && w.isDisplayable();
			if (++placed.checks >= SETTLE_CHECKS || !current) timer.stop();
			if (!current) return;
			Rectangle want = withSize ? placed.bounds() : new Rectangle(placed.bounds().getLocation(), w.getSize());
			if (w.getBounds().equals(want) || overlapsOthers(w, want)) return;
			if (withSize) setBoundsOnly(w, want);
			else w.setLocation(want.getLocation());
		});
		timer.start();
	}

	private static void setBoundsOnly(Window w, Rectangle r) {
		w.setBounds(r);
		w.validate();
	}

	/**
	 * Sizes a table's window to show all its columns and up to a share of the screen's height of
	 * rows, then places it (a new window at the first free spot).
	 */
	public static void placeTable(TextWindow win, boolean isNew) {
		onEventThread(() -> sizeAndPlaceTable(win, isNew));
		// ImageJ may still fill or size a new table's window from the event queue (seen in full test
		// runs: a table left at ImageJ's default size): size and place it once more after that, as
		// images are re-checked in show(ImagePlus).
		if (win != null && !java.awt.EventQueue.isDispatchThread()) java.awt.EventQueue.invokeLater(() -> sizeAndPlaceTable(win, false));
	}

	private static void sizeAndPlaceTable(TextWindow win, boolean isNew) {
		if (win == null || !win.isDisplayable()) return;
		TextPanel tp = win.getTextPanel();
		FontMetrics fm = tp.getFontMetrics(tableFont(tp));
		Insets in = win.getInsets();
		int rowHeight = fm.getHeight() + 2;
		// The cells as the panel shows them (tab-separated lines), the first rows and the last as ImageJ sizes columns.
		String[] headings = tp.getColumnHeadings().split("\t", -1);
		int rows = tp.getLineCount();
		int[] widths = new int[headings.length];
		for (int c = 0; c < headings.length; c++) widths[c] = fm.stringWidth(headings[c]);
		for (int r = 0; r < rows; r++) {
			if (r >= SIZING_ROWS && r != rows - 1) continue;
			String[] cells = tp.getLine(r).split("\t", -1);
			for (int c = 0; c < Math.min(cells.length, widths.length); c++) widths[c] = Math.max(widths[c], fm.stringWidth(cells[c]));
		}
		int width = 0;
		for (int w : widths) width += Math.max(15, w) + 15; // as ImageJ's TextCanvas.calcAutoWidth pads them
		Rectangle screen = screen();
		// Scroll bars and the window's own border; a menu bar above the panel.
		int w = width + in.left + in.right + 24;
		int h = rowHeight * (rows + 1) + in.top + in.bottom + 24 + (win.getMenuBar() != null ? 28 : 0);
		w = Math.min(w, screen.width);
		h = Math.min(h, (int) (screen.height * TABLE_HEIGHT_SHARE));
		Dimension size = new Dimension(Math.max(w, 200), Math.max(h, 6 * rowHeight));
		int minHeight = Math.min(size.height, 5 * rowHeight + in.top + in.bottom + 24);
		// Tables fill the screen from the bottom, images from the top: wide short windows below tall ones.
		place(win, size, Math.min(size.width, 300), minHeight, !isNew, true);
	}

	/**
	 * Shows the image (a batch-mode image in a batch-mode macro) and places its window; checks the
	 * spot again once the events queued meanwhile have run, as ImageJ may still size a new window.
	 */
	public static void show(ImagePlus imp) {
		imp.show();
		place(imp, false);
		if (imp.getWindow() != null) java.awt.EventQueue.invokeLater(() -> placeNow(imp, true));
	}

	/**
	 * The ROI Manager a command fills: the macro's hidden one in batch mode, else ImageJ's window,
	 * placed beside the others when it opens now.
	 */
	public static RoiManager roiManager() {
		RoiManager rm = RoiManager.getInstance();
		if (rm != null) return rm;
		rm = RoiManager.getRoiManager();
		RoiManager manager = rm;
		if (!ij.macro.Interpreter.isBatchMode()) onEventThread(() -> place(manager, manager.getWidth(), manager.getHeight(), false, false));
		return rm;
	}

	/**
	 * Runs a placement on the event thread and waits for it: ImageJ sizes and fills new windows
	 * there, so a placement queued behind that sees their final bounds, and placements from
	 * several threads never interleave (windows placed from a command's thread while ImageJ was
	 * still sizing an earlier one came to overlap it).
	 */
	private static void onEventThread(Runnable r) {
		if (java.awt.EventQueue.isDispatchThread()) {
			r.run();
			return;
		}
		try {
			java.awt.EventQueue.invokeAndWait(r);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (java.lang.reflect.InvocationTargetException e) {
			if (e.getCause() instanceof RuntimeException re) throw re;
			if (e.getCause() instanceof Error err) throw err;
			throw new IllegalStateException(e.getCause());
		}
	}

	/**
	 * The font the table's cells are drawn in: ImageJ keeps it in the panel's text canvas, not as
	 * the panel's AWT font (read reflectively; the panel's font is a close fallback).
	 */
	private static Font tableFont(TextPanel tp) {
		try {
			Field canvas = TextPanel.class.getDeclaredField("tc");
			canvas.setAccessible(true);
			Object tc = canvas.get(tp);
			Field font = tc.getClass().getDeclaredField("fFont");
			font.setAccessible(true);
			if (font.get(tc) instanceof Font f) return f;
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			// another ImageJ version: fall back
		}
		return tp.getFont();
	}

	/**
	 * The first free spot for {@code w} at {@code size}, or null: candidates are the spots flush with the screen's
	 * edges and with each other window's sides; top rows first (bottom rows first, {@code
	 * fromBottom}), then left to right.
	 */
	static Point freeSpot(Window w, Dimension size, Rectangle screen, boolean fromBottom) {
		List<Rectangle> others = others(w);
		TreeSet<Integer> xs = new TreeSet<>();
		TreeSet<Integer> ys = new TreeSet<>(fromBottom ? java.util.Comparator.<Integer>reverseOrder() : java.util.Comparator.<Integer>naturalOrder());
		// Flush with the screen's edges and with each other window's sides, on either side: the
		// gaps a crowded screen still has are found, not only the spots right of and below windows.
		xs.add(screen.x);
		xs.add(screen.x + screen.width - size.width);
		ys.add(screen.y);
		ys.add(screen.y + screen.height - size.height);
		for (Rectangle r : others) {
			xs.add(r.x + r.width + GAP);
			xs.add(r.x - GAP - size.width);
			ys.add(r.y + r.height + GAP);
			ys.add(r.y - GAP - size.height);
		}
		for (int y : ys) {
			for (int x : xs) {
				Rectangle c = new Rectangle(x, y, size.width, size.height);
				if (!screen.contains(c)) continue;
				boolean free = true;
				for (Rectangle r : others) if (r.intersects(c)) { free = false; break; }
				if (free) return c.getLocation();
			}
		}
		return null;
	}

	private static boolean overlapsOthers(Window w, Rectangle bounds) {
		for (Rectangle r : others(w)) if (r.intersects(bounds)) return true;
		return false;
	}

	/** The bounds of the other windows on screen (any window: the user's, ImageJ's, the suite's). */
	private static List<Rectangle> others(Window w) {
		List<Rectangle> out = new ArrayList<>();
		for (Window o : Window.getWindows()) {
			if (o != w && o.isShowing() && o.getWidth() > 0 && o.getHeight() > 0) out.add(o.getBounds());
		}
		return out;
	}

	/** One zoom level less (whole image in view); false at the lowest level. */
	private static boolean zoomOut(ImageWindow win) {
		ImageCanvas ic = win.getCanvas();
		double mag = ic.getMagnification();
		double lower = ImageCanvas.getLowerZoomLevel(mag);
		if (lower >= mag || lower < MIN_ZOOM) return false;
		ImagePlus imp = win.getImagePlus();
		ic.setSourceRect(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()));
		ic.setMagnification(lower);
		ic.setSize((int) Math.ceil(imp.getWidth() * lower), (int) Math.ceil(imp.getHeight() * lower));
		win.pack();
		return true;
	}

	/** Shrinks {@code d} by a tenth towards the minimum size; false when it is there. */
	private static boolean shrink(Dimension d, int minWidth, int minHeight) {
		int nw = d.width, nh = Math.max(minHeight, d.height * 9 / 10);
		if (nh == d.height) nw = Math.max(minWidth, d.width * 9 / 10); // rows scroll; hidden columns are worse
		if (nw == d.width && nh == d.height) return false;
		d.setSize(nw, nh);
		return true;
	}
}
