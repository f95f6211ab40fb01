package cn.yzz.kiosk.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The village administrator's console PIN: {@code DATA/admin-pin.properties} (mode 0600) holds it only as a salted slow hash
 * ({@link SlowHash}, PBKDF2-HMAC-SHA256); {@code DATA/admin-lock.properties} counts wrong ones ({@link Lockout}: 5 wrong lock
 * the console for 5 minutes, doubling, surviving a restart). {@code kioskctl admin set-pin} sets it.
 *
 * <p>Blocking (a file and about 0.1 s of hashing a check): call it off the JavaFX thread. Thread-safe. No PIN or hash is
 * ever logged or put in a message.
 */
public final class AdminPin {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.admin");

    public static final String FILE = "admin-pin.properties";
    public static final String LOCK_FILE = "admin-lock.properties";
    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 12;

    /** What a keyed PIN came to. */
    public sealed interface Check {
        record Ok() implements Check {}

        /** Wrong; {@code triesLeft} more before the console locks. */
        record Wrong(int triesLeft) implements Check {}

        /** Too many wrong PINs: none is checked until {@code until}. */
        record Locked(Instant until) implements Check {}

        /** No PIN was ever set on this kiosk: {@code kioskctl admin set-pin} first. */
        record NotSet() implements Check {}

        /** The PIN file cannot be read (logged): the console cannot be opened until it is set again. */
        record Unusable() implements Check {}
    }

    private final Path file;
    private final Lockout lockout;
    private final SecureRandom random;
    private final int iterations;

    public AdminPin(Path dataDir, Clock clock, SecureRandom random) {
        this(dataDir, clock, random, SlowHash.ITERATIONS);
    }

    /** With cheaper hashes, for tests (a PIN verifies at whatever iterations it was set with). */
    public AdminPin(Path dataDir, Clock clock, SecureRandom random, int iterations) {
        this.file = Objects.requireNonNull(dataDir, "dataDir").resolve(FILE);
        this.lockout = new Lockout(dataDir.resolve(LOCK_FILE), clock, "administrator");
        this.random = Objects.requireNonNull(random, "random");
        this.iterations = iterations;
    }

    public static AdminPin in(Path dataDir) {
        return new AdminPin(dataDir, Clock.systemUTC(), new SecureRandom());
    }

    /** Whether a PIN was set. */
    public synchronized boolean isSet() {
        return Files.exists(file);
    }

    /** Until when the console is locked; empty when a PIN may be keyed now. */
    public synchronized Optional<Instant> lockedUntil() {
        return lockout.lockedUntil();
    }

    /** Checks a keyed PIN. The caller clears {@code pin}. */
    public synchronized Check check(char[] pin) {
        Optional<Instant> locked = lockout.lockedUntil();
        if (locked.isPresent()) {
            return new Check.Locked(locked.get());
        }
        String hash;
        try {
            hash = read();
        } catch (NoSuchFileException e) {
            return new Check.NotSet();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, file + " cannot be used (" + e.getClass().getSimpleName() + "): set the PIN again with kioskctl admin set-pin");
            return new Check.Unusable();
        }
        boolean right;
        try {
            right = SlowHash.matches(pin, hash);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> file + " holds no usable PIN hash (" + e.getMessage() + "): set the PIN again with kioskctl admin set-pin");
            return new Check.Unusable();
        }
        if (right) {
            lockout.right();
            return new Check.Ok();
        }
        Optional<Instant> lock = lockout.wrong();
        return lock.<Check>map(Check.Locked::new).orElseGet(() -> new Check.Wrong(lockout.triesLeft()));
    }

    /**
     * Sets the PIN (and ends any lock: whoever can set it owns the kiosk). The caller clears {@code pin}.
     *
     * @throws IllegalArgumentException in plain words when the PIN is too easy or not 6 to 12 digits (never quoting it)
     */
    public synchronized void set(char[] pin) throws IOException {
        check(pin, MIN_LENGTH, MAX_LENGTH);
        Properties p = new Properties();
        p.setProperty("pin", SlowHash.of(pin, random, iterations));
        OwnerOnlyFiles.write(file, p, "the administrator's console PIN, as a salted slow hash (kioskctl admin set-pin)");
        lockout.right();
        LOG.info("administrator PIN set");
    }

    /** Whether {@code pin} is a PIN this kiosk accepts: digits, the length, not one digit repeated nor a run. */
    static void check(char[] pin, int min, int max) {
        if (pin.length < min || pin.length > max) {
            throw new IllegalArgumentException("密码要 " + min + " 到 " + max + " 位数字");
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 0; i < pin.length; i++) {
            if (pin[i] < '0' || pin[i] > '9') {
                throw new IllegalArgumentException("密码只能是数字");
            }
            if (i > 0) {
                same &= pin[i] == pin[i - 1];
                up &= pin[i] == pin[i - 1] + 1;
                down &= pin[i] == pin[i - 1] - 1;
            }
        }
        if (same || up || down) {
            throw new IllegalArgumentException("密码太简单（同一个数字或顺序数字），请换一个");
        }
    }

    private String read() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String hash = p.getProperty("pin");
        if (hash == null) {
            throw new IOException("no pin entry");
        }
        return hash;
    }
}
