package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DATA/kiosk.db: the one connection every read and write goes through (SQLite allows one writer;
 * serialising here means no SQLITE_BUSY between our own threads), its pragmas, the schema, and
 * the health the kiosk checks before taking new work.
 *
 * <p>Thread-safe: every use of the connection holds {@code this}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    public static final String FILE_NAME = "kiosk.db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A unit of work on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Settings settings;
    private final Path damagedCopy;
    private Connection connection; // guarded by this; null once closed
    private volatile StoreException stopped; // why the kiosk must not take new work, or null

    private Database(Path file, Settings settings, Connection connection, Path damagedCopy) {
        this.file = file;
        this.settings = settings;
        this.connection = connection;
        this.damagedCopy = damagedCopy;
    }

    /** Opens (creating, checking, repairing by moving aside, migrating) DATA/kiosk.db. */
    public static Database open(Path dataDir, Settings settings) throws StoreException {
        return open(dataDir, settings, Migrations.LATEST);
    }

    static Database open(Path dataDir, Settings settings, int schema) throws StoreException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw Failures.of("cannot create the data directory " + dataDir, e);
        }
        Path damaged = null;
        Connection c;
        String check;
        try {
            c = connect(file, settings);
            check = quickCheck(c);
        } catch (SQLException e) {
            if (!Failures.isDamage(e)) {
                throw Failures.of("cannot open " + file, e);
            }
            c = null;
            check = "cannot open: " + e.getMessage();
        }
        if (!"ok".equals(check)) {
            closeQuietly(c);
            damaged = moveAside(file, settings);
            LOG.log(Level.SEVERE, "kiosk database " + file + " failed quick_check (" + check + "); moved aside to "
                    + damaged + " for the administrator, starting with an empty database");
            try {
                c = connect(file, settings);
            } catch (SQLException e) {
                throw Failures.of("cannot create a fresh " + file, e);
            }
        }
        try {
            Migrations.migrate(c, schema);
        } catch (SQLException e) {
            closeQuietly(c);
            throw Failures.of("cannot migrate " + file, e);
        }
        try { // made by root (kioskctl): the kiosk's user must open it. SQLite gives later -wal/-shm the file's owner.
            for (String made : new String[] {FILE_NAME, FILE_NAME + "-wal", FILE_NAME + "-shm"}) {
                DataFolderOwner.adopt(dataDir, dataDir.resolve(made));
            }
        } catch (IOException e) {
            closeQuietly(c);
            throw Failures.of("cannot give " + file + " to the owner of " + dataDir, e);
        }
        return new Database(file, settings, c, damaged);
    }

    /** Opens a connection with our pragmas, read back: a mismatch is an error, not a warning. */
    static Connection connect(Path file, Settings settings) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            long busy = settings.busyTimeout().toMillis();
            s.execute("PRAGMA busy_timeout = " + busy);
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA secure_delete = ON"); // purged personal data is zeroed, not left in free pages
            expect(s, "journal_mode", "wal");
            expect(s, "synchronous", "2");
            expect(s, "foreign_keys", "1");
            expect(s, "secure_delete", "1");
            expect(s, "busy_timeout", Long.toString(busy));
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void expect(Statement s, String pragma, String wanted) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA " + pragma)) {
            String got = rs.next() ? rs.getString(1) : null;
            if (!wanted.equalsIgnoreCase(String.valueOf(got))) {
                throw new SQLException("PRAGMA " + pragma + " is " + got + ", expected " + wanted);
            }
        }
    }

    private static String quickCheck(Connection c) {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA quick_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next() && lines.size() < 5) {
                lines.add(rs.getString(1));
            }
            return String.join("; ", lines);
        } catch (SQLException e) {
            return "quick_check failed: " + e.getMessage();
        }
    }

    private static Path moveAside(Path file, Settings settings) throws StoreException {
        String stamp = STAMP.format(settings.clock().instant());
        Path target = file.resolveSibling(file.getFileName() + ".damaged-" + stamp);
        for (int n = 2; Files.exists(target); n++) {
            target = file.resolveSibling(file.getFileName() + ".damaged-" + stamp + "-" + n);
        }
        try {
            for (String suffix : new String[] {"-wal", "-shm", ""}) { // the main file last
                Path from = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(from)) {
                    Files.move(from, target.resolveSibling(target.getFileName() + suffix),
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw Failures.of("cannot move the damaged " + file + " aside", e);
        }
        return target;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }

    /** Runs {@code work} in one IMMEDIATE transaction: all of it is committed, or none. */
    public synchronized <T> T write(String what, Work<T> work) throws StoreException {
        Connection c = open();
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(c);
                s.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(s);
                throw e;
            }
        } catch (SQLException e) {
            throw noted(Failures.of(what, e));
        }
    }

    /** Runs {@code work} outside an explicit transaction (a consistent read of one statement). */
    public synchronized <T> T read(String what, Work<T> work) throws StoreException {
        try {
            return work.run(open());
        } catch (SQLException e) {
            throw noted(Failures.of(what, e));
        }
    }

    private static void rollback(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite may already have rolled back (SQLITE_FULL does); nothing was committed either way
        }
    }

    private Connection open() throws StoreException {
        if (connection == null) {
            throw new StoreException(StoreException.Kind.STATE, "the kiosk store is closed", null);
        }
        return connection;
    }

    /** A disk-full, I/O or damage failure stops new work until {@link #recheck()} finds it healthy. */
    private StoreException noted(StoreException e) {
        if (e.kind() != StoreException.Kind.STATE) {
            if (stopped == null) {
                LOG.log(Level.SEVERE, "kiosk store " + file + " stops taking new work: " + e.getMessage());
            }
            stopped = e;
        }
        return e;
    }

    /** Whether new work may be taken: false after a disk-full, I/O or damage failure. */
    public boolean acceptingWork() {
        return stopped == null;
    }

    /** Why new work is refused, if it is. */
    public Optional<StoreException> problem() {
        return Optional.ofNullable(stopped);
    }

    /** The damaged database found at open and moved aside, if there was one. */
    public Optional<Path> damagedCopy() {
        return Optional.ofNullable(damagedCopy);
    }

    public Path file() {
        return file;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * An administrator's action after freeing disk space or fixing the disk: checks the database
     * and that a write of 256 KiB would fit (rolled back), and takes new work again if both pass.
     */
    public synchronized boolean recheck() throws StoreException {
        Connection c = open();
        String check = quickCheck(c);
        if (!"ok".equals(check)) {
            stopped = new StoreException(StoreException.Kind.CORRUPT, "quick_check: " + check, null);
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute("CREATE TABLE probe_space (b BLOB)");
                s.execute("INSERT INTO probe_space VALUES (zeroblob(262144))");
            } finally {
                rollback(s);
            }
        } catch (SQLException e) {
            stopped = Failures.of("recheck write", e);
            return false;
        }
        if (stopped != null) {
            LOG.info("kiosk store " + file + " healthy again; taking new work");
        }
        stopped = null;
        return true;
    }

    /** Runs {@code PRAGMA integrity_check} (nightly, and in tests): "ok" when the file is sound. */
    public String integrityCheck() throws StoreException {
        return read("integrity_check", c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check")) {
                List<String> lines = new ArrayList<>();
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
                return String.join("; ", lines);
            }
        });
    }

    /** Caps the file size in pages for this connection (tests use it to fill the "disk" honestly). */
    public synchronized void maxPageCount(long pages) throws StoreException {
        read("max_page_count", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }

    @Override
    public synchronized void close() throws StoreException {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw Failures.of("closing " + file, e);
            } finally {
                connection = null;
            }
        }
    }
}
