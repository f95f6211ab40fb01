package cn.yzz.kiosk.cache;

import cn.yzz.kiosk.cache.store.AuditLog;
import cn.yzz.kiosk.cache.store.CatalogueCache;
import cn.yzz.kiosk.cache.store.Database;
import cn.yzz.kiosk.cache.store.PersonalDataCipher;
import cn.yzz.kiosk.cache.store.Reachability;
import cn.yzz.kiosk.cache.store.SqliteCashJournal;
import cn.yzz.kiosk.cache.store.SqliteOutbox;
import cn.yzz.kiosk.cache.store.SqlitePayments;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kiosk's store: DATA/kiosk.db (outbox, receipts, payment journal, cash-in journal, catalogue, audit, reachability) and DATA/keys/person.key.
 * Open it once per process; close it at shutdown. Before taking new work (a payment, an
 * application) the kiosk asks {@link #acceptingWork()}: after a disk-full or I/O error it is
 * false until an administrator has fixed the cause and {@link #recheck()} passed.
 */
public final class KioskStore implements AutoCloseable {

    /** What the administrator should know; {@code damagedCopy} is the database moved aside at open, if any. */
    public record Health(boolean acceptingWork, Optional<StoreException> problem, Optional<Path> damagedCopy) {}

    private final Database db;
    private final SqliteOutbox outbox;
    private final SqlitePayments payments;
    private final SqliteCashJournal cash;
    private final CatalogueCache catalogue;
    private final AuditLog audit;
    private final Reachability reachability;

    private KioskStore(Database db, PersonalDataCipher cipher) {
        this.db = db;
        this.outbox = new SqliteOutbox(db, cipher);
        this.payments = new SqlitePayments(db, cipher, outbox);
        this.cash = new SqliteCashJournal(db, cipher, outbox);
        this.catalogue = new CatalogueCache(db);
        this.audit = new AuditLog(db);
        this.reachability = new Reachability(db);
    }

    /**
     * Opens the store in {@code dataDir}: creates it on first use, runs {@code quick_check} (a
     * damaged database is moved aside as {@code kiosk.db.damaged-<UTC time>}, logged at SEVERE
     * and reported in {@link #health()}), and migrates the schema forward.
     */
    public static KioskStore open(Path dataDir, Settings settings) throws StoreException {
        PersonalDataCipher cipher = PersonalDataCipher.open(dataDir);
        Database db = Database.open(dataDir, settings);
        try {
            KioskStore store = new KioskStore(db, cipher);
            store.cash.startFirstPeriod();
            return store;
        } catch (StoreException | RuntimeException e) {
            try {
                db.close();
            } catch (StoreException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The payment journal, in the same database as the outbox it feeds. */
    public Payments payments() {
        return payments;
    }

    /** The cash-in journal (enhanced kiosks), in the same database as the outbox it feeds. */
    public CashJournal cash() {
        return cash;
    }

    public CatalogueCache catalogue() {
        return catalogue;
    }

    /** What administrators did on the console and with kioskctl. */
    public AuditLog audit() {
        return audit;
    }

    /** Whether the county backend could be reached, hour by hour. */
    public Reachability reachability() {
        return reachability;
    }

    public boolean acceptingWork() {
        return db.acceptingWork();
    }

    public Health health() {
        return new Health(db.acceptingWork(), db.problem(), db.damagedCopy());
    }

    /** An administrator's action: checks the database and free space, and takes new work again if both pass. */
    public boolean recheck() throws StoreException {
        return db.recheck();
    }

    /** {@code PRAGMA integrity_check}: "ok" when sound (nightly check, tests). */
    public String integrityCheck() throws StoreException {
        return db.integrityCheck();
    }

    /** The underlying database, for tools in this module (tests cap its size with it). */
    public Database database() {
        return db;
    }

    /**
     * Removes personal data older than the configured retention: of outbox entries after acknowledgement, of
     * cancelled or expired payments after closing, of cancelled cash payments after ending (a paid payment's
     * journal copy went when it was queued).
     * Returns how many records lost theirs.
     */
    public int purgePersonal() throws StoreException {
        var now = db.settings().clock().instant();
        var retention = db.settings().personalRetention();
        return outbox.purgePersonal(now, retention) + payments.purgePersonal(now, retention)
                + cash.purgePersonal(now, retention);
    }

    @Override
    public void close() throws StoreException {
        db.close();
    }
}
