package cn.yzz.kiosk.device.cash;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.emu.Credit;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The real {@link SspNoteAcceptor} on the host end of a socat pty pair (jSerialComm), the emulated validator on
 * the device end, and a handler that journals every fact to a file (fsync) before it answers, as the cash
 * desk does. Its arithmetic is the desk's rule: money counts at CREDIT or NOTE CLEARED INTO CASHBOX only while
 * the journal holds a note in escrow (accepted, not yet settled), which either settles; with none held, a CREDIT or
 * an E2 is the repeat of one already journaled (a CREDIT the unit tells again because its EVENT ACK never went,
 * or the E2 of a note credited just before a power cut) and counts nothing. A note cleared from the front never
 * counts. The journal file is read back at start, as a restarted kiosk reads its journal.
 */
final class SspPtyRig implements AutoCloseable {

    static final Set<Long> ALL = Set.of(100L, 500L, 1000L, 2000L, 5000L, 10000L);
    /** Quick enough for tests, as the timing rules allow: POLL every 200 ms, 500 ms reply timeout, 4 tries. */
    static final SspNoteAcceptor.Options FAST = SspNoteAcceptor.Options.defaults()
            .withTimings(Duration.ofMillis(200), Duration.ofMillis(500), 4);

    final PtyPair pty;
    final Path stateFile;
    NoteAcceptorEmulator emulator;
    final SspNoteAcceptor driver;
    final JournalingHandler handler;

    private SspPtyRig(PtyPair pty, Path stateFile, NoteAcceptorEmulator emulator, SspNoteAcceptor driver, JournalingHandler handler) {
        this.pty = pty;
        this.stateFile = stateFile;
        this.emulator = emulator;
        this.driver = driver;
        this.handler = handler;
    }

