package cn.yzz.kiosk.cashin;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.cash.CashHandler;
import cn.yzz.kiosk.device.cash.CashHandler.Decision;
import cn.yzz.kiosk.device.cash.NoteAcceptor;
import cn.yzz.kiosk.device.cash.NoteEvent;
import cn.yzz.kiosk.device.cash.NoteEvent.Kind;
import cn.yzz.kiosk.device.cash.UnitInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The unit's side of the NoteAcceptor / CashHandler contract, in memory: a CNY unit with ¥1, ¥5, ¥10, ¥20, ¥50
 * and ¥100 on channels 1–6. Its "poll loop" is one thread that reports every event to the handler in order
 * (a money event the handler throws on is delivered again, as the real driver does); the escrow decision runs on a
 * second driver thread while the poll thread holds the note. Test steps block until the unit has done them.
 */
final class FakeNoteAcceptor implements NoteAcceptor {

    static final List<Long> CHANNELS = List.of(100L, 500L, 1_000L, 2_000L, 5_000L, 10_000L);

    /** What became of a note put in. */
    enum Outcome { CREDITED, HANDED_BACK, REFUSED_BY_UNIT, IN_ESCROW }

    private final ExecutorService poll = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-nv-poll"));
    private final ExecutorService hold = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-nv-hold"));
    private final UnitInfo info = new UnitInfo(1873452, 7, "0333", "CNY", CHANNELS, false);
    private volatile CashHandler handler;
    private volatile boolean linkUp;
    private volatile Set<Long> enabled = Set.of();
    private final List<String> commands = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<NoteEvent> told = new ArrayList<>();
    private final SortedMap<Long, Integer> cashbox = new TreeMap<>();
    /** The note in escrow, accepted and not yet stacked (channel), or 0. */
    private int accepted;
    private int redeliveries;

    /** Whether it plays a keyed unit polled with POLL WITH ACK (which retells an unacknowledged CREDIT). */
    volatile boolean eventAckMode;

    FakeNoteAcceptor(boolean linkUp) {
        this.linkUp = linkUp;
    }

    // ------------------------------------------------------------------ the test's hands

    /** A note put in and taken all the way: read, escrow (the handler decides), then stacked or handed back. */
    Outcome insert(long valueFen) {
        Outcome o = toEscrow(valueFen);
        if (o == Outcome.IN_ESCROW) {
            stack();
            return Outcome.CREDITED;
        }
        return o;
    }

    /** A note read into escrow; on ACCEPT it stays there, accepted, until {@link #stack()} or a fault. */
    Outcome toEscrow(long valueFen) {
        return toEscrow(valueFen, false);
    }

    /**
     * As {@link #toEscrow(long)}; {@code already} for a note the unit had started to read before it was disabled or
     * its channel inhibited (it still reaches escrow, and the handler decides).
     */
    Outcome toEscrow(long valueFen, boolean already) {
        return onPoll(() -> {
            int ch = CHANNELS.indexOf(valueFen) + 1;
            if (ch == 0 || (!already && !enabled.contains(valueFen))) {
                tell(NoteEvent.of(Kind.READING));
                tell(NoteEvent.of(Kind.REJECTING));
                tell(new NoteEvent(Kind.REJECTED, 0, 0, ch == 0 ? 0x02 : 0x06));
                return Outcome.REFUSED_BY_UNIT;
            }
            tell(NoteEvent.of(Kind.READING));
            CashHandler h = handler;
            Decision d;
            try {
                d = h == null ? Decision.RETURN : hold.submit(() -> h.escrowed(ch, valueFen)).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                d = Decision.RETURN; // a handler that throws says RETURN
            }
            tell(new NoteEvent(Kind.ESCROWED, ch, valueFen, -1));
            if (d == Decision.RETURN) {
                commands.add("reject");
                tell(NoteEvent.of(Kind.REJECTING));
                tell(new NoteEvent(Kind.REJECTED, 0, 0, 0x08));
                return Outcome.HANDED_BACK;
            }
            commands.add("accept");
            accepted = ch;
            return Outcome.IN_ESCROW;
        });
    }

    /** The accepted note goes past the point of no return and into the box. */
    void stack() {
        onPoll(() -> {
            int ch = takeAccepted();
            tell(NoteEvent.of(Kind.STACKING));
            tell(new NoteEvent(Kind.CREDIT, ch, value(ch), -1));
            cashbox.merge(value(ch), 1, Integer::sum);
            tell(NoteEvent.of(Kind.STACKED));
            return null;
        });
    }

    /** The unit cannot stack the accepted note and hands it back (REJECTED with {@code code}). */
    void unitRejects(int code) {
        onPoll(() -> {
            takeAccepted();
            tell(NoteEvent.of(Kind.REJECTING));
            tell(new NoteEvent(Kind.REJECTED, 0, 0, code));
            return null;
        });
    }

