package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cashin.CashDesk;
import cn.yzz.kiosk.cashin.CashDesk.Payment;
import cn.yzz.kiosk.cashin.CashDesk.Progress;
import cn.yzz.kiosk.cashin.CashDesk.Recovery;
import cn.yzz.kiosk.cashin.CashDesk.Result;
import cn.yzz.kiosk.cashin.CashDesks;
import cn.yzz.kiosk.cashin.CashException;
import cn.yzz.kiosk.cashin.CashPolicy;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.cash.CashHandler;
import cn.yzz.kiosk.device.cash.NoteAcceptor;
import cn.yzz.kiosk.device.cash.NoteEvent;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.cash.UnitInfo;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code kioskctl device bill-test} and {@code kioskctl cash …}: the note acceptor on its own, and cash payments
 * through the very desk, journal, recovery and voucher code the kiosk runs.
 */
public final class CashSteps {

    /** How long a unit gets to answer SYNC and its set-up before it counts as not answering. */
    static final Duration LINK_WAIT = Duration.ofSeconds(10);
    /** The kiosk id receipts and vouchers carry when the data directory's kiosk is not enrolled yet. */
    public static final String UNENROLLED = "UNENROLLED";
    /**
     * The service code of a payment {@code kioskctl cash pay} takes when told none: a training code. A county that
     * does not know it refuses the transaction, which then stays in the kiosk's queue as refused, in view of the
     * administrator: its notes are still in exactly one transaction.
     */
    public static final String TRAINING_SERVICE = "KIOSKCTL-CASH";

    private CashSteps() {}

    /** A note read into escrow during a bill test, and handed back. */
    public record Note(long valueFen, int channel) {}

    public record BillTest(UnitInfo unit, List<Note> notes, int rejected) {}

    /** A payment's end, and whether it ended because nobody put a note in for the time allowed. */
    public record Paid(Result result, boolean timedOut, Recovery recovery) {}

    /**
     * Reads notes into escrow for {@code time} and hands every one back (REJECT): nothing is kept. Notes the unit
     * refuses by itself (not recognised) are counted as {@code rejected}.
     */
    public static BillTest billTest(String port, Duration time) throws InstallerException {
        return billTest(port, time, Integer.MAX_VALUE);
    }