    static SspPtyRig start(Path dir, SspNoteAcceptor.Options options, Consumer<NoteAcceptorEmulator> beforeOpen) throws Exception {
        PtyPair pty = PtyPair.open(dir, "nv9");
        Path state = dir.resolve("nv9-state.json");
        NoteAcceptorEmulator emu = new NoteAcceptorEmulator(LinkOpener.serialPort(pty.deviceEnd().toString(), 2), state, Dataset.CNY);
        beforeOpen.accept(emu);
        SspNoteAcceptor driver = new SspNoteAcceptor("cash", LinkOpener.serialPort(pty.hostEnd().toString(), 2), 9600, options);
        JournalingHandler handler = new JournalingHandler(dir.resolve("journal.log"));
        driver.setHandler(handler);
        SspPtyRig rig = new SspPtyRig(pty, state, emu, driver, handler);
        try {
            driver.open();
            // A unit just powered up says SLAVE RESET in its first poll, and the driver sets it up again (an
            // enable() before that would be undone): a kiosk enables once it has heard it, and so do we.
            rig.awaitEvent(NoteEvent.Kind.SLAVE_RESET, 3);
        } catch (Exception | AssertionError e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    /**
     * A new kiosk process's driver on the same port (after {@link #driver} was closed, as when its process died),
     * with its own handler journaling to {@code journal}; opened, SLAVE RESET not awaited (the unit did not reset).
     */
    SspNoteAcceptor openAnotherDriver(SspNoteAcceptor.Options options, JournalingHandler h) throws Exception {
        SspNoteAcceptor d = new SspNoteAcceptor("cash", LinkOpener.serialPort(pty.hostEnd().toString(), 2), 9600, options);
        d.setHandler(h);
        d.open();
        return d;
    }

    /** The emulator's process dies and a new one starts on the same state file, as the crash test does. */
    void restartEmulator() throws IOException {
        emulator.close();
        emulator = new NoteAcceptorEmulator(LinkOpener.serialPort(pty.deviceEnd().toString(), 2), stateFile, Dataset.CNY);
    }

    /** Waits up to {@code seconds} for {@code done}, failing with both sides' insides. */
    void await(String what, double seconds, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " in " + seconds + " s\nevents: " + handler.events
                        + "\ndriver: " + driver.state() + " " + driver.checkHealth() + " " + driver.statistics()
                        + "\n" + emulator.diagnostics() + "\n" + pty.diagnostics());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the unit has carried out {@code n} more polls. The driver sends a poll only after it has handed
     * the events of the last reply to the handler, so every reply but the last has reached it: a test that asserts
     * nothing was told waits for this, not for a guessed time.
     */
    void awaitPolls(int n) throws InterruptedException {
        long from = emulator.pollsReceived();
        await(n + " more polls", 10, () -> emulator.pollsReceived() >= from + n);
    }

    void awaitEvent(NoteEvent.Kind kind, double seconds) throws InterruptedException {
        await(kind.name(), seconds, () -> handler.count(kind) > 0);
    }

    /** What the handler's journal says was taken equals what the emulator says it credited, note for note. */
    void assertBooksAgree() {
        List<Long> emu = emulator.credits().stream().map(Credit::valueFen).toList();
        assertThat(handler.creditedFen()).as("journal vs emulator credits %s; events %s", emu, handler.events)
                .containsExactlyInAnyOrderElementsOf(emu);
    }

    @Override
    public void close() {
        driver.close();
        emulator.close();
        pty.close();
    }

    /** A cash handler that writes each fact to its journal file, forced to disk, before it returns. */
    static final class JournalingHandler implements CashHandler {
        final List<NoteEvent> events = new CopyOnWriteArrayList<>();
        final List<Long> credited = new CopyOnWriteArrayList<>();
        private final Path journal;
        volatile Decision decision = Decision.ACCEPT;
        volatile long thinkMillis;
        volatile int escrowCalls;
        /** Decisions {@link #escrowed} handed back, after its think time. */
        final java.util.concurrent.atomic.AtomicInteger decisions = new java.util.concurrent.atomic.AtomicInteger();
        /** The next this-many CREDITs throw before anything is written, as a journal that cannot commit. */
        final java.util.concurrent.atomic.AtomicInteger failCredits = new java.util.concurrent.atomic.AtomicInteger();
        /** Every CREDIT handed to {@link #event}, taken or not. */
        final java.util.concurrent.atomic.AtomicInteger creditAttempts = new java.util.concurrent.atomic.AtomicInteger();
        /** The journal holds a note in escrow that no CREDIT, clearing, rejection or fraud has settled yet. */
        private boolean escrowHeld;
        /** CREDITs (or E2s) that came with no note held in escrow: repeats, counted nothing. */
        final List<NoteEvent> repeats = new CopyOnWriteArrayList<>();

        JournalingHandler(Path journal) {
            this.journal = journal;
            try {
                if (Files.exists(journal)) {
                    for (String line : Files.readAllLines(journal)) {
                        if (line.startsWith("escrow ")) {
                            escrowHeld = true;
                        } else if (line.startsWith("CREDIT ") || line.startsWith("CLEARED_") || line.startsWith("REJECTED ")
                                || line.startsWith("FRAUD_ATTEMPT ")) {
                            escrowHeld = false;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Decision escrowed(int channel, long valueFen) {
            escrowCalls++;
            synchronized (this) {
                write("escrow " + channel + " " + valueFen);
                escrowHeld = true; // a RETURN ends in REJECTED, which settles it
            }
            if (thinkMillis > 0) {
                try {
                    Thread.sleep(thinkMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    decisions.incrementAndGet();
                    return Decision.RETURN;
                }
            }
            decisions.incrementAndGet();
            return decision;
        }

        @Override
        public synchronized void event(NoteEvent e) {
            if (e.kind() == NoteEvent.Kind.CREDIT) {
                creditAttempts.incrementAndGet();
                if (failCredits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalStateException("journal cannot commit (test)");
                }
            }
            boolean settles = switch (e.kind()) {
                case CREDIT, CLEARED_TO_CASHBOX, CLEARED_FROM_FRONT, REJECTED, FRAUD_ATTEMPT -> true;
                default -> false;
            };
            boolean repeat = (e.kind() == NoteEvent.Kind.CREDIT || e.kind() == NoteEvent.Kind.CLEARED_TO_CASHBOX) && !escrowHeld;
            write((repeat ? "repeat " : "") + e.kind() + " " + e.channel() + " " + e.valueFen() + " " + e.rejectCode());
            events.add(e);
            if (repeat) {
                repeats.add(e);
            } else if (e.kind() == NoteEvent.Kind.CREDIT || e.kind() == NoteEvent.Kind.CLEARED_TO_CASHBOX) {
                credited.add(e.valueFen());
            }
            if (settles) {
                escrowHeld = false;
            }
        }

        List<Long> creditedFen() {
            return List.copyOf(credited);
        }

        long count(NoteEvent.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).count();
        }

        List<NoteEvent> of(NoteEvent.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).toList();
        }

        List<String> journalLines() throws IOException {
            return Files.readAllLines(journal);
        }

        private void write(String line) {
            try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