    /**
     * The unit loses power with the accepted note in its path and comes back: SLAVE RESET, then (in a later
     * poll, as ITL's flows show) the note cleared into the cash box (E2) or out of the front (E1), or nothing.
     */
    void powerCycle(Kind clearing, boolean channelKnown) {
        onPoll(() -> {
            int ch = accepted;
            accepted = 0;
            enabled = Set.of();
            commands.add("power");
            tell(NoteEvent.of(Kind.SLAVE_RESET));
            tell(NoteEvent.of(Kind.DISABLED));
            if (clearing != null && ch != 0) {
                if (clearing == Kind.CLEARED_TO_CASHBOX) {
                    cashbox.merge(value(ch), 1, Integer::sum);
                }
                tell(new NoteEvent(clearing, channelKnown ? ch : 0, channelKnown ? value(ch) : 0, -1));
            }
            return null;
        });
    }

    /** Any event, as the unit or the driver would report it. */
    void fire(NoteEvent... events) {
        onPoll(() -> {
            for (NoteEvent e : events) {
                if (e.kind() == Kind.LINK_LOST) {
                    linkUp = false;
                } else if (e.kind() == Kind.LINK_BACK) {
                    linkUp = true;
                }
                tell(e);
            }
            return null;
        });
    }

    /** The link comes up (SYNC, set-up done) and the first polls report {@code events}. */
    void comeUp(NoteEvent... events) {
        onPoll(() -> {
            linkUp = true;
            for (NoteEvent e : events) {
                if (e.kind() == Kind.CLEARED_TO_CASHBOX || e.kind() == Kind.CREDIT) {
                    cashbox.merge(e.valueFen() > 0 ? e.valueFen() : value(e.channel()), 1, Integer::sum);
                }
                tell(e);
            }
            return null;
        });
    }

    static NoteEvent event(Kind kind, long valueFen) {
        int ch = CHANNELS.indexOf(valueFen) + 1;
        return new NoteEvent(kind, ch, valueFen, -1);
    }

    List<String> commands() {
        return onPoll(() -> List.copyOf(commands));
    }

    Set<Long> enabledNow() {
        return enabled;
    }

    SortedMap<Long, Integer> cashbox() {
        return onPoll(() -> new TreeMap<>(cashbox));
    }

    List<NoteEvent> told() {
        return onPoll(() -> List.copyOf(told));
    }

    int redeliveries() {
        return onPoll(() -> redeliveries);
    }

    // ------------------------------------------------------------------ NoteAcceptor

    @Override
    public Optional<UnitInfo> unit() {
        return linkUp ? Optional.of(info) : Optional.empty();
    }

    @Override
    public void setHandler(CashHandler handler) {
        this.handler = handler;
    }

    @Override
    public void enable(Set<Long> valuesFen) throws DeviceException {
        command(() -> {
            if (!linkUp) {
                throw new DeviceException(DeviceException.Kind.NOT_ANSWERING, "收钞机没有响应");
            }
            Set<Long> on = new TreeSet<>(valuesFen);
            on.retainAll(CHANNELS);
            if (on.isEmpty()) {
                throw new DeviceException(DeviceException.Kind.PROTOCOL, "none of " + valuesFen + " is on the unit");
            }
            enabled = Set.copyOf(on);
            commands.add("enable" + on);
            return null;
        });
    }

    @Override
    public void disable() throws DeviceException {
        command(() -> {
            enabled = Set.of();
            commands.add("disable");
            return null;
        });
    }

    @Override
    public String name() {
        return "note-acceptor";
    }

    @Override
    public void open() {
    }

    @Override
    public DeviceState state() {
        return linkUp ? DeviceState.IDLE : DeviceState.OFFLINE;
    }

    @Override
    public Health checkHealth() {
        return new Health(linkUp ? Health.Status.OK : Health.Status.FAILED, "fake", "fake", Instant.EPOCH);
    }

    @Override
    public void addListener(DeviceListener listener) {
    }

    @Override
    public void removeListener(DeviceListener listener) {
    }

    @Override
    public Map<String, Long> statistics() {
        return eventAckMode ? Map.of("EventAckMode", 1L) : Map.of();
    }

    @Override
    public void close() {
        poll.shutdownNow();
        hold.shutdownNow();
    }

    // ------------------------------------------------------------------ the unit's threads

    private void tell(NoteEvent e) {
        told.add(e);
        CashHandler h = handler;
        if (h == null) {
            return;
        }
        for (int tries = 0; ; tries++) {
            try {
                h.event(e);
                return;
            } catch (RuntimeException x) {
                if (!e.money() || tries > 50) {
                    return;
                }
                redeliveries++;
                sleep(20); // the real driver waits a second; the contract is the same
            }
        }
    }

    private int takeAccepted() {
        int ch = accepted;
        if (ch == 0) {
            throw new IllegalStateException("no note accepted in escrow");
        }
        accepted = 0;
        return ch;
    }

    private static long value(int ch) {
        return ch >= 1 && ch <= CHANNELS.size() ? CHANNELS.get(ch - 1) : 0;
    }

    private void command(Callable<Void> c) throws DeviceException {
        String me = Thread.currentThread().getName();
        try {
            if (me.startsWith("fake-nv-")) {
                c.call(); // from inside a handler: at once, on the calling driver thread
            } else {
                poll.submit(c).get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeviceException d) {
                throw d;
            }
            throw new IllegalStateException(e.getCause());
        } catch (DeviceException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T onPoll(Callable<T> step) {
        Future<T> f = poll.submit(step);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
