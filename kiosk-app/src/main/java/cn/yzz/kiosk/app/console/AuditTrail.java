package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.store.AuditLog;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the console's audit entries go: the store's {@link AuditLog}, written on the trail's own thread (SQL never runs
 * on the JavaFX thread). The store opens a moment after start ({@code CountyLink}): what happens before is kept in
 * memory and written when it opens, with the time it happened in its result (the log stamps the time of writing). A
 * store that cannot write is logged and the console goes on: an audit problem never blocks the administrator.
 */
public final class AuditTrail {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.console");
    /** Entries kept while the store is not open; more are dropped (and said so in the log). */
    static final int KEPT_BEFORE_STORE = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private record Entry(String who, String what, String result) {}

    private final Executor writer;
    private final Clock clock;
    private final List<Entry> early = new ArrayList<>(); // guarded by this
    private AuditLog log; // guarded by this

    /** @param writer one thread, so entries are written in order */
    public AuditTrail(Executor writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    /** Records an entry; returns at once. Words only, already masked: never a PIN digit, a full name or number. */
    public void record(String who, String what, String result) {
        AuditLog to;
        synchronized (this) {
            to = log;
            if (to == null) {
                if (early.size() < KEPT_BEFORE_STORE) {
                    early.add(new Entry(who, what, result + "（" + LocalTime.now(clock).format(TIME) + " 记下，存储打开前）"));
                } else {
                    LOG.warning(() -> "audit entry dropped before the store opened: " + what);
                }
                return;
            }
        }
        Entry e = new Entry(who, what, result);
        writer.execute(() -> write(to, e));
    }

    /** The store is open: what was kept is written, then every entry as it comes. */
    public void attach(AuditLog to) {
        List<Entry> kept;
        synchronized (this) {
            log = to;
            kept = List.copyOf(early);
            early.clear();
        }
        writer.execute(() -> kept.forEach(e -> write(to, e)));
    }

    private static void write(AuditLog to, Entry e) {
        try {
            to.record(e.who(), e.what(), e.result());
        } catch (StoreException | RuntimeException x) {
            LOG.log(Level.WARNING, "audit entry not written (" + e.what() + ")", x);
        }
    }
}
