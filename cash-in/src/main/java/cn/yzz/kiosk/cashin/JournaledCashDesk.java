package cn.yzz.kiosk.cashin;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.CashPayment;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.cash.CashHandler;
import cn.yzz.kiosk.device.cash.NoteAcceptor;
import cn.yzz.kiosk.device.cash.NoteEvent;
import cn.yzz.kiosk.device.cash.UnitInfo;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The cash desk over a {@link NoteAcceptor} and the {@link CashJournal}: it is the acceptor's one
 * {@link CashHandler}.
 *
 * <p><b>Money rules.</b> A note in escrow is accepted only for a payment still collecting, of a value the policy
 * and the unit take and that overpays by at most {@link CashPolicy#maxVoucherFen()}, and only after
 * {@link CashJournal#escrowed} committed; every other note is handed back with words. Money counts at the unit's
 * CREDIT ({@link CashJournal#credited}, then {@link Progress.Credited}); when enough is in the unit is disabled at
 * once, on the driver thread, before its next poll. A payment is settled only when no note of it is in escrow:
 * cancel and timeout wait for the note's outcome (handed back, or credited when it was past the point of no
 * return), so no timeout ever drops a note.
 *
 * <p><b>Reconciliation</b> ({@link #recover()}): the unit's events are handled as they come, from the first poll
 * on, against the journal's unfinished payments (there is at most one: the journal opens a payment only when
 * none is unfinished); recover() waits for the link and for {@link CashPolicy#recoveryWindow()} of quiet (or four
 * quiet polls) after
 * it and after the last power-up event, then ends every unfinished payment:
 * <pre>
 *  journal                 unit's events after start / SLAVE RESET        the note
 *  ─────────────────────── ───────────────────────────────────────────── ─────────────────────────────────────
 *  escrow open             E1 NOTE CLEARED FROM FRONT (any channel)       returned: back through the bezel
 *  escrow open             E2 NOTE CLEARED INTO CASHBOX (any channel)     credited to that payment, once
 *  escrow open             EE CREDIT (only the kiosk process died after   credited to that payment
 *                          ACCEPT; the unit reports it at its next poll)
 *  escrow open             EC REJECTED (the unit rejects a held note      returned
 *                          after 10 s without a poll, code 0x13)
 *  escrow open             none of these                                  returned: the journal's last word
 *                                                                         (held, never credited) stands; a held
 *                                                                         note times out back to the villager,
 *                                                                         and one past ACCEPT reports EE or E2
 *  no escrow               E2 NOTE CLEARED INTO CASHBOX                   not counted again: with no note between
 *                                                                         ACCEPT and CREDIT, the note in the stack
 *                                                                         path was past CREDIT (credited then) and
 *                                                                         the power went before STACKED (§6)
 *  no escrow               EE CREDIT, polled with ack                     not counted again: the unit repeats a
 *                                                                         credit the kiosk committed but died before
 *                                                                         acknowledging (POLL WITH ACK, EVENT ACK)
 *  no escrow               EE CREDIT, plain POLL                          unattributed: in the box, in no payment,
 *                                                                         listed for the box audit
 *  no escrow               E1                                             nothing moved
 * </pre>
 * then settles each RECOVERED by what was credited: enough → PAID (a voucher for any overpayment); some →
 * VOUCHER for it; none → CANCELLED. The same rules hold when the unit alone resets in the middle of a payment
 * (the payment goes on once the window has passed). A CREDIT whose poll reply reached a kiosk process that died
 * before its commit is told again on a keyed link (POLL WITH ACK: the driver acknowledges only after the journal
 * took it) and lands on the escrow still open; on a plain-SSP unit (one that refuses a key) it is lost to the
 * journal, and the cash box holds one note more than the journal, which the box audit shows.
 *
 * <p><b>Threads.</b> Listeners hear on the desk's own thread ({@code kiosk-cash}), in the order of the events.
 * The driver's threads call {@link #escrowed} and {@link #event}; each does at most one journal commit under the
 * desk's lock (and, on the driver thread as the acceptor allows, the enable or disable the commit calls for).
 * The lock is never held while waiting for the acceptor or the desk thread.
 */
final class JournaledCashDesk implements CashDesk, CashHandler {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.cashin");

    static final String TOO_BIG = "太大了，请换一张小面额的";
    static final String NOT_TAKEN = "不收这种面值，请换一张";
    static final String ENOUGH_ALREADY = "已经够了，请收回这张";
    static final String CANCELLED_RETURN = "已取消，请收回这张";
    static final String BOX_OUT = "钱箱不在，暂时不能收钱，请收回这张";
    static final String NOT_NOW = "暂时不能收钱，请收回这张";
    static final String NOT_READ = "这张没有认出来，请抚平后再放一次";
    static final String JAM = "纸币卡住了，请找村委会工作人员";
    static final String FRAUD = "这张纸币没有收进，请找村委会工作人员";
    static final String FULL = "钱箱满了，请找村委会工作人员";
    static final String LINK = "收钞机没有响应，请稍等或找工作人员";
    static final String RESET = "收钞机重新启动了，请稍等";
    static final String PATH_OPEN = "收钞机的盖子开着，请找村委会工作人员";
    static final String STORE = "暂时记不了账，请找村委会工作人员";
    static final String BOX_REMOVED = "钱箱被取出，暂时不能收钱";
    static final String NOT_STACKED = "这张没有收进，请收回";
    static final String CLEARED_FRONT = "收钞机重新启动，这张已从入口退出，请收回";
    static final String RESET_RETURN = "收钞机重新启动了，这张没有收进";

    /** Polls the unit answers with nothing new before reconciliation may end early (see {@link #recover()}). */
    static final int QUIET_POLLS = 4;

    private enum Phase { COLLECTING, STOPPING, ENDED }

    private record Held(int channel, long valueFen) {}

    private final NoteAcceptor acceptor;
    private final CashJournal journal;
    private final String kioskId;
    private final BooleanSupplier storeAccepting;
    private final CashPolicy policy;
    private final ScheduledExecutorService desk;
    private final List<BoxListener> boxListeners = new CopyOnWriteArrayList<>();
    private volatile Thread deskThread;

    // Guarded by this.
    private Live current;
    private boolean cashboxOut;
    private boolean needsRecovery;
    private boolean nearFullTold;
    private boolean closed;
    private int boxNotes;
    /** The note this desk last saw credited, for the log when the unit clears it into the box again. */
    private Held lastCredited;
    private long quietSinceNanos = System.nanoTime();
    private int clearedFromFront;
    private int clearedToCashbox;
    private long unattributedFen;
    /** A bill test under way: the values of the notes it read into escrow (handed back); null when none. */
    private List<Long> testNotes;
    private int testHandedBack;

    JournaledCashDesk(NoteAcceptor acceptor, CashJournal journal, String kioskId, BooleanSupplier storeAccepting,
                      CashPolicy policy) throws CashException {
        this.acceptor = acceptor;
        this.journal = journal;
        this.kioskId = kioskId;
        this.storeAccepting = storeAccepting;
        this.policy = policy;
        try {
            this.needsRecovery = !journal.unfinished().isEmpty();
            CashJournal.CashBox box = journal.cashBox();
            this.boxNotes = box.noteCount();
            this.nearFullTold = boxNotes >= policy.nearFullNotes();
        } catch (StoreException e) {
            throw new CashException(STORE, e);
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kiosk-cash");
            t.setDaemon(true);
            deskThread = t;
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        this.desk = ex;
    }

    // ------------------------------------------------------------------ the desk

    @Override
    public Payment start(Transaction draft, Listener listener) throws CashException {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(listener, "listener");
        if (!"payment".equals(draft.type()) || !Transaction.CASH.equals(draft.method()) || draft.amountFen() == null
                || draft.amountFen() <= 0) {
            throw new IllegalArgumentException("a cash payment with an amount due is needed, not " + draft.type() + "/"
                    + draft.method() + "/" + draft.amountFen());
        }
        if (!storeAccepting.getAsBoolean()) {
            throw new CashException("暂时不能收现金：终端存不下记录，请找村委会工作人员");
        }
        UnitInfo unit = acceptor.unit().orElse(null);
        if (unit == null || !acceptor.state().usable()) {
            throw new CashException("收钞机没有准备好，暂时不能收现金");
        }
        Live live;
        synchronized (this) {
            if (closed) {
                throw new CashException("收钞机已关闭");
            }
            if (cashboxOut) {
                throw new CashException("钱箱不在，暂时不能收现金");
            }
            if (current != null) {
                throw new CashException("正在收另一笔现金");
            }
            if (testNotes != null) {
                throw new CashException("管理员正在测试收钞机，请稍后");
            }
            if (needsRecovery) {
                throw new CashException("上一笔现金缴费还没有结清，暂时不能收现金，请找村委会工作人员");
            }
            if (boxNotes >= policy.nearFullNotes()) {
                throw new CashException("钱箱快满了，暂时不能收现金，请找村委会工作人员");
            }
            Set<Long> fit = fit(unit, draft.amountFen());
            if (fit.isEmpty()) {
                throw new CashException("这台机器收不了这种面值的纸币，请用手机支付");
            }
            try {
                journal.open(draft);
            } catch (StoreException e) {
                throw new CashException(e.kind() == StoreException.Kind.STATE
                        ? "上一笔现金缴费还没有结清，暂时不能收现金，请找村委会工作人员" : STORE, e);
            }
            live = new Live(draft, listener, fit);
            current = live;
            live.touch();
        }
        try {
            acceptor.enable(live.accepts);
        } catch (DeviceException e) {
            LOG.log(Level.WARNING, "cash payment " + live.id + ": the acceptor would not enable: " + e.getMessage());
            synchronized (this) {
                live.stop(Ending.CANCELLED);
            }
            desk.execute(() -> trySettle(live));
            live.await();
            throw new CashException("收钞机没有响应，暂时不能收现金", e);
        }
        return live;
    }

    @Override
    public Recovery recover() throws CashException {
        long deadline = System.nanoTime() + policy.linkWait().toNanos();
        while (acceptor.unit().isEmpty() || !acceptor.state().usable()) {
            if (System.nanoTime() > deadline) {
                throw new CashException("收钞机没有响应，未能对账；未结清的缴费留到下次对账");
            }
            sleep(50);
        }
        Quiet quiet = new Quiet(System.nanoTime());
        while (!quiet.over()) {
            sleep(50);
        }
        List<Result> ended = new ArrayList<>();
        synchronized (this) {
            try {
                for (CashPayment p : journal.unfinished()) {
                    if (current != null && current.id.equals(p.transactionId())) {
                        continue;
                    }
                    if (p.escrow() != null) {
                        journal.returned(p.transactionId(), "reconciliation: no power-up clearing, credit or reject "
                                + "was reported for the note held in escrow; by the journal it was never credited");
                    }
                    CashPayment s = journal.settle(p.transactionId(), kioskId, Ending.RECOVERED);
                    LOG.log(Level.INFO, "cash payment " + p.transactionId() + " recovered: " + s.state() + ", credited "
                            + s.creditedFen() + " of " + s.dueFen() + " fen");
                    ended.add(result(s));
                }
                needsRecovery = false;
            } catch (StoreException e) {
                throw new CashException(STORE, e);
            }
            return new Recovery(List.copyOf(ended), clearedFromFront, clearedToCashbox, unattributedFen);
        }
    }

    /**
     * Whether the unit has said all it has to say since {@code from} and since its last power-up event: the recovery
     * window has passed, or sooner, QUIET_POLLS polls were answered with nothing new (each poll's events are
     * delivered before the next poll; ITL reports the clearing events in the poll after SLAVE RESET), so neither a
     * start nor a reset mid-payment waits the whole window for a unit that has finished talking.
     */
    private final class Quiet {
        private final long from;
        private final long cap;
        private long lastQuiet = Long.MIN_VALUE;
        private long pollsAtQuiet;

        Quiet(long from) {
            this.from = from;
            this.cap = from + 6 * policy.recoveryWindow().toNanos();
        }

        boolean over() {
            long quietSince;
            synchronized (JournaledCashDesk.this) {
                quietSince = Math.max(quietSinceNanos, from);
            }
            long polls = pollsAnswered();
            if (quietSince != lastQuiet) {
                lastQuiet = quietSince;
                pollsAtQuiet = Math.max(polls, 0); // before its first poll a driver has no count yet
            }
            long now = System.nanoTime();
            return now - quietSince >= policy.recoveryWindow().toNanos()
                    || (polls >= 0 && polls - pollsAtQuiet >= QUIET_POLLS) || now > cap;
        }
    }

    /** The driver's count of polls answered ({@code PollCount} plus {@code PollWithAckCount}), or -1 when it keeps none. */
    private long pollsAnswered() {
        Map<String, Long> stats = acceptor.statistics();
        Long plain = stats.get("PollCount");
        Long withAck = stats.get("PollWithAckCount");
        if (stats.isEmpty()) {
            return -1; // a driver that keeps no counters: the window alone decides
        }
        return (plain == null ? 0 : plain) + (withAck == null ? 0 : withAck);
    }

    @Override
    public CashJournal.CashBox cashBox() throws CashException {
        try {
            synchronized (this) {
                return journal.cashBox();
            }
        } catch (StoreException e) {
            throw new CashException(STORE, e);
        }
    }

    @Override
    public boolean canTakeCash() {
        synchronized (this) {
            if (closed || cashboxOut || needsRecovery || boxNotes >= policy.nearFullNotes()) {
                return false;
            }
        }
        return acceptor.unit().isPresent() && acceptor.state().usable() && storeAccepting.getAsBoolean();
    }

    @Override
    public CashPolicy policy() {
        return policy;
    }

    @Override
    public List<Long> billTest(java.time.Duration time, int enough) throws CashException {
        UnitInfo unit = acceptor.unit().orElse(null);
        if (unit == null || !acceptor.state().usable()) {
            throw new CashException("收钞机没有准备好，不能测试");
        }
        synchronized (this) {
            if (closed || current != null || testNotes != null) {
                throw new CashException(current != null ? "正在收一笔现金，等它结束再测试" : "收钞机现在不能测试");
            }
            if (cashboxOut || needsRecovery) {
                throw new CashException(cashboxOut ? "钱箱不在，请先放好钱箱再测试" : "上一笔现金缴费还没有结清，请先对账");
            }
            testNotes = new ArrayList<>();
            testHandedBack = 0;
        }
        try {
            Set<Long> values = new TreeSet<>(unit.valuesFen());
            values.retainAll(policy.acceptedFen());
            acceptor.enable(values.isEmpty() ? unit.valuesFen() : values);
            long until = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < until) {
                synchronized (this) {
                    if (testNotes.size() >= enough && testHandedBack >= testNotes.size()) {
                        break;
                    }
                }
                sleep(50);
            }
            acceptor.disable();
            // A note still on its way back out is waited for, so that the unit is idle afterwards.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end) {
                synchronized (this) {
                    if (testHandedBack >= testNotes.size()) {
                        break;
                    }
                }
                sleep(50);
            }
            synchronized (this) {
                return List.copyOf(testNotes);
            }
        } catch (DeviceException e) {
            throw new CashException("收钞机没有响应：" + e.getMessage(), e);
        } finally {
            synchronized (this) {
                testNotes = null;
            }
        }
    }

    @Override
    public void addBoxListener(BoxListener listener) {
        boxListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Leaves an unfinished payment as it is, for {@link #recover()} at the next start (as a crash would). */
    @Override
    public void close() {
        Live live;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            live = current;
            current = null;
        }
        acceptor.setHandler(null);
        if (live != null) {
            try {
                acceptor.disable();
            } catch (DeviceException e) {
                LOG.log(Level.DEBUG, "disable at close: " + e.getMessage());
            }
            live.done.completeExceptionally(new IllegalStateException("the cash desk closed before payment "
                    + live.id + " ended; recover() ends it at the next start"));
        }
        desk.shutdownNow();
    }

    // ------------------------------------------------------------------ the acceptor's side

    @Override
    public Decision escrowed(int channel, long valueFen) {
        synchronized (this) {
            Live live = current;
            String why;
            if (live == null) {
                if (testNotes != null) {
                    testNotes.add(valueFen); // a bill test: read, then handed back, never credited
                }
                LOG.log(Level.INFO, "a note of " + valueFen + " fen in escrow with no payment: handed back");
                return Decision.RETURN;
            } else if (live.phase != Phase.COLLECTING) {
                why = live.inserted >= live.due ? ENOUGH_ALREADY : CANCELLED_RETURN;
            } else if (cashboxOut) {
                why = BOX_OUT;
            } else if (!policy.acceptedFen().contains(valueFen) || valueFen <= 0) {
                why = NOT_TAKEN;
            } else if (valueFen > live.left() + policy.maxVoucherFen()) {
                why = TOO_BIG;
            } else if (live.escrow != null) {
                why = NOT_NOW; // one note at a time: the unit should never offer a second
            } else {
                try {
                    journal.escrowed(live.id, channel, valueFen);
                    live.escrow = new Held(channel, valueFen);
                    live.touch();
                    post(live, new Progress.Reading(valueFen));
                    return Decision.ACCEPT;
                } catch (StoreException e) {
                    LOG.log(Level.ERROR, "cash payment " + live.id + ": escrow not journaled, note handed back", e);
                    post(live, new Progress.Trouble(STORE));
                    why = NOT_NOW;
                }
            }
            live.handingBack++;
            live.touch();
            post(live, new Progress.Returned(valueFen, why));
            return Decision.RETURN;
        }
    }

    @Override
    public void event(NoteEvent e) {
        List<Runnable> after = new ArrayList<>(2);
        synchronized (this) {
            if (closed) {
                return;
            }
            Live live = current;
            switch (e.kind()) {
                case READING -> {
                    if (live != null) {
                        live.touch();
                        post(live, new Progress.Reading(0));
                    }
                }
                case CREDIT -> credit(e.channel(), e.valueFen(), false, "CREDIT", after);
                case CLEARED_TO_CASHBOX -> {
                    clearedToCashbox++;
                    quietSinceNanos = System.nanoTime();
                    credit(e.channel(), e.valueFen(), true, "NOTE CLEARED INTO CASHBOX at power-up", after);
                }
                case REJECTED -> {
                    if (live == null && testNotes != null) {
                        testHandedBack++;
                    }
                    rejected(e, after);
                }
                case CLEARED_FROM_FRONT -> {
                    clearedFromFront++;
                    quietSinceNanos = System.nanoTime();
                    returned("NOTE CLEARED FROM FRONT at power-up", after, CLEARED_FRONT);
                }
                case FRAUD_ATTEMPT -> {
                    // The unit does not credit a note it takes for a fraud (essp.md §5: E6 then stacked, no EE).
                    if (live != null && live.escrow != null) {
                        returned("FRAUD ATTEMPT: the unit did not credit it", after, FRAUD);
                    }
                    trouble(live, FRAUD);
                }
                case SAFE_JAM, UNSAFE_JAM -> {
                    LOG.log(Level.WARNING, "note acceptor: " + e.kind());
                    trouble(live, JAM);
                }
                case STACKER_FULL -> {
                    LOG.log(Level.WARNING, "note acceptor: stacker full at " + boxNotes + " notes by the journal");
                    trouble(live, FULL);
                    nearFull(true);
                }
                case NOTE_PATH_OPEN -> trouble(live, PATH_OPEN);
                case CASHBOX_REMOVED -> cashboxRemoved(live);
                case CASHBOX_REPLACED -> cashboxReplaced();
                case SLAVE_RESET -> {
                    quietSinceNanos = System.nanoTime();
                    LOG.log(Level.INFO, "note acceptor: SLAVE RESET");
                    if (live != null && live.phase != Phase.ENDED) {
                        live.resetPending = true;
                        live.handingBack = 0; // whatever was on its way out is cleared by the unit now
                        trouble(live, RESET);
                        Quiet quiet = new Quiet(System.nanoTime());
                        desk.schedule(() -> afterResetWhenQuiet(live, quiet), 100, TimeUnit.MILLISECONDS);
                    }
                }
                case INITIALISING -> quietSinceNanos = System.nanoTime();
                case LINK_LOST -> trouble(live, LINK);
                case LINK_BACK -> {
                    if (live != null && live.phase == Phase.COLLECTING && !live.resetPending) {
                        Set<Long> accepts = live.accepts;
                        desk.execute(() -> enable(live, accepts));
                    }
                }
                default -> { }
            }
        }
        after.forEach(Runnable::run);
    }

    /**
     * A note went into the box (CREDIT, or E2 at power-up): to the payment holding a note in escrow (only one note is
     * ever in the path; the unit's value counts), else a CREDIT is unattributed and an E2 is the note credited just
     * before the power went.
     */
    private void credit(int channel, long eventValue, boolean clearedAtPowerUp, String what, List<Runnable> after) {
        Live live = current;
        if (live != null && live.escrow != null) {
            long value = eventValue > 0 ? eventValue : live.escrow.valueFen;
            CashPayment p = creditJournal(live.id, channel, value, what);
            if (p == null) {
                return; // ended meanwhile: recorded unattributed
            }
            live.escrow = null;
            live.inserted = p.creditedFen();
            live.touch();
            lastCredited = new Held(channel, value);
            boxNotes++;
            post(live, new Progress.Credited(value, live.inserted, live.left()));
            if (live.phase == Phase.COLLECTING && live.inserted >= live.due) {
                live.stop(Ending.ENOUGH);
                after.add(this::disable);
                after.add(() -> desk.execute(() -> trySettle(live)));
            } else if (live.phase == Phase.COLLECTING) {
                Set<Long> fit = fit(acceptor.unit().orElse(null), live.left());
                if (!fit.equals(live.accepts) && !fit.isEmpty()) {
                    live.accepts = Collections.unmodifiableSortedSet(new TreeSet<>(fit));
                    after.add(() -> enable(live, fit));
                }
            } else {
                after.add(() -> desk.execute(() -> trySettle(live)));
            }
            nearFull(false);
            return;
        }
        if (live == null) {
            Optional<CashPayment> owner = heldInJournal();
            if (owner.isPresent()) {
                long value = eventValue > 0 ? eventValue : owner.get().escrow().valueFen();
                if (creditJournal(owner.get().transactionId(), channel, value, what) != null) {
                    LOG.log(Level.INFO, what + " of " + value + " fen credited to unfinished payment "
                            + owner.get().transactionId() + " (its note in escrow)");
                    boxNotes++;
                    nearFull(false);
                }
                return;
            }
        }
        // No payment holds a note in escrow, so none is between ACCEPT and CREDIT. An E2 at power-up is the note
        // credited just before the power went and cut off before STACKED (essp.md §6): counted then. A CREDIT on a
        // link polled with POLL WITH ACK is the unit retelling one the kiosk committed but died before acknowledging.
        // Every note the unit takes had its escrow committed first (ACCEPT only after, and the driver hands back a
        // note held when it sets the unit up), so neither is counted twice.
        if (clearedAtPowerUp || eventAckMode()) {
            LOG.log(Level.WARNING, what + " (channel " + channel + ") with no note in escrow: a note already counted"
                    + (lastCredited == null ? "" : " (the last was " + lastCredited.valueFen + " fen)")
                    + ", told again; not counted twice");
            return;
        }
        // A plain-SSP unit never retells a CREDIT: this note is in the box and in no payment. Journaled so the cash box
        // and the journal agree, and listed for the box audit.
        long value = eventValue;
        if (value <= 0 && channel > 0) {
            value = acceptor.unit().map(u -> u.valueFen(channel)).orElse(0L);
        }
        if (value <= 0) {
            LOG.log(Level.ERROR, what + ": a note of unknown value (channel " + channel + ") went into the cash box "
                    + "with no payment holding a note in escrow; the cash box audit will find it");
            return;
        }
        unattributed(channel, value, what + " with no payment holding a note in escrow");
    }

    /** Whether the driver polls with POLL WITH ACK now (its {@code EventAckMode} counter), so a CREDIT may be retold. */
    private boolean eventAckMode() {
        return acceptor.statistics().getOrDefault("EventAckMode", 0L) == 1L;
    }

    private CashPayment creditJournal(UUID id, int channel, long value, String what) {
        try {
            return journal.credited(id, channel, value);
        } catch (StoreException x) {
            if (x.kind() == StoreException.Kind.STATE) {
                unattributed(channel, value, what + " for a payment already ended");
                return null;
            }
            // The driver disables the unit and delivers the event again until the journal holds it; the villager is
            // told why the amount does not move meanwhile.
            Live live = current;
            if (live != null && !live.storeTroubleTold) {
                live.storeTroubleTold = true;
                trouble(live, STORE);
            }
            throw new IllegalStateException("the cash journal could not record a credit of " + value + " fen", x);
        }
    }

    private void unattributed(int channel, long value, String why) {
        try {
            journal.unattributed(channel, value, why);
        } catch (StoreException x) {
            throw new IllegalStateException("the cash journal could not record an unattributed note", x);
        }
        LOG.log(Level.WARNING, "note of " + value + " fen in the cash box, unattributed: " + why);
        unattributedFen += value;
        boxNotes++;
        nearFull(false);
    }

    private void rejected(NoteEvent e, List<Runnable> after) {
        Live live = current;
        if (live != null && live.handingBack > 0) {
            live.handingBack--; // the note the desk said RETURN to (the latest decision): already told
            return;
        }
        if (live != null && live.escrow == null) {
            live.touch();
            // The unit refused it by itself: an inhibited channel (0x06, 0x0C) or a note it did not recognise.
            boolean inhibited = e.rejectCode() == 0x06 || e.rejectCode() == 0x0C;
            post(live, new Progress.Returned(0, inhibited ? NOT_TAKEN : NOT_READ));
            return;
        }
        returned("REJECTED, code " + e.rejectCode(), after, NOT_STACKED);
    }

    /** The note in escrow (the live payment's, or the journal's) went back to the villager. */
    private void returned(String why, List<Runnable> after, String words) {
        Live live = current;
        if (live != null && live.escrow != null) {
            Held h = live.escrow;
            try {
                journal.returned(live.id, why);
            } catch (StoreException x) {
                // Written again before the settle (which the journal refuses while it holds an escrow); if the kiosk
                // stops first, the reconciliation's "no event" rule ends it the same way.
                LOG.log(Level.ERROR, "cash payment " + live.id + ": the return was not journaled yet", x);
                live.returnUnjournaled = why;
            }
            live.escrow = null;
            live.touch();
            post(live, new Progress.Returned(h.valueFen, words));
            if (live.phase == Phase.STOPPING) {
                after.add(() -> desk.execute(() -> trySettle(live)));
            }
            return;
        }
        if (live == null) {
            heldInJournal().ifPresent(p -> {
                try {
                    journal.returned(p.transactionId(), why);
                    LOG.log(Level.INFO, why + ": the note in escrow of unfinished payment " + p.transactionId()
                            + " went back");
                } catch (StoreException x) {
                    LOG.log(Level.ERROR, "the return was not journaled", x);
                }
            });
        }
    }

    private Optional<CashPayment> heldInJournal() {
        try {
            return journal.unfinished().stream().filter(p -> p.escrow() != null).findFirst();
        } catch (StoreException x) {
            throw new IllegalStateException("the cash journal could not be read", x);
        }
    }

    private void cashboxRemoved(Live live) {
        if (cashboxOut) {
            return; // a unit reports E3 in every poll while the box is out: one removal
        }
        cashboxOut = true;
        try {
            journal.cashboxRemoved();
        } catch (StoreException x) {
            LOG.log(Level.ERROR, "cash box removal not journaled", x);
        }
        LOG.log(Level.WARNING, "cash box removed");
        trouble(live, BOX_REMOVED);
        desk.execute(() -> boxListeners.forEach(l -> safely(l::removed)));
    }

    private void cashboxReplaced() {
        Transaction audit;
        try {
            audit = journal.cashboxReplaced(kioskId);
        } catch (StoreException x) {
            LOG.log(Level.ERROR, "cash box replacement not journaled: no audit queued", x);
            cashboxOut = false;
            return;
        }
        cashboxOut = false;
        boxNotes = 0;
        nearFullTold = false;
        LOG.log(Level.INFO, "cash box replaced: audit " + audit.id() + " queued");
        desk.execute(() -> boxListeners.forEach(l -> safely(() -> l.replaced(audit))));
    }

    private void nearFull(boolean full) {
        if (nearFullTold || (!full && boxNotes < policy.nearFullNotes())) {
            return;
        }
        nearFullTold = true;
        desk.execute(() -> {
            try {
                CashJournal.CashBox box = cashBox();
                boxListeners.forEach(l -> safely(() -> l.nearFull(box)));
            } catch (CashException x) {
                LOG.log(Level.ERROR, "cash box not readable", x);
            }
        });
    }

    private void trouble(Live live, String words) {
        if (live != null && live.phase != Phase.ENDED) {
            post(live, new Progress.Trouble(words));
        }
    }

    // ------------------------------------------------------------------ the desk thread

    private void afterResetWhenQuiet(Live live, Quiet quiet) {
        if (quiet.over()) {
            afterReset(live);
        } else {
            desk.schedule(() -> afterResetWhenQuiet(live, quiet), 100, TimeUnit.MILLISECONDS);
        }
    }

    /** The unit has said all it had to after a SLAVE RESET in a payment: a note still held by the journal went back. */
    private void afterReset(Live live) {
        boolean reenable;
        List<Runnable> after = new ArrayList<>(1);
        synchronized (this) {
            if (!live.resetPending || live.phase == Phase.ENDED || current != live) {
                return;
            }
            live.resetPending = false;
            if (live.escrow != null) {
                returned("the unit reset and reported neither NOTE CLEARED event nor a credit", after, RESET_RETURN);
            }
                reenable = live.phase == Phase.COLLECTING;
        }
        after.forEach(Runnable::run);
        if (reenable) {
            enable(live, live.accepts);
        } else {
            trySettle(live);
        }
    }

    private void enable(Live live, Set<Long> values) {
        synchronized (this) {
            if (current != live || live.phase != Phase.COLLECTING) {
                return;
            }
        }
        try {
            acceptor.enable(values);
        } catch (DeviceException x) {
            LOG.log(Level.WARNING, "cash payment " + live.id + ": enable failed: " + x.getMessage());
            synchronized (this) {
                trouble(live, LINK);
            }
        }
    }

    private void disable() {
        try {
            acceptor.disable();
        } catch (DeviceException x) {
            LOG.log(Level.WARNING, "note acceptor: disable failed: " + x.getMessage());
        }
    }

    /** Ends a stopping payment once no note of it is in escrow; runs on the desk thread. */
    private void trySettle(Live live) {
        Result result;
        synchronized (this) {
            if (live.phase != Phase.STOPPING || live.escrow != null || live.resetPending || closed) {
                return; // collecting, ended, or its note's outcome still to come (the event that brings it calls again)
            }
            CashPayment p;
            try {
                if (live.returnUnjournaled != null) {
                    // The note went back but the journal did not take it then (disk full): it must before the settle.
                    journal.returned(live.id, live.returnUnjournaled);
                    live.returnUnjournaled = null;
                }
                p = journal.settle(live.id, kioskId, live.ending);
            } catch (StoreException x) {
                LOG.log(Level.ERROR, "cash payment " + live.id + " not settled; trying again", x);
                if (!live.storeTroubleTold) {
                    live.storeTroubleTold = true;
                    post(live, new Progress.Trouble(STORE));
                }
                desk.schedule(() -> trySettle(live), 2, TimeUnit.SECONDS);
                return;
            }
            live.phase = Phase.ENDED;
            live.cancelTimer();
            current = null;
            result = result(p);
        }
        LOG.log(Level.INFO, "cash payment " + live.id + " ended " + result.status() + " (" + live.ending + "): "
                + result.insertedFen() + " of " + result.dueFen() + " fen, voucher " + result.voucherFen());
        // Behind what was told before the settle (a note handed back meanwhile): Ended is the last word.
        desk.execute(() -> {
            safely(() -> live.listener.on(new Progress.Ended(result)));
            live.done.complete(result);
        });
    }

    private void inactive(Live live) {
        synchronized (this) {
            if (current != live || live.phase != Phase.COLLECTING) {
                return;
            }
            if (live.escrow != null) {
                live.touch(); // a note is on its way: wait for its outcome
                return;
            }
            live.stop(Ending.TIMED_OUT);
        }
        LOG.log(Level.INFO, "cash payment " + live.id + ": no note for " + policy.inactivity().toMillis() + " ms");
        disable();
        trySettle(live);
    }

    private void post(Live live, Progress p) {
        if (live.phase == Phase.ENDED) {
            return;
        }
        desk.execute(() -> safely(() -> live.listener.on(p)));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException x) {
            LOG.log(Level.ERROR, "a cash desk listener failed", x);
        }
    }

    /** The note values a payment with {@code leftFen} still due takes now. */
    private Set<Long> fit(UnitInfo unit, long leftFen) {
        Set<Long> out = new TreeSet<>();
        if (unit == null || leftFen <= 0) {
            return out;
        }
        for (long v : unit.valuesFen()) {
            if (policy.acceptedFen().contains(v) && v <= leftFen + policy.maxVoucherFen()) {
                out.add(v);
            }
        }
        return out;
    }

    static Result result(CashPayment p) {
        String status = switch (p.state()) {
            case PAID -> "paid";
            case VOUCHER -> "voucher";
            default -> "cancelled";
        };
        return new Result(status, p.transactionId(), p.dueFen(), p.creditedFen(), p.notes(), p.voucherFen(),
                p.voucherNo(), p.queued());
    }

    private static void sleep(long ms) throws CashException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new CashException("对账被中断", x);
        }
    }

    /** One payment; its fields are guarded by the desk. */
    private final class Live implements Payment {
        final UUID id;
        final long due;
        final Listener listener;
        final CompletableFuture<Result> done = new CompletableFuture<>();
        Set<Long> accepts;
        Phase phase = Phase.COLLECTING;
        Ending ending;
        Held escrow;
        long inserted;
        int handingBack;
        boolean resetPending;
        boolean storeTroubleTold;
        /** Why its note in escrow went back, while the journal has not taken that yet (written before the settle). */
        String returnUnjournaled;
        ScheduledFuture<?> timer;

        Live(Transaction draft, Listener listener, Set<Long> accepts) {
            this.id = draft.id();
            this.due = draft.amountFen();
            this.listener = listener;
            this.accepts = Collections.unmodifiableSortedSet(new TreeSet<>(accepts));
        }

        long left() {
            return Math.max(0, due - inserted);
        }

        void stop(Ending why) {
            phase = Phase.STOPPING;
            ending = why;
            cancelTimer();
        }

        /** Something happened: the inactivity timeout starts again. */
        void touch() {
            if (phase != Phase.COLLECTING) {
                return;
            }
            cancelTimer();
            try {
                timer = desk.schedule(() -> inactive(this), policy.inactivity().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                timer = null;
            }
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        Result await() {
            try {
                return done.join();
            } catch (CompletionException x) {
                throw x.getCause() instanceof RuntimeException r ? r : x;
            }
        }

        @Override
        public UUID transactionId() {
            return id;
        }

        @Override
        public long dueFen() {
            return due;
        }

        @Override
        public long insertedFen() {
            synchronized (JournaledCashDesk.this) {
                return inserted;
            }
        }

        @Override
        public Set<Long> acceptsFen() {
            synchronized (JournaledCashDesk.this) {
                return phase == Phase.COLLECTING ? accepts : Set.of();
            }
        }

        @Override
        public Result cancel(Ending why) {
            Objects.requireNonNull(why, "why");
            if (Thread.currentThread() == deskThread) {
                throw new IllegalStateException("cancel() waits for the desk's thread: call it from another thread");
            }
            boolean stopNow;
            synchronized (JournaledCashDesk.this) {
                stopNow = phase == Phase.COLLECTING && current == this;
                if (stopNow) {
                    stop(why);
                }
            }
            if (stopNow) {
                disable(); // a note already in escrow is still decided: handed back, as the phase says now
                desk.execute(() -> trySettle(this));
            }
            return await();
        }
    }
}