    /**
     * As {@link #billTest(String, Duration)}, ending early once {@code enough} notes were read (or refused) and every
     * one is back out: the acceptance test waits for one note, not for the whole time.
     */
    public static BillTest billTest(String port, Duration time, int enough) throws InstallerException {
        try (NoteAcceptor acceptor = acceptor(port)) {
            List<Note> notes = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger handingBack = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            AtomicBoolean reset = new AtomicBoolean();
            AtomicBoolean unreconciled = new AtomicBoolean();
            // Set before the link is opened, so that the unit's first replies (power-up clearings, a credit it retells)
            // are heard by this handler and not taken by nobody.
            acceptor.setHandler(new CashHandler() {
                @Override
                public Decision escrowed(int channel, long valueFen) {
                    notes.add(new Note(valueFen, channel));
                    handingBack.incrementAndGet();
                    return Decision.RETURN;
                }

                @Override
                public void event(NoteEvent e) {
                    if (e.money()) {
                        // A note the unit took (or cleared) for an earlier payment: only the cash desk may take that
                        // event, so it is refused here (and so never acknowledged) and the test stops.
                        unreconciled.set(true);
                        throw new IllegalStateException("bill-test takes no money event: " + e);
                    }
                    if (e.kind() == NoteEvent.Kind.SLAVE_RESET) {
                        reset.set(true);
                    }
                    if (e.kind() == NoteEvent.Kind.REJECTED
                            && handingBack.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                        rejected.incrementAndGet();
                    }
                }
            });
            try {
                connect(acceptor, port);
                UnitInfo unit = acceptor.unit().orElseThrow();
                acceptor.enable(unit.valuesFen());
                // A unit that resets (its first poll after power-up says so) is disabled by the driver's set-up:
                // enabled again from here, after that set-up, never from inside the handler.
                long until = System.nanoTime() + time.toNanos();
                while (System.nanoTime() < until
                        && !(notes.size() + rejected.get() >= enough && handingBack.get() == 0)) {
                    if (unreconciled.get()) {
                        throw new InstallerException(ExitCodes.FAILURE, "收钞机报告了上一笔现金缴费的纸币去向，"
                                + "须先对账：kioskctl cash recover --port " + port + " --data-dir 终端数据目录");
                    }
                    if (reset.getAndSet(false)) {
                        acceptor.enable(unit.valuesFen());
                    }
                    sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
                acceptor.disable();
                // A note still on its way back out is waited for, so that the unit is idle when we close it.
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (handingBack.get() > 0 && System.nanoTime() < end) {
                    sleep(50);
                }
            } catch (DeviceException e) {
                throw new InstallerException(ExitCodes.of(e.kind()), "收钞机：" + e.getMessage(), e);
            } finally {
                acceptor.setHandler(null);
            }
            return new BillTest(acceptor.unit().orElseThrow(), List.copyOf(notes), rejected.get());
        }
    }

    /**
     * One cash payment of {@code amountFen}: first the start-up reconciliation (as the kiosk runs it), then the
     * payment, which ends paid when enough is in or timed out after {@code timeout} without a note.
     */
    public static Paid pay(Path dataDir, Clock clock, String port, long amountFen, String serviceCode, Duration timeout,
                           Consumer<Progress> progress, Consumer<Payment> started) throws InstallerException {
        try (KioskStore store = Queue.open(dataDir, clock); NoteAcceptor acceptor = acceptor(port);
             CashDesk desk = desk(acceptor, store, dataDir, CashPolicy.defaults().withInactivity(timeout))) {
            connect(acceptor, port);
            Recovery recovery = desk.recover();
            Transaction draft = new Transaction(UuidV7.next(), "payment", serviceCode, OffsetDateTime.now(clock),
                    "kioskctl", null, Map.of("purpose", "kioskctl cash pay"), amountFen, Transaction.CASH, null, null,
                    null);
            CompletableFuture<Result> ended = new CompletableFuture<>();
            Payment payment = desk.start(draft, p -> {
                progress.accept(p);
                if (p instanceof Progress.Ended e) {
                    ended.complete(e.result());
                }
            });
            started.accept(payment);
            Result result = ended.join();
            CashJournal.Ending ending = store.cash().find(result.transactionId()).map(CashJournal.CashPayment::ending)
                    .orElse(null);
            return new Paid(result, ending == CashJournal.Ending.TIMED_OUT, recovery);
        } catch (CashException e) {
            throw failure(e);
        } catch (StoreException e) {
            throw Queue.failure("读不了现金日志", e);
        }
    }

    /** The reconciliation the kiosk runs at start. */
    public static Recovery recover(Path dataDir, Clock clock, String port) throws InstallerException {
        try (KioskStore store = Queue.open(dataDir, clock); NoteAcceptor acceptor = acceptor(port);
             CashDesk desk = desk(acceptor, store, dataDir, CashPolicy.defaults())) {
            connect(acceptor, port);
            return desk.recover();
        } catch (CashException e) {
            throw failure(e);
        } catch (StoreException e) {
            throw Queue.failure("关不了终端的数据库", e);
        }
    }

    /** The cash box by the journal, without touching the acceptor. */
    public static CashJournal.CashBox status(Path dataDir, Clock clock) throws InstallerException {
        try (KioskStore store = Queue.open(dataDir, clock)) {
            return store.cash().cashBox();
        } catch (StoreException e) {
            throw Queue.failure("读不了现金日志", e);
        }
    }

    static CashDesk desk(NoteAcceptor acceptor, KioskStore store, Path dataDir, CashPolicy policy)
            throws CashException {
        return CashDesks.open(acceptor, store, kioskId(dataDir), policy);
    }

    static String kioskId(Path dataDir) {
        try {
            return EnrollmentFile.load(dataDir).map(EnrollmentFile::kioskId).orElse(UNENROLLED);
        } catch (IOException e) {
            return UNENROLLED;
        }
    }

    /**
     * The SSP driver on {@code port} (9600 8N2, essp.md §1), not opened yet: its handler (the cash desk) is set first,
     * as {@code CashDesks.open} asks, so that no event of the unit's first replies goes unheard.
     */
    static NoteAcceptor acceptor(String port) {
        return DeviceFactory.create(DeviceFactory.spec(DeviceKind.CASH_ACCEPTOR, "essp", port, Map.of()), NoteAcceptor.class);
    }

    /** Opens {@code acceptor} and waits for its link to be up and the unit described; closes it on failure. */
    static void connect(NoteAcceptor acceptor, String port) throws InstallerException {
        try {
            acceptor.open();
        } catch (DeviceException e) {
            acceptor.close();
            throw new InstallerException(ExitCodes.of(e.kind()), "收钞机：" + e.getMessage(), e);
        }
        long end = System.nanoTime() + LINK_WAIT.toNanos();
        while (acceptor.unit().isEmpty() || !acceptor.state().usable()) {
            if (System.nanoTime() > end || acceptor.state() == DeviceState.FAILED) {
                boolean fault = acceptor.state() == DeviceState.FAILED;
                Health h = acceptor.checkHealth();
                acceptor.close();
                throw new InstallerException(fault ? ExitCodes.DEVICE_FAULT : ExitCodes.NOT_ANSWERING,
                        (fault ? "收钞机不能使用（" : "收钞机没有响应（") + port + "）：" + h.detail());
            }
            sleep(50);
        }
    }

    static InstallerException failure(CashException e) {
        boolean link = e.getMessage().contains("没有响应") || e.getMessage().contains("没有准备好");
        return new InstallerException(link ? ExitCodes.NOT_ANSWERING : ExitCodes.FAILURE, e.getMessage(), e);
    }

    /** ¥300 or ¥300.50. */
    public static String yuan(long fen) {
        return fen % 100 == 0 ? "¥" + fen / 100 : String.format("¥%d.%02d", fen / 100, fen % 100);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
