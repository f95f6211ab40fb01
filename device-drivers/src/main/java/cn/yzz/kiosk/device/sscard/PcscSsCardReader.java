package cn.yzz.kiosk.device.sscard;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.internal.DeviceCore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;

/**
 * Social security card reader over PC/SC ({@code javax.smartcardio}, pcscd on Linux).
 *
 * <p>Two threads: the device thread {@code kiosk-<name>} connects, reads and reconnects; the
 * presence thread {@code kiosk-<name>-presence} watches the slot. With no card it blocks in
 * {@code waitForCardPresent} and believes it only when {@code isCardPresent} agrees (some
 * pcsc-lite versions wake up without a card); with a card it polls {@code isCardPresent}, which
 * does not block, because pcsc-lite holds the context's lock for the whole of a wait and a read
 * would stall behind it. A reader or pcscd that goes away makes the reader {@code OFFLINE}; it
 * looks for the reader again every {@value #RECONNECT_MILLIS} ms with a fresh PC/SC factory. After
 * pcscd has restarted under a running JVM the JDK cannot reach it again; that is {@code FAILED}.
 */
public final class PcscSsCardReader implements SsCardReader {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.sscard");

    static final long RECONNECT_MILLIS = 1000;
    private static final Path PCSCD_SOCKET = Path.of("/run/pcscd/pcscd.comm");
    private static final Path PCSCD_PID = Path.of("/run/pcscd/pcscd.pid");
    private static final long SETTLE_MILLIS = 200;
    static final long WAIT_MILLIS = 500;
    static final long POLL_MILLIS = 150;
    /** After a transmit fails, how long pcscd gets to notice that the card is gone. */
    private static final long REMOVAL_GRACE_MILLIS = 1500;

    private final DeviceCore core;
    private final String readerName;
    private final TerminalSource source;
    private final LongSupplier pcscdPid;
    private long connectedPid = -1; // device thread only: the pcscd the reader was found through
    private final Object presence = new Object();
    private final Thread watcher;

    private volatile CardTerminal terminal;
    private volatile boolean present;
    private volatile boolean closing;
    private volatile String lastProblem = "尚未连接";
    private volatile CompletableFuture<?> pendingRead = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> reconnect; // device thread only

    /**
     * @param readerName the PC/SC reader to use (exact name, or a prefix naming exactly one); {@code null} for the first
     */
    public PcscSsCardReader(String name, String readerName) {
        this(name, readerName, TerminalSource.pcsc(), PcscSsCardReader::pcscdPid);
    }

    /**
     * A reader on {@code terminal} of another provider than pcscd, always plugged in: the demo's
     * {@link cn.yzz.kiosk.device.sscard.emu.MemoryCardTerminal}, so that the demo runs this driver.
     */
    public static PcscSsCardReader on(String name, CardTerminal terminal) {
        return new PcscSsCardReader(name, null, () -> List.of(terminal), () -> 0);
    }

