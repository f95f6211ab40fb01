package cn.yzz.kiosk.device.cash.emu;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an emulated note validator keeps through a power cut, and its file: the cash box, the note in the
 * path and its stage, the credits it told, the counters. The emulator writes it (temp file, fsync, rename,
 * fsync of the folder) before every reply that follows a change that matters, so a killed emulator process
 * restarts where it was; other processes (the crash test) read it with {@link #read}.
 *
 * <p>The file is JSON, {@code "format": "yzz-note-validator-emulator/1"}; see the field comments.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
public final class AcceptorState {

    public static final String FORMAT = "yzz-note-validator-emulator/1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A power-up clearing event still to be told: E1 (from the front) or E2 (into the cash box). */
    public record Clearing(boolean toCashbox, int channel) {
    }

    private String format;
    /** GET SERIAL NUMBER. */
    private long serial;
    private String country;
    /** Channel 1..n values in fen, 0 unused. */
    private List<Long> channelsFen = new ArrayList<>();
    /** The unit is set to eSSP: KEY NOT SET until a key is negotiated. */
    private boolean essp;
    private boolean enabled;
    /** SET CHANNEL INHIBITS as sent: bit n-1 set = channel n accepts notes. */
    private int inhibits;
    private boolean cashboxIn = true;
    /** Notes in the cash box by value in fen. Emptied when a cash box is put back. */
    private TreeMap<Long, Integer> cashbox = new TreeMap<>();
    /** Notes the stacker holds before STACKER FULL; 0 = no limit. */
    private int stackerCapacity;
    /** Notes taken for good, ever (= credits.size()). */
    private long notesCredited;
    private LinkedHashMap<String, Long> counters = new LinkedHashMap<>();
    /** The note in the path, or null. */
    private NoteInPath note;
    /** Power-up clearing events not yet acknowledged by the host's next command. */
    private List<Clearing> pendingClearing = new ArrayList<>();
    private int lastRejectCode;
    /** Every note taken for good, in order. */
    private List<Credit> credits = new ArrayList<>();
    private String savedAt;

    AcceptorState() {
        // for Jackson
    }

    static AcceptorState fresh(Dataset dataset, long serial) {
        AcceptorState s = new AcceptorState();
        s.format = FORMAT;
        s.serial = serial;
        s.country = dataset.country();
        s.channelsFen = new ArrayList<>(dataset.channelsFen());
        for (String c : COUNTERS) {
            s.counters.put(c, 0L);
        }
        return s;
    }

    /** The counters kept, in the file's order. */
    public static final List<String> COUNTERS = List.of("powerUps", "stacked", "rejected", "escrowTimeouts",
            "fraudAttempts", "safeJams", "unsafeJams", "clearedFromFront", "clearedToCashbox", "cashboxRemovals",
            "cashboxReplacements");

    // ---- reading ----

    public long serial() {
        return serial;
    }

    public Dataset dataset() {
        return new Dataset(country, channelsFen);
    }

    public boolean essp() {
        return essp;
    }

    public boolean enabled() {
        return enabled;
    }

    public int inhibits() {
        return inhibits;
    }

    public boolean cashboxIn() {
        return cashboxIn;
    }

    /** Notes in the cash box by value in fen (values with none left out). */
    public Map<Long, Integer> cashbox() {
        Map<Long, Integer> m = new TreeMap<>(cashbox);
        m.values().removeIf(n -> n == 0);
        return Collections.unmodifiableMap(m);
    }

    public int cashboxNotes() {
        return cashbox.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long cashboxFen() {
        return cashbox.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
    }

    public int stackerCapacity() {
        return stackerCapacity;
    }

    public boolean stackerFull() {
        return stackerCapacity > 0 && cashboxNotes() >= stackerCapacity;
    }

    public long notesCredited() {
        return notesCredited;
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public Map<String, Long> counters() {
        return Collections.unmodifiableMap(counters);
    }

    public Optional<NoteInPath> note() {
        return Optional.ofNullable(note);
    }

    public List<Clearing> pendingClearing() {
        return List.copyOf(pendingClearing);
    }

    public int lastRejectCode() {
        return lastRejectCode;
    }

    public List<Credit> credits() {
        return List.copyOf(credits);
    }

    /** The sum of every credit ever told, in fen. */
    public long creditedFen() {
        return credits.stream().mapToLong(Credit::valueFen).sum();
    }

    // ---- changing (the emulator only) ----

    void serial(long s) {
        serial = s;
    }

    void essp(boolean on) {
        essp = on;
    }

    void enabled(boolean on) {
        enabled = on;
    }

    void inhibits(int mask) {
        inhibits = mask;
    }

    void cashboxIn(boolean in) {
        cashboxIn = in;
    }

    void emptyCashbox() {
        cashbox.clear();
    }

    void stackerCapacity(int n) {
        stackerCapacity = n;
    }

    void dataset(Dataset d) {
        country = d.country();
        channelsFen = new ArrayList<>(d.channelsFen());
    }

    void note(NoteInPath n) {
        note = n;
    }

    void lastRejectCode(int code) {
        lastRejectCode = code;
    }

    void count(String counter) {
        counters.merge(counter, 1L, Long::sum);
    }

    void addToCashbox(long valueFen) {
        cashbox.merge(valueFen, 1, Integer::sum);
    }

    /** Appends a credit and returns it. */
    Credit credit(int channel, long valueFen, Credit.Via via, Instant at) {
        Credit c = new Credit(credits.size() + 1L, channel, valueFen, via, at.toString());
        credits.add(c);
        notesCredited = credits.size();
        return c;
    }

    /** The last credit became CREDIT_THEN_CLEARED. */
    void lastCreditClearedToo() {
        int i = credits.size() - 1;
        credits.set(i, credits.get(i).clearedToo());
    }

    void pendingClearing(List<Clearing> list) {
        pendingClearing = new ArrayList<>(list);
    }

    AcceptorState copy() {
        try {
            return JSON.readValue(JSON.writeValueAsBytes(this), AcceptorState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the file ----

    /**
     * Reads a state file.
     *
     * @throws IOException when it cannot be read or is not a validator state file
     */
    public static AcceptorState read(Path file) throws IOException {
        AcceptorState s;
        try {
            s = JSON.readValue(Files.readAllBytes(file), AcceptorState.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("不是纸币识别器的状态文件（JSON 有误：" + e.getOriginalMessage() + "）", e);
        }
        if (!FORMAT.equals(s.format)) {
            throw new IOException("不是纸币识别器的状态文件（format 应为 " + FORMAT + "）");
        }
        if (s.credits == null || s.cashbox == null || s.channelsFen == null || s.counters == null || s.pendingClearing == null
                || s.country == null) {
            throw new IOException("纸币识别器的状态文件缺少字段");
        }
        try {
            s.dataset();
        } catch (IllegalArgumentException e) {
            throw new IOException("纸币识别器的状态文件里面额不对：" + e.getMessage(), e);
        }
        return s;
    }

    /** Writes the file atomically: a reader (or the next start) sees the old or the new state, whole. */
    void write(Path file, Instant now) throws IOException {
        savedAt = now.toString();
        byte[] bytes = JSON.writeValueAsBytes(this);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        // The rename itself is durable only once the folder is.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder for sync; the rename is still atomic
        }
    }

    @Override
    public String toString() {
        return "AcceptorState[serial " + serial + ", enabled " + enabled + ", note " + note + ", cash box "
                + (cashboxIn ? cashbox() : "removed") + ", credits " + credits.size() + ", pending " + pendingClearing + "]";
    }
}
