package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.service.CashSlips;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.Till;
import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cashin.CashDesk;
import cn.yzz.kiosk.cashin.CashDesks;
import cn.yzz.kiosk.cashin.CashException;
import cn.yzz.kiosk.cashin.CashPolicy;
import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.cash.NoteAcceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Cash on an enhanced kiosk, from start to close: makes the {@link CashDesk} over the note acceptor and the
 * cash-in journal once the store is open, and only then opens the acceptor (so the desk journals the unit's
 * power-up events from the first poll); runs the start-up reconciliation ({@link CashDesk#recover()}) before
 * cash is offered, logs what it ended and prints the vouchers it owes; prints the audit when the cash box
 * comes back; and says whether cash can be taken now ({@link #takesCashProperty()}), which is what keeps cash
 * in the service lists. Every desk call runs on {@code kiosk-till}, never on the JavaFX thread.
 *
 * <p>A printer that is down when a recovered payment owes a voucher: the voucher is logged (number and amount),
 * and stays in the journal and in its queued transaction, for the administrator to reprint; nobody is at the
 * kiosk for it then anyway.
 */
final class CashWatch implements AutoCloseable, cn.yzz.kiosk.app.console.CashDrawer {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.cash");

    /** How often whether cash can be taken is asked again besides on every event (a box filling, the store). */
    static final Duration RECHECK = Duration.ofSeconds(10);

    private final NoteAcceptor acceptor;
    private final ReceiptOut printer;
    private final Executor fx;
    private final Clock clock;
    private final CashPolicy policy;
    private final ScheduledExecutorService till;
    private final ReadOnlyBooleanWrapper takesCash = new ReadOnlyBooleanWrapper(this, "takesCash", false);
    private volatile CashDesk desk;
    private volatile CountyLink county;
    private volatile boolean ready; // recovered: payments may start
    private volatile boolean closed;
    private boolean toldNotEnrolled; // on kiosk-till
    /** The administrator is changing the box (the console): no cash is offered meanwhile. */
    private volatile boolean stopped;
    private final java.util.List<BoxWatcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    CashWatch(NoteAcceptor acceptor, ReceiptOut printer, Executor fx, Clock clock, CashPolicy policy) {
        this.acceptor = acceptor;
        this.printer = printer;
        this.fx = fx;
        this.clock = clock;
        this.policy = policy;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "kiosk-till");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.till = t;
        acceptor.addListener(e -> {
            if (e instanceof DeviceEvent.StateChanged) {
                recheck();
            }
        });
    }

    /** Whether cash can be taken now: the desk recovered and saying so. On the JavaFX thread. */
    ReadOnlyBooleanProperty takesCashProperty() {
        return takesCash.getReadOnlyProperty();
    }

    /** The desk once it is made, else null (for the benchmark, which times the acceptor's events into it). */
    CashDesk desk() {
        return desk;
    }

    /** Cash as service runs reach it. */
    Till till() {
        return new Till(() -> ready ? desk : null, till, () -> {
            CountyLink c = county;
            if (c != null) {
                c.queued();
            }
            recheck();
        });
    }

    /**
     * The store is open: makes the desk, opens the acceptor, reconciles, then offers cash. Returns at once; the
     * work runs on {@code kiosk-till}.
     */
    void start(CountyLink link) {
        county = link;
        till.execute(() -> make(link));
    }

    /**
     * Makes the desk once the kiosk is enrolled: receipt and voucher numbers begin with its id, so a kiosk being
     * installed takes no cash (its acceptor stays closed) until {@code kioskctl enroll} has run.
     */
    private void make(CountyLink link) {
        if (closed) {
            return;
        }
        if (link.kioskId().isEmpty()) {
            if (!toldNotEnrolled) {
                toldNotEnrolled = true;
                LOG.info("not enrolled: no cash is taken until the kiosk is (its id begins every receipt and voucher number)");
            }
            till.schedule(() -> make(link), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            CashDesk d = CashDesks.open(acceptor, link.cashJournal(), link.kioskId(), link::acceptingWork, policy);
            desk = d;
            d.addBoxListener(new CashDesk.BoxListener() {
                private boolean out; // the unit tells it at every poll while the box is out: logged once

                @Override
                public void removed() {
                    if (!out) {
                        out = true;
                        LOG.info("cash box removed: no cash is taken until it is back");
                        watchers.forEach(BoxWatcher::removed);
                        recheck();
                    }
                }

                @Override
                public void replaced(Transaction audit) {
                    out = false;
                    boxReplaced(audit);
                }

                @Override
                public void nearFull(CashJournal.CashBox box) {
                    LOG.warning(() -> "cash box near full (" + box.noteCount() + " notes of " + policy.capacityNotes()
                            + "): cash leaves the service lists until it is emptied");
                    recheck();
                }
            });
            try {
                acceptor.open();
                LOG.info(() -> acceptor.name() + " opened: " + acceptor.state());
            } catch (DeviceException e) {
                LOG.warning(() -> acceptor.name() + " cannot be opened: " + e.getMessage() + "; its driver keeps trying");
            }
            recover(d);
        } catch (CashException | RuntimeException e) {
            LOG.log(Level.SEVERE, "no cash desk: cash is not offered until the kiosk is restarted", e);
        }
        till.scheduleWithFixedDelay(this::ask, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The start-up reconciliation, on {@code kiosk-till}; a unit that does not answer is tried again later. */
    private void recover(CashDesk d) {
        try {
            CashDesk.Recovery r = d.recover();
            LOG.info(() -> "cash reconciliation: " + r.ended().size() + " open payment(s) ended, " + r.clearedFromFront()
                    + " note(s) cleared from the front, " + r.clearedToCashbox() + " into the cash box, "
                    + r.unattributedFen() + " fen unattributed");
            for (CashDesk.Result e : r.ended()) {
                LOG.info(() -> "cash payment " + e.transactionId() + " recovered: " + e.status() + ", " + e.insertedFen()
                        + " of " + e.dueFen() + " fen" + (e.voucherFen() > 0 ? ", voucher " + e.voucherNo() + " for "
                        + e.voucherFen() + " fen" : ""));
                if (e.voucherFen() > 0) {
                    printRecoveredVoucher(e);
                }
            }
            ready = true;
            if (!r.ended().isEmpty() && county != null) {
                county.queued();
            }
        } catch (CashException | RuntimeException e) {
            LOG.warning(() -> "cash reconciliation not done (" + e.getMessage() + "); tried again in " + RECHECK.toSeconds() + " s");
            if (!closed) {
                till.schedule(() -> recover(d), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        ask();
    }

    /** A voucher a crash left owed: printed at once when the printer can, so the administrator can hand it over. */
    private void printRecoveredVoucher(CashDesk.Result e) {
        if (!printer.ready()) {
            LOG.warning(() -> "voucher " + e.voucherNo() + " (" + e.voucherFen() + " fen) owed by recovered payment "
                    + e.transactionId() + " not printed: the printer is not ready (" + printer.why() + ")");
            return;
        }
        Transaction t = e.queued();
        CashSlips.Voucher v = new CashSlips.Voucher(e.voucherNo(), e.voucherFen(), e.insertedFen(),
                t == null || t.person() == null ? "" : Mask.name(t.person().name()), kioskId(), OffsetDateTime.now(clock),
                "paid".equals(e.status()) && t != null ? t.receiptNo() : null);
        printer.print(CashSlips.voucher(v, printer.paper())).whenComplete((job, error) -> LOG.info(() -> error == null
                ? "voucher " + e.voucherNo() + " of recovered payment " + e.transactionId() + " printed"
                : "voucher " + e.voucherNo() + " not printed: " + error.getMessage()));
    }

    /** The box is back, emptied: the audit the journal queued is printed for the administrator to sign. */
    private void boxReplaced(Transaction audit) {
        CashSlips.Audit a = CashSlips.Audit.of(audit, kioskId());
        LOG.info(() -> "cash box replaced: audit " + audit.id() + ", " + a.noteCount() + " notes, " + a.cashboxFen() + " fen");
        CountyLink c = county;
        if (c != null) {
            c.queued();
        }
        ReconciliationReport report = new ReconciliationReport(a.kioskId(), a.notes(), a.cashboxFen(), a.unattributedFen(),
                a.from(), a.to(), a.journalHash(), audit.id());
        if (printer.ready()) {
            printer.print(CashSlips.audit(a, printer.paper())).whenComplete((job, error) -> {
                if (error != null) {
                    LOG.warning(() -> "cash audit " + audit.id() + " not printed: " + error.getMessage());
                } else {
                    LOG.info(() -> "cash audit " + audit.id() + " printed");
                }
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                watchers.forEach(w -> w.replaced(report, error == null, error == null ? "" : String.valueOf(cause.getMessage())));
            });
        } else {
            LOG.warning(() -> "cash audit " + audit.id() + " not printed: the printer is not ready (" + printer.why() + ")");
            String why = printer.why().isEmpty() ? "小票打印机不能用" : printer.why();
            watchers.forEach(w -> w.replaced(report, false, why));
        }
        recheck();
    }

    private String kioskId() {
        CountyLink c = county;
        return c == null ? "" : c.kioskId();
    }

    /** Asks the desk again, off the JavaFX thread. */
    void recheck() {
        if (!closed) {
            try {
                till.execute(this::ask);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closing
            }
        }
    }

    private void ask() {
        CashDesk d = desk;
        boolean now = d != null && ready && !closed && !stopped && d.canTakeCash();
        fx.execute(() -> {
            if (takesCash.get() != now) {
                LOG.info(() -> now ? "cash can be taken" : "cash cannot be taken now: left out of the service lists");
            }
            takesCash.set(now);
        });
    }

    // The console's CashDrawer //

    @Override
    public CashJournal.CashBox box() throws Exception {
        CashDesk d = desk;
        if (d == null) {
            throw new CashException("收钞机还没有准备好（终端登记后才开始收现金）");
        }
        return d.cashBox();
    }

    @Override
    public int capacityNotes() {
        return policy.capacityNotes();
    }

    @Override
    public boolean paymentUnderWay() throws Exception {
        CountyLink c = county;
        return c != null && !c.cashJournal().unfinished().isEmpty();
    }

    @Override
    public void stopTaking(boolean stop) {
        stopped = stop;
        if (stop) {
            till.execute(() -> {
                try {
                    acceptor.disable();
                } catch (DeviceException e) {
                    LOG.info(() -> "disabling the acceptor for the box change: " + e.getMessage());
                }
            });
        }
        recheck();
    }

    @Override
    public java.util.List<Long> billTest(Duration time) throws Exception {
        CashDesk d = desk;
        if (d == null || !ready) {
            throw new CashException("收钞机还没有准备好，不能测试");
        }
        return d.billTest(time, 1);
    }

    @Override
    public void watch(BoxWatcher watcher) {
        watchers.add(watcher);
    }

    /** The heartbeat's {@code cash} (read on the sync thread): the journal's box with the capacity; null before the desk. */
    HeartbeatSnapshot snapshot(HeartbeatSnapshot devices) {
        CashDesk d = desk;
        if (d == null) {
            return devices;
        }
        try {
            return new HeartbeatSnapshot(devices.devices(), HeartbeatSnapshot.Cash.of(d.cashBox(), policy.capacityNotes()));
        } catch (CashException | RuntimeException e) {
            LOG.log(Level.WARNING, "cash box not readable for the heartbeat", e);
            return devices;
        }
    }

    /** Supplies heartbeats with the devices and the cash box. */
    Supplier<HeartbeatSnapshot> heartbeat(Supplier<HeartbeatSnapshot> devices) {
        return () -> snapshot(devices.get());
    }

    /** Closes the desk (an open payment is left for the next start's reconciliation) and its thread. */
    @Override
    public void close() {
        closed = true;
        till.shutdownNow();
        CashDesk d = desk;
        if (d != null) {
            d.close();
        }
    }
}
