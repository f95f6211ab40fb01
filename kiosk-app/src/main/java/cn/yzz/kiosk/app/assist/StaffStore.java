package cn.yzz.kiosk.app.assist;

import cn.yzz.kiosk.admin.Lockout;
import cn.yzz.kiosk.admin.OwnerOnlyFiles;
import cn.yzz.kiosk.admin.SlowHash;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who may start 帮办代办 on this kiosk, and the PIN lockout: {@code DATA/staff.properties} and
 * {@code DATA/staff-lock.properties}, both readable by the kiosk's user only.
 *
 * <p><b>Enrolment</b> is {@link #add}: a staff number (工号), a name, a 6-digit PIN and, optionally, the number of the staff
 * member's own ID card, their "staff card". The tests and the demo call it; the administrator's console and
 * {@code kioskctl staff add} will call it later. The file keeps the PIN and the card number only as salted slow hashes
 * ({@link SlowHash}), never as they are. It is read at every sign-in, so someone enrolled while the kiosk runs can sign in
 * at once; an entry that cannot be used is left out and logged by its key, the others still work.
 *
 * <p><b>Signing in</b>: the PIN alone says who (PINs are unique on a kiosk), checked against every entry whatever matches,
 * so the time taken says nothing; or the staff card, on the staff screen only. Five wrong PINs in a row lock PIN entry for
 * {@link #FIRST_LOCK}, each lock after that twice as long (at most a day) until a right PIN; the count survives a restart.
 * A card is not a guess: it neither counts nor is locked out. No PIN, hash or card number is ever logged or put in a message.
 *
 * <p>Blocking (files, PBKDF2 at about 0.1 s a hash): call it off the JavaFX thread. Thread-safe.
 */
public final class StaffStore {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.assist");

    public static final String FILE = "staff.properties";
    static final String LOCK_FILE = "staff-lock.properties";
    public static final int PIN_LENGTH = 6;
    public static final int MAX_WRONG = Lockout.MAX_WRONG;
    public static final Duration FIRST_LOCK = Lockout.FIRST_LOCK;
    static final Duration LONGEST_LOCK = Lockout.LONGEST_LOCK;

    /** What a sign-in came to. */
    public sealed interface SignIn {
        record Ok(StaffMember staff) implements SignIn {}

        /** A wrong PIN; {@code triesLeft} more before PIN entry is locked. */
        record Wrong(int triesLeft) implements SignIn {}

        /** Too many wrong PINs: no PIN is checked until {@code until}. */
        record Locked(Instant until) implements SignIn {}

        /** A card that is no staff member's. */
        record NotStaff() implements SignIn {}

        /** Nobody is enrolled on this kiosk. */
        record NoStaff() implements SignIn {}

        /** The staff file cannot be read (logged); the administrator must look at it. */
        record Unusable() implements SignIn {}
    }

    private record Entry(StaffMember member, String pin, String card) {}

    private final Path file;
    private final Lockout lockout;
    private final SecureRandom random;
    private final int iterations;

    public StaffStore(Path dataDir, Clock clock, SecureRandom random) {
        this(dataDir, clock, random, SlowHash.ITERATIONS);
    }

    /** With cheaper hashes, for this package's tests only (entries verify at whatever iterations they were made with). */
    StaffStore(Path dataDir, Clock clock, SecureRandom random, int iterations) {
        this.iterations = iterations;
        Objects.requireNonNull(dataDir, "dataDir");
        this.file = dataDir.resolve(FILE);
        this.lockout = new Lockout(dataDir.resolve(LOCK_FILE), Objects.requireNonNull(clock, "clock"), "staff");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static StaffStore in(Path dataDir) {
        return new StaffStore(dataDir, Clock.systemUTC(), new SecureRandom());
    }

    // Signing in //

    /** Checks a keyed PIN against every staff member's. The caller clears {@code pin}. */
    public synchronized SignIn pin(char[] pin) {
        java.util.Optional<Instant> locked = lockout.lockedUntil();
        if (locked.isPresent()) {
            return new SignIn.Locked(locked.get());
        }
        List<Entry> entries;
        try {
            entries = entries();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "staff file unreadable: " + e.getMessage());
            return new SignIn.Unusable();
        }
        if (entries.isEmpty()) {
            return new SignIn.NoStaff();
        }
        StaffMember found = null;
        for (Entry e : entries) { // every entry, so the time taken does not say which one matched
            if (SlowHash.matches(pin, e.pin()) && found == null) {
                found = e.member();
            }
        }
        if (found != null) {
            lockout.right();
            return new SignIn.Ok(found);
        }
        return lockout.wrong().<SignIn>map(SignIn.Locked::new).orElseGet(() -> new SignIn.Wrong(lockout.triesLeft()));
    }

    /** The staff member whose card this is, if any: the card placed on the staff screen. */
    public synchronized SignIn card(String idNumber) {
        char[] number = normalised(idNumber);
        try {
            List<Entry> entries = entries();
            if (entries.isEmpty()) {
                return new SignIn.NoStaff();
            }
            StaffMember found = null;
            for (Entry e : entries) {
                if (e.card() != null && SlowHash.matches(number, e.card()) && found == null) {
                    found = e.member();
                }
            }
            return found == null ? new SignIn.NotStaff() : new SignIn.Ok(found);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "staff file unreadable: " + e.getMessage());
            return new SignIn.Unusable();
        } finally {
            Arrays.fill(number, '\0');
        }
    }

    /**
     * Whether the card with {@code idNumber} is {@code staff}'s own: a staff member cannot consent for a villager with it,
     * and never becomes the villager the visit serves. False when they enrolled no card.
     */
    public synchronized boolean isCardOf(StaffMember staff, String idNumber) {
        char[] number = normalised(idNumber);
        try {
            for (Entry e : entries()) {
                if (e.member().id().equals(staff.id()) && e.card() != null) {
                    return SlowHash.matches(number, e.card());
                }
            }
            return false;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "staff file unreadable: " + e.getMessage());
            return false;
        } finally {
            Arrays.fill(number, '\0');
        }
    }

    // Enrolment //

    /** The enrolled staff, by staff number. */
    public synchronized List<StaffMember> list() throws IOException {
        return entries().stream().map(Entry::member).toList();
    }

    /**
     * Enrols {@code id} (or gives them a new name, PIN and card): the PIN must be 6 digits, not one digit six times nor a
     * run (123456), and no other staff member's. The caller clears {@code pin}.
     *
     * @param cardNumber the number of their own ID card, to sign in with it; null for none
     * @throws IllegalArgumentException in plain words an administrator can act on (never quoting the PIN)
     */
    public synchronized StaffMember add(String id, String name, char[] pin, String cardNumber) throws IOException {
        StaffMember member = new StaffMember(id, name);
        checkPin(pin);
        List<Entry> entries = entries();
        for (Entry e : entries) {
            if (!e.member().id().equals(id) && SlowHash.matches(pin, e.pin())) {
                throw new IllegalArgumentException("这个密码已有其他工作人员在用，请换一个");
            }
        }
        String card = null;
        if (cardNumber != null) {
            char[] number = normalised(cardNumber);
            try {
                if (number.length < 8 || number.length > 20 || !new String(number).matches("[0-9A-Z]+")) {
                    throw new IllegalArgumentException("证件号码只能是8到20位数字或字母");
                }
                card = SlowHash.of(number, random, iterations);
            } finally {
                Arrays.fill(number, '\0');
            }
        }
        Map<String, Entry> byId = new TreeMap<>();
        entries.forEach(e -> byId.put(e.member().id(), e));
        byId.put(id, new Entry(member, SlowHash.of(pin, random, iterations), card));
        Properties p = new Properties();
        for (Entry e : byId.values()) {
            String key = "staff." + e.member().id() + ".";
            p.setProperty(key + "name", e.member().name());
            p.setProperty(key + "pin", e.pin());
            if (e.card() != null) {
                p.setProperty(key + "card", e.card());
            }
        }
        OwnerOnlyFiles.write(file, p, "帮办代办: staff of this kiosk (staff.<工号>.name, .pin, .card: salted slow hashes, never the PIN or number)");
        LOG.info(() -> "staff enrolled: " + member + (cardNumber != null ? ", with a staff card" : ""));
        return member;
    }

    private static void checkPin(char[] pin) {
        if (pin.length != PIN_LENGTH || !new String(pin).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("密码要是" + PIN_LENGTH + "位数字");
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length; i++) {
            same &= pin[i] == pin[0];
            up &= pin[i] == pin[i - 1] + 1;
            down &= pin[i] == pin[i - 1] - 1;
        }
        if (same || up || down) {
            throw new IllegalArgumentException("密码太容易猜到（同一个数字或连续的数字），请换一个");
        }
    }

    private static char[] normalised(String number) {
        char[] c = number.strip().toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toUpperCase(c[i]);
        }
        return c;
    }

    // Files //

    /** The usable entries; an entry that cannot be used is logged by its key and left out. */
    private List<Entry> entries() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IllegalArgumentException e) { // a malformed \\u escape
            throw new IOException(file + " is not a properties file: " + e.getMessage());
        }
        Map<String, Map<String, String>> byId = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String[] parts = key.split("\\.", -1);
            if (parts.length != 3 || !parts[0].equals("staff") || !List.of("name", "pin", "card").contains(parts[2])) {
                LOG.warning(() -> file + ": unknown key '" + key + "' ignored");
                continue;
            }
            byId.computeIfAbsent(parts[1], k -> new TreeMap<>()).put(parts[2], p.getProperty(key));
        }
        List<Entry> out = new ArrayList<>();
        byId.forEach((id, values) -> {
            try {
                String pin = Objects.requireNonNull(values.get("pin"), "no pin");
                SlowHash.parse(pin);
                String card = values.get("card");
                if (card != null) {
                    SlowHash.parse(card);
                }
                out.add(new Entry(new StaffMember(id, values.getOrDefault("name", "")), pin, card));
            } catch (RuntimeException e) {
                LOG.warning(() -> file + ": staff '" + (id.length() > 16 ? id.substring(0, 16) + "…" : id)
                        + "' left out: " + (e instanceof NullPointerException ? e.getMessage() : "a value that cannot be used"));
            }
        });
        return out;
    }

}
