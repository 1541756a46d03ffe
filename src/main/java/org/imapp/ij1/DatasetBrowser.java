package org.imapp.ij1;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.event.ActionEvent;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;

import ij.ImagePlus;
import ij.gui.ImageWindow;

import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.RecordFilter;
import org.imapp.data.SegRecord;
import org.imapp.table.Table;

/**
 * A small window to step through a dataset: previous/next, jump to an ISIC id, filter by
 * annotator, tool, skill and diagnosis, order by agreement. Each step shows the lesion with its
 * annotations and agreement map in one ImageJ image window, the ROIs in the ROI Manager and the
 * image's pairwise metrics in the table. Only the shown image's masks are read, on a background
 * thread, so large images do not block the window.
 * <p>
 * Keyboard: Page Down / Alt+N next, Page Up / Alt+P previous, Ctrl+G (or Alt+I) to the ISIC id
 * field and Enter to go, Alt+F to the filters and Enter to apply, Alt+O order; Tab moves between
 * fields; Page Up/Down also work in the image window.
 */
public final class DatasetBrowser {

	private final BrowserModel model;
	private final Path consensusDir;
	private final Table pairMetrics;
	private final JFrame frame;
	private final JLabel status = new JLabel(" ");
	final JTextField idField = new JTextField(14);
	final JTextField annotators = new JTextField(8);
	private final JTextField tools = new JTextField(6);
	private final JTextField skills = new JTextField(5);
	private final JTextField diagnoses = new JTextField(10);
	private final JComboBox<String> order = new JComboBox<>(BrowserModel.Order.labels());
	private final JCheckBox agreement = new JCheckBox("Agreement map", true);
	private final JCheckBox staple = new JCheckBox("STAPLE", true);
	private final JCheckBox majority = new JCheckBox("Majority vote", true);
	private final DefaultTableModel tableModel = new DefaultTableModel() {
		private static final long serialVersionUID = 1L;

		@Override
		public boolean isCellEditable(int row, int column) {
			return false;
		}
	};
	private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "IMA++ browser loader");
		t.setDaemon(true);
		return t;
	});
	private final AtomicLong generation = new AtomicLong();
	private ImagePlus image;
	private volatile ImageAnnotations shown;

	/**
	 * @param consensusDir consensus masks folder, or null
	 * @param pairMetrics pairwise metrics table (IAA_metrics columns) or null
	 */
	public DatasetBrowser(BrowserModel model, Path consensusDir, Table pairMetrics) {
		this.model = model;
		this.consensusDir = consensusDir;
		this.pairMetrics = pairMetrics;
		this.frame = new JFrame("IMA++ Browse Dataset");
		build();
	}

	private void build() {
		JButton prev = button("\u25C0 Previous", KeyEvent.VK_P, () -> step(-1));
		JButton next = button("Next \u25B6", KeyEvent.VK_N, () -> step(1));
		JButton go = button("Go", KeyEvent.VK_G, this::jump);
		JLabel idLabel = new JLabel("ISIC id:");
		idLabel.setDisplayedMnemonic(KeyEvent.VK_I);
		idLabel.setLabelFor(idField);
		idField.addActionListener(e -> jump());
		JPanel nav = new JPanel(new FlowLayout(FlowLayout.LEFT));
		nav.add(prev);
		nav.add(next);
		nav.add(idLabel);
		nav.add(idField);
		nav.add(go);

		JPanel filters = new JPanel(new FlowLayout(FlowLayout.LEFT));
		filters.add(labelled("Annotators:", KeyEvent.VK_F, annotators));
		filters.add(annotators);
		filters.add(new JLabel("Tools:"));
		filters.add(tools);
		filters.add(new JLabel("Skills:"));
		filters.add(skills);
		filters.add(new JLabel("Diagnosis:"));
		filters.add(diagnoses);
		filters.add(button("Apply", KeyEvent.VK_A, this::applyFilter));
		for (JTextField f : List.of(annotators, tools, skills, diagnoses)) f.addActionListener(e -> applyFilter());

		JPanel view = new JPanel(new FlowLayout(FlowLayout.LEFT));
		JLabel orderLabel = labelled("Order:", KeyEvent.VK_O, order);
		view.add(orderLabel);
		view.add(order);
		order.setSelectedItem(model.order().label());
		order.addActionListener(e -> {
			model.setOrder(BrowserModel.Order.parse((String) order.getSelectedItem()));
			show();
		});
		agreement.setMnemonic(KeyEvent.VK_M);
		staple.setMnemonic(KeyEvent.VK_S);
		majority.setMnemonic(KeyEvent.VK_V);
		for (JCheckBox b : List.of(agreement, staple, majority)) {
			b.addActionListener(e -> show());
			view.add(b);
		}

		JPanel top = new JPanel(new GridLayout(0, 1));
		top.add(nav);
		top.add(filters);
		top.add(view);
		status.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
		top.add(status);

		JTable table = new JTable(tableModel);
		table.setAutoCreateRowSorter(true);
		table.setFillsViewportHeight(true);
		JScrollPane scroll = new JScrollPane(table);
		scroll.setPreferredSize(new Dimension(900, 190));

		JPanel root = new JPanel(new BorderLayout());
		root.add(top, BorderLayout.NORTH);
		root.add(scroll, BorderLayout.CENTER);
		frame.setContentPane(root);
		bind(root, "next", () -> step(1), KeyStroke.getKeyStroke(KeyEvent.VK_PAGE_DOWN, 0));
		bind(root, "previous", () -> step(-1), KeyStroke.getKeyStroke(KeyEvent.VK_PAGE_UP, 0));
		bind(root, "find", idField::requestFocusInWindow, KeyStroke.getKeyStroke(KeyEvent.VK_G, KeyEvent.CTRL_DOWN_MASK));
		frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
		frame.addWindowListener(new WindowAdapter() {
			@Override
			public void windowClosed(WindowEvent e) {
				close();
			}
		});
		frame.pack();
	}

	private static JLabel labelled(String text, int mnemonic, JComponent field) {
		JLabel l = new JLabel(text);
		l.setDisplayedMnemonic(mnemonic);
		l.setLabelFor(field);
		return l;
	}

	private static JButton button(String text, int mnemonic, Runnable action) {
		JButton b = new JButton(text);
		b.setMnemonic(mnemonic);
		b.addActionListener(e -> action.run());
		return b;
	}

	private static void bind(JComponent c, String name, Runnable action, KeyStroke key) {
		c.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(key, name);
		c.getActionMap().put(name, new AbstractAction() {
			private static final long serialVersionUID = 1L;

			@Override
			public void actionPerformed(ActionEvent e) {
				action.run();
			}
		});
	}

	/** Opens the window and shows the current image (or the one named). */
	public void open(String startId) {
		if (startId != null && !startId.isBlank()) model.jump(startId);
		frame.setVisible(true);
		// May lose table rows and width (the table scrolls) to fit beside the other windows.
		WindowPlacement.place(frame, Math.min(frame.getWidth(), 640), Math.min(frame.getHeight(), 260), false);
		show();
	}

	public JFrame frame() {
		return frame;
	}

	/** The image window's image (null before the first image is shown). */
	public ImagePlus image() {
		return image;
	}

	/** The annotations now shown (null while the first image loads). */
	public ImageAnnotations shown() {
		return shown;
	}

	public BrowserModel model() {
		return model;
	}

	/** The status line (position and image, or the last error). */
	public String statusText() {
		return status.getText();
	}

	/** Metrics rows now in the table. */
	public int tableRows() {
		return tableModel.getRowCount();
	}

	private void step(int by) {
		model.move(by);
		show();
	}

	private void jump() {
		try {
			model.jump(idField.getText());
			show();
		}
		catch (IllegalArgumentException e) {
			status.setText(e.getMessage());
		}
	}

	private void applyFilter() {
		model.setFilter(RecordFilter.parse(annotators.getText(), tools.getText(), skills.getText(), diagnoses.getText()));
		if (model.size() == 0) {
			status.setText("No image matches the filter");
			return;
		}
		show();
	}

	/** Loads the current image in the background and shows it when ready (later requests win). */
	public void show() {
		ImageGroup g = model.current();
		if (g == null) return;
		long gen = generation.incrementAndGet();
		boolean map = agreement.isSelected();
		List<String> kinds = new ArrayList<>();
		if (staple.isSelected()) kinds.add(SegRecord.STAPLE);
		if (majority.isSelected()) kinds.add(SegRecord.MAJORITY_VOTE);
		String line = model.describe(g);
		status.setText("Loading " + g.isicId() + " ...");
		loader.submit(() -> {
			try {
				Dataset ds = model.dataset();
				ImageAnnotations ann = ImageAnnotations.load(ds, g, consensusDir, kinds);
				ImagePlus view = AnnotationView.render(AnnotationView.lesion(ds, g, ann.width(), ann.height()), ann, map);
				Table metrics = pairMetrics == null ? null : ImageMetricsTable.of(pairMetrics, g.imgFilename(), ann.namesByFile(), "metrics");
				SwingUtilities.invokeLater(() -> {
					if (gen != generation.get()) return;
					display(view, ann, metrics);
					status.setText(line);
				});
			}
			catch (IOException | RuntimeException e) {
				SwingUtilities.invokeLater(() -> status.setText(g.isicId() + ": " + e.getMessage()));
			}
		});
	}

	private void display(ImagePlus view, ImageAnnotations ann, Table metrics) {
		if (image == null || image.getWindow() == null) {
			image = view;
			image.setTitle("IMA++ Browse: " + ann.group().isicId());
			WindowPlacement.show(image);
			ImageWindow w = image.getWindow();
			if (w != null) {
				w.getCanvas().addKeyListener(new KeyAdapter() {
					@Override
					public void keyPressed(KeyEvent e) {
						if (e.getKeyCode() == KeyEvent.VK_PAGE_DOWN) step(1);
						else if (e.getKeyCode() == KeyEvent.VK_PAGE_UP) step(-1);
					}
				});
			}
		}
		else {
			image.setImage(view);
			image.setOverlay(view.getOverlay());
			image.setTitle("IMA++ Browse: " + ann.group().isicId());
			// Another image's size may have grown the window over its neighbours or off the screen.
			WindowPlacement.place(image, true);
		}
		shown = ann;
		AnnotationDisplay.listInRoiManager(ann);
		fillTable(metrics);
	}

	private void fillTable(Table t) {
		if (t == null) {
			tableModel.setDataVector(new Object[][] { { "No pairwise metrics (give metrics=)" } }, new Object[] { "" });
			return;
		}
		Object[][] rows = new Object[t.rowCount()][t.columnCount()];
		for (int r = 0; r < t.rowCount(); r++) {
			for (int c = 0; c < t.columnCount(); c++) {
				Object v = t.get(r, c);
				rows[r][c] = v instanceof Double d ? (Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d)) : v;
			}
		}
		tableModel.setDataVector(rows, t.columns().toArray());
	}

	/** Closes the window, the image window and the dataset. */
	public void close() {
		loader.shutdownNow();
		if (frame.isDisplayable()) frame.dispose();
		if (image != null && image.getWindow() != null) {
			image.changes = false;
			image.close();
		}
		try {
			model.dataset().close();
		}
		catch (IOException e) {
			// Only file handles of segs.zip are released here.
		}
	}

	/** Waits (on a non-UI thread) until the current image is on screen. */
	public boolean awaitShown(String isicId, long timeoutMs) throws InterruptedException {
		long end = System.currentTimeMillis() + timeoutMs;
		while (System.currentTimeMillis() < end) {
			ImageAnnotations a = shown;
			if (a != null && a.group().isicId().equals(isicId)) return true;
			Thread.sleep(50);
		}
		return false;
	}

}
