package cn.yzz.kiosk.admin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Wrong PINs in a row, kept in a file so that a restart (pulling the plug) gives no fresh tries: {@link #MAX_WRONG} wrong
 * ones lock PIN entry for {@link #FIRST_LOCK}, each lock after that twice as long (at most {@link #LONGEST_LOCK}), until
 * a right PIN. A damaged file counts as one guess left, so damaging it buys nothing. Not thread-safe: its owner locks.
 */
public final class Lockout {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.admin");

    public static final int MAX_WRONG = 5;
    public static final Duration FIRST_LOCK = Duration.ofMinutes(5);
    public static final Duration LONGEST_LOCK = Duration.ofDays(1);

    private record State(int wrong, int locks, Instant until) {}

    private final Path file;
    private final Clock clock;
    private final String what;

    /** @param what whose PIN, for the log and the file's comment ("staff", "administrator") */
    public Lockout(Path file, Clock clock, String what) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** Until when no PIN may be checked; empty when one may be now. */
    public Optional<Instant> lockedUntil() {
        Instant until = read().until();
        return until != null && clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** Wrong PINs that may still be keyed before the next lock. */
    public int triesLeft() {
        return MAX_WRONG - read().wrong();
    }

    /** A right PIN: the count starts again, and so does the doubling. */
    public void right() {
        State s = read();
        if (s.wrong() > 0 || s.locks() > 0) {
            write(new State(0, 0, null));
        }
    }

    /** A wrong PIN: counted; returns the end of the lock it started, if it was the last try. */
    public Optional<Instant> wrong() {
        State s = read();
        int wrong = s.wrong() + 1;
        if (wrong < MAX_WRONG) {
            write(new State(wrong, s.locks(), null));
            return Optional.empty();
        }
        int locks = s.locks() + 1;
        Duration length = FIRST_LOCK.multipliedBy(1L << Math.min(locks - 1, 16));
        Instant until = clock.instant().plus(length.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : length);
        write(new State(0, locks, until));
        LOG.warning(() -> MAX_WRONG + " wrong " + what + " PINs in a row: PIN entry locked until " + until);
        return Optional.of(until);
    }

    private State read() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            String until = p.getProperty("lockedUntil", "");
            return new State(Integer.parseInt(p.getProperty("wrong", "0")), Integer.parseInt(p.getProperty("locks", "0")),
                    until.isEmpty() ? null : Instant.parse(until));
        } catch (NoSuchFileException e) {
            return new State(0, 0, null);
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> file + " unreadable (" + e.getMessage() + "): one more wrong " + what + " PIN locks");
            return new State(MAX_WRONG - 1, 1, null);
        }
    }

    private void write(State s) {
        Properties p = new Properties();
        p.setProperty("wrong", Integer.toString(s.wrong()));
        p.setProperty("locks", Integer.toString(s.locks()));
        p.setProperty("lockedUntil", s.until() == null ? "" : s.until().toString());
        try {
            OwnerOnlyFiles.write(file, p, "wrong " + what + " PINs in a row, locks since the last right one, and until when PIN entry is locked");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the " + what + " PIN count in " + file, e);
        }
    }
}
