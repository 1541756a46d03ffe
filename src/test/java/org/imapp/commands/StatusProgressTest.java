package org.imapp.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;

import org.imapp.Fixtures;

/**
 * A command's progress reaches SciJava's {@link StatusService} (Fiji's status bar, a script's
 * listeners) as well as ImageJ's progress bar: the {@link StatusEvent}s a subscriber receives
 * while Consensus Masks runs on the fixture.
 */
class StatusProgressTest {

	/** Collects status events; {@link #FLUSH} marks that every earlier event was delivered. */
	public static final class Listener {

		static final String FLUSH = "test: all delivered";

		final List<StatusEvent> events = new CopyOnWriteArrayList<>();
		final CountDownLatch flushed = new CountDownLatch(1);

		@EventHandler
		public void onEvent(StatusEvent e) {
			if (FLUSH.equals(e.getStatusMessage())) flushed.countDown();
			else events.add(e);
		}
	}

	@Test
	void consensusMasksReportsProgressThroughStatusService(@TempDir Path tmp) throws Exception {
		Context context = new Context(CommandService.class, StatusService.class);
		try {
			EventService eventService = context.service(EventService.class);
			Listener listener = new Listener(); // held here: the event service keeps subscribers weakly
			eventService.subscribe(listener);
			CommandModule m = context.service(CommandService.class)
				.run(ConsensusMasksCommand.class, true, Map.of("dataset", Fixtures.SMALL.toFile(), "output", tmp.resolve("out").toFile())).get();
			assertNull(m.getCancelReason());
			// Status events are published later, in order, on the event thread: this one arrives after them.
			eventService.publishLater(new StatusEvent(Listener.FLUSH));
			assertTrue(listener.flushed.await(10, TimeUnit.MINUTES), "event queue never delivered"); // a hang guard, not a timing
			List<StatusEvent> progress = listener.events.stream().filter(e -> e.getProgressMaximum() > 0).toList();
			assertFalse(progress.isEmpty(), "no progress events: " + listener.events);
			int images = (int) m.getOutput("images");
			assertEquals(24, images);
			StatusEvent first = progress.get(0), last = progress.get(progress.size() - 1);
			assertTrue(first.getProgressValue() < first.getProgressMaximum(), "first event: " + first);
			assertEquals(last.getProgressMaximum(), last.getProgressValue(), "last event: " + last);
			for (StatusEvent e : progress) assertTrue(e.getProgressValue() >= 0 && e.getProgressValue() <= e.getProgressMaximum(), e.toString());
			assertTrue(progress.stream().anyMatch(e -> e.getStatusMessage() != null && !e.getStatusMessage().isBlank()), "no status message: " + progress);
		}
		finally {
			context.dispose();
		}
	}
}