    /** @param pcscdPid the running pcscd's process id, or -1; asked to tell a stopped pcscd from a restarted one */
    PcscSsCardReader(String name, String readerName, TerminalSource source, LongSupplier pcscdPid) {
        this.core = new DeviceCore(name);
        this.readerName = readerName;
        this.source = source;
        this.pcscdPid = pcscdPid;
        this.watcher = new Thread(this::watch, "kiosk-" + name + "-presence");
        watcher.setDaemon(true);
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void open() throws DeviceException {
        DeviceCalls.await(core.submit(() -> {
            connect();
            return null;
        }), 10_000, "社保卡读卡器");
        if (!watcher.isAlive() && !closing) {
            watcher.start();
        }
    }

    @Override
    public DeviceState state() {
        return core.state();
    }

    @Override
    public boolean cardPresent() {
        return present;
    }

    /** The PC/SC name of the reader in use, or empty while there is none. */
    public String readerInUse() {
        CardTerminal t = terminal;
        return t == null ? "" : t.getName();
    }

    @Override
    public Health checkHealth() {
        if (closing) {
            return health(Health.Status.FAILED, "closed", "社保卡读卡器已关闭");
        }
        if (core.state() == DeviceState.BUSY) {
            return health(Health.Status.OK, "ok", "社保卡读卡器正常，正在等待或读取社保卡");
        }
        try {
            return DeviceCalls.await(core.submit(() -> {
                if (terminal == null) {
                    connect();
                }
                CardTerminal t = terminal;
                if (t == null) {
                    return health(Health.Status.FAILED, "not-answering", lastProblem);
                }
                try {
                    boolean card = t.isCardPresent();
                    return health(Health.Status.OK, "ok", "社保卡读卡器正常（" + t.getName() + "），" + (card ? "卡座里有卡" : "卡座里没有卡"));
                } catch (CardException e) {
                    lost(e);
                    return health(Health.Status.FAILED, "not-answering", lastProblem);
                }
            }), 10_000, "社保卡读卡器");
        } catch (DeviceException e) {
            return health(Health.Status.FAILED, e.kind().name().toLowerCase().replace('_', '-'), e.getMessage());
        }
    }

    @Override
    public CompletableFuture<SsCard> read(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<CompletableFuture<SsCard>> self = new AtomicReference<>();
        self.set(core.submit(() -> readCycle(deadline, () -> self.get() != null && self.get().isDone())));
        pendingRead = self.get();
        return self.get();
    }

    @Override
    public void addListener(DeviceListener listener) {
        core.addListener(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        core.removeListener(listener);
    }

    @Override
    public Map<String, Long> statistics() {
        return core.statistics();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        pendingRead.cancel(false);
        watcher.interrupt();
        synchronized (presence) {
            presence.notifyAll();
        }
        try {
            core.submit(() -> {
                cancelReconnect();
                terminal = null;
                return null;
            }).get(3, TimeUnit.SECONDS);
            watcher.join(WAIT_MILLIS * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "{0}: the device thread did not finish in time", name());
        }
        core.shutdown();
        core.moveTo(DeviceState.CLOSED, "已关闭");
    }

    // ---- device thread ----

    private interface Cancelled {
        boolean now();
    }

    private SsCard readCycle(long deadline, Cancelled cancelled) throws DeviceException, InterruptedException {
        if (terminal == null) {
            connect();
        }
        if (terminal == null) {
            throw unreachable(null);
        }
        core.count("ReadRequestCount");
        core.moveTo(DeviceState.BUSY, "等待插入社保卡");
        try {
            while (true) {
                if (cancelled.now() || closing) {
                    throw new DeviceException(Kind.CLOSED, "读卡已取消");
                }
                CardTerminal t = terminal;
                if (t == null) {
                    throw unreachable(null); // the reader or pcscd went away while we waited
                }
                long left = deadline - System.nanoTime();
                if (!present) {
                    if (left <= 0) {
                        core.count("NoCardCount");
                        throw new DeviceException(Kind.NO_MEDIA, "在限定时间内没有插入社保卡");
                    }
                    synchronized (presence) {
                        if (!present) {
                            presence.wait(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
                        }
                    }
                    continue;
                }
                Card card;
                try {
                    card = t.connect("*");
                } catch (CardException e) {
                    if (noCard(e)) {
                        // The watcher saw a card that is not there (a flicker, or it was taken out again).
                        core.count("SpuriousPresenceCount");
                        if (left <= 0) {
                            throw new DeviceException(Kind.NO_MEDIA, "在限定时间内没有插入社保卡");
                        }
                        Thread.sleep(POLL_MILLIS);
                        continue;
                    }
                    lost(e);
                    throw unreachable(e);
                }
                try {
                    SsCard c = new SsCardSession(channel(card.getBasicChannel())).read();
                    core.count("GoodReadCount");
                    LOG.log(Level.INFO, "{0}: read {1}", name(), c); // SsCard.toString is masked
                    return c;
                } catch (DeviceException e) {
                    core.count(e.kind() == Kind.PROTOCOL ? "CommunicationErrorCount" : "CardErrorCount");
                    throw e;
                } catch (CardException e) {
                    if (noCard(e) || gone(t)) {
                        core.count("CardRemovedCount");
                        throw new DeviceException(Kind.MEDIA_ERROR, "社保卡在读取中被拔出，请把社保卡插好后再读一次", e);
                    }
                    core.count("CommunicationErrorCount");
                    throw new DeviceException(Kind.PROTOCOL, "与社保卡通信出错（" + e.getMessage() + "），请把卡拔出重插", e);
                } finally {
                    try {
                        card.disconnect(false); // no reset: a reset costs about a second (devices.md §2.5)
                    } catch (CardException | IllegalStateException e) {
                        // the card is gone already
                    }
                }
            }
        } finally {
            if (core.state() == DeviceState.BUSY) {
                core.moveTo(DeviceState.IDLE, "读卡结束");
            }
        }
    }

    /** Why no reader can be used: a fault for the restarted-pcscd case, otherwise not answering. */
    private DeviceException unreachable(Throwable cause) {
        return new DeviceException(core.state() == DeviceState.FAILED ? Kind.DEVICE_FAULT : Kind.NOT_ANSWERING, lastProblem, cause);
    }

    private static ApduChannel channel(CardChannel ch) {
        return command -> {
            try {
                return ch.transmit(new CommandAPDU(command)).getBytes();
            } catch (IllegalArgumentException e) {
                // The JDK builds a ResponseAPDU from nothing when the card went silent mid-exchange.
                throw new CardException("卡片没有回复", e);
            }
        };
    }

    private boolean gone(CardTerminal t) {
        try {
            return t.waitForCardAbsent(REMOVAL_GRACE_MILLIS);
        } catch (CardException e) {
            return true;
        }
    }

    private void connect() {
        if (closing) {
            return;
        }
        try {
            List<CardTerminal> all = source.list();
            CardTerminal chosen = choose(all);
            if (chosen == null) {
                goOffline(all.isEmpty() ? "没有找到社保卡读卡器：请检查读卡器的 USB 线是否插好"
                        : "找不到名为“" + readerName + "”的读卡器（现有：" + String.join("、", all.stream().map(CardTerminal::getName).toList())
                        + "）：请检查读卡器或设置里的读卡器名称");
                return;
            }
            cancelReconnect();
            connectedPid = pcscdPid.getAsLong();
            present = false;
            terminal = chosen;
            core.moveTo(DeviceState.IDLE, "社保卡读卡器已连接（" + chosen.getName() + "）");
        } catch (CardException e) {
            lost(e);
        }
    }

    private CardTerminal choose(List<CardTerminal> all) {
        if (readerName == null) {
            return all.isEmpty() ? null : all.get(0);
        }
        for (CardTerminal t : all) {
            if (t.getName().equals(readerName)) {
                return t;
            }
        }
        List<CardTerminal> byPrefix = all.stream().filter(t -> t.getName().startsWith(readerName)).toList();
        return byPrefix.size() == 1 ? byPrefix.get(0) : null;
    }

    /**
     * A PC/SC failure. The JDK keeps one PC/SC context per JVM and never makes a new one, so once
     * pcscd has restarted this process cannot reach it again: that is a fault only a restart of the
     * program clears, not a reader that is offline for a while.
     */
    private void lost(CardException e) {
        String m = pcscText(e);
        if (readerGone(m)) {
            goOffline(describe(e));
            return;
        }
        try {
            Thread.sleep(SETTLE_MILLIS); // a pcscd that is stopping drops its clients before it is gone
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        long pid = pcscdPid.getAsLong();
        if (pid < 0) {
            // A wait cut short by pcscd dying reports odd codes (SCARD_W_INSERTED_CARD); say what happened.
            goOffline(serviceDown(m));
        } else if (serviceGone(m) && connectedPid >= 0 && pid != connectedPid) {
            goOffline("读卡服务（pcscd）重启过，本程序与它的连接已断开，无法自动恢复：请重启终端程序（" + code(m) + "）", DeviceState.FAILED);
        } else {
            goOffline(describe(e));
        }
    }

    private void goOffline(String why) {
        goOffline(why, DeviceState.OFFLINE);
    }

    private void goOffline(String why, DeviceState to) {
        terminal = null;
        setPresent(false);
        if (closing) {
            return;
        }
        lastProblem = why;
        core.moveTo(to, why);
        if (reconnect == null || reconnect.isDone()) {
            reconnect = core.schedule(() -> {
                reconnect = null;
                if (terminal == null && !closing) {
                    core.count("ReconnectAttemptCount");
                    connect();
                }
            }, RECONNECT_MILLIS).orElse(null);
        }
    }

    private void cancelReconnect() {
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
    }

    // ---- presence thread ----

    private void watch() {
        while (!closing) {
            CardTerminal t = terminal;
            try {
                if (t == null) {
                    Thread.sleep(POLL_MILLIS);
                } else if (!present) {
                    if (t.waitForCardPresent(WAIT_MILLIS) && t == terminal) {
                        if (t.isCardPresent()) {
                            setPresent(true);
                        } else {
                            core.count("SpuriousWakeupCount"); // woke up, but there is no card
                            Thread.sleep(POLL_MILLIS);
                        }
                    }
                } else if (!t.isCardPresent()) {
                    if (t == terminal) {
                        setPresent(false);
                    }
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (CardException e) {
                lostUnderWatcher(t, e);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, name() + ": presence watcher failed", e);
                lostUnderWatcher(t, new CardException(e.toString(), e));
            }
        }
    }

    /** The reader or pcscd went away under the watcher: the device thread takes it offline. */
    private void lostUnderWatcher(CardTerminal t, CardException e) {
        core.submit(() -> {
            if (terminal == t && t != null) {
                lost(e);
            }
            return null;
        });
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by the presence thread, and by the device thread when the reader goes away. */
    private void setPresent(boolean now) {
        synchronized (presence) {
            if (present != now) {
                core.count(now ? "CardInsertedCount" : "CardRemovedFromSlotCount");
                // Not through the device thread: a read in progress must not hold the news back. Told
                // before a waiting read can act on it, so listeners hear of a card before it is read.
                core.publish(now ? new SsCardEvent.Inserted(name()) : new SsCardEvent.Removed(name()));
            }
            present = now;
            presence.notifyAll();
        }
    }

    // ---- messages ----

    private static boolean noCard(CardException e) {
        String m = pcscText(e);
        return m.contains("SCARD_E_NO_SMARTCARD") || m.contains("SCARD_W_REMOVED_CARD") || m.contains("No card present");
    }

    private static String pcscText(CardException e) {
        return String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
    }

    private static boolean serviceGone(String m) {
        return m.contains("SCARD_E_NO_SERVICE") || m.contains("SCARD_E_SERVICE_STOPPED") || m.contains("SCARD_E_INVALID_HANDLE");
    }

    /** The pcscd whose socket is there and whose process is alive, or -1. */
    private static long pcscdPid() {
        try {
            long pid = Long.parseLong(Files.readString(PCSCD_PID).replaceAll("[^0-9]", ""));
            return Files.exists(PCSCD_SOCKET) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean readerGone(String m) {
        return m.contains("SCARD_E_READER_UNAVAILABLE") || m.contains("SCARD_E_UNKNOWN_READER") || m.contains("SCARD_E_NO_READERS_AVAILABLE");
    }

    private static String serviceDown(String m) {
        return "读卡服务（pcscd）没有运行或已停止：请重启读卡服务或重启终端（" + code(m) + "）";
    }

    /** Plain words for a PC/SC failure, with the PC/SC code kept for whoever has to dig further. */
    static String describe(CardException e) {
        String m = pcscText(e);
        if (serviceGone(m)) {
            return serviceDown(m);
        }
        if (readerGone(m)) {
            return "社保卡读卡器已断开：请检查读卡器的 USB 线是否插好（" + code(m) + "）";
        }
        return "社保卡读卡器出错：" + m.strip();
    }

    private static String code(String message) {
        int i = message.indexOf("SCARD_");
        if (i < 0) {
            return message.strip();
        }
        int end = i;
        while (end < message.length() && (Character.isLetterOrDigit(message.charAt(end)) || message.charAt(end) == '_')) {
            end++;
        }
        return message.substring(i, end);
    }

    private static Health health(Health.Status status, String code, String detail) {
        return new Health(status, code, detail, Instant.now());
    }
}
