package cn.yzz.kiosk.admin;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.store.AuditLog;
import cn.yzz.kiosk.cache.store.CatalogueCache;
import cn.yzz.kiosk.cache.store.Migrations;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The diagnostics bundle an administrator saves to a USB stick, county IT takes with {@code kioskctl diagnostics}, and
 * the kiosk uploads when the backend asks ({@code POST /api/v1/diagnostics}, at most 5 MB). A zip of:
 * <ul>
 * <li>{@code logs/kiosk.log}: the log (with what logrotate kept), masked again through {@link LogBook}, oldest first;
 *     when the bundle would be too big, the oldest records are left out and {@code manifest.json} says so;</li>
 * <li>{@code config/<name>}: the kiosk's device configuration as written, values of keys named like a key, secret or
 *     password blanked; {@code config/enrollment.properties}: kiosk id, backend, pins, model, village, never the token;
 *     nothing of {@code keys/};</li>
 * <li>{@code devices.json} ({@link DeviceStates}), {@code queue.json} (counts only, no transaction),
 *     {@code audit.json} (the newest {@value #AUDIT_ENTRIES} entries), {@code versions.json};</li>
 * <li>{@code manifest.json}: each file with its size and SHA-256, when and for which kiosk it was made, what was left
 *     out and why.</li>
 * </ul>
 * Every file passes a last scrub: the token, the personal-data key (base64, hex), the ID numbers and names of the store's
 * people, and anything ID-shaped are removed or masked; a file that would still hold the key's raw bytes is replaced by a
 * note. A part that cannot be read (a damaged database, a missing file) becomes a note in the manifest, never a failure:
 * a bundle is wanted most when something is broken.
 *
 * <p>Blocking (files, SQL, compression): off the JavaFX thread. The store may be the running kiosk's own or one kioskctl
 * opened beside it (SQLite WAL lets both read). Not thread-safe; make one per bundle.
 */
public final class DiagnosticsBundle {

    /** The backend takes at most 5 MB (sync-api.md, POST /api/v1/diagnostics). */
    public static final long UPLOAD_MAX_BYTES = 5L * 1024 * 1024;
    public static final int AUDIT_ENTRIES = 1_000;
    public static final String MANIFEST = "manifest.json";

    /** A bundle made: its zip, the name it is saved under, and whether older log records were left out to fit. */
    public record Made(String fileName, byte[] zip, boolean logsTrimmed) {
        public long size() {
            return zip.length;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Configuration values that must not leave: the cash acceptor's eSSP key ("fixed-key"), any secret or password. */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(\"[^\"]*(?i:key|secret|password|token|passwd)[^\"]*\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\s]+)");
    /** Log text read at most, as a multiple of the limit (log text zips to about a tenth). */
    private static final int LOG_TEXT_FACTOR = 12;
    private static final int FIT_ROUNDS = 8;

    private final Path dataDir;
    private final KioskStore store;
    private final Clock clock;
    private Path deviceConfig;
    private String appVersion;
    private String catalogueVersion;

    /**
     * @param dataDir the kiosk's data folder
     * @param store   its store, open (the caller closes it)
     */
    public DiagnosticsBundle(Path dataDir, KioskStore store, Clock clock) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The kiosk's device configuration file ({@code --config}), copied with any key blanked. */
    public DiagnosticsBundle withDeviceConfig(Path file) {
        this.deviceConfig = file;
        return this;
    }

    /** What the caller knows of versions: the app's, and the catalogue's (null: the cached catalogue's tag is used). */
    public DiagnosticsBundle withVersions(String app, String catalogue) {
        this.appVersion = app;
        this.catalogueVersion = catalogue;
        return this;
    }

    /** Makes the bundle, at most {@code maxBytes} ({@link #UPLOAD_MAX_BYTES} for an upload). */
    public Made make(long maxBytes) throws IOException {
        if (maxBytes < 64 * 1024) {
            throw new IllegalArgumentException("a bundle needs at least 64 KiB, not " + maxBytes);
        }
        Instant now = clock.instant();
        List<String> notes = new ArrayList<>();
        Properties enrollment = enrollment(notes);
        String kioskId = enrollment.getProperty("kioskId", "unenrolled");
        Secrets secrets = new Secrets();
        try {
            secrets.token(enrollment.getProperty("token"));
            secrets.key(key(notes));
            secrets.people(store);
            notes.addAll(secrets.problems());

            Map<String, String> parts = new LinkedHashMap<>();
            if (deviceConfig != null) {
                config(parts, notes);
            } else {
                notes.add("没有给出设备配置文件（--config），包里没有 config/ 下的设备配置");
            }
            if (!enrollment.isEmpty()) {
                Properties kept = new Properties();
                enrollment.forEach((k, v) -> {
                    if (!k.toString().toLowerCase(java.util.Locale.ROOT).contains("token")) {
                        kept.put(k, v);
                    }
                });
                parts.put("config/enrollment.properties", properties(kept));
            }
            parts.put("devices.json", devices(notes));
            parts.put("queue.json", queue(notes, now));
            parts.put("audit.json", audit(notes));
            parts.put("versions.json", versions(notes));

            Map<String, byte[]> files = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : parts.entrySet()) {
                files.put(p.getKey(), safe(p.getKey(), secrets.scrub(p.getValue()), secrets, notes));
            }
            List<String> logs = logs(secrets, maxBytes, notes);
            return fit(kioskId, now, maxBytes, files, logs, notes, secrets);
        } finally {
            secrets.clear();
        }
    }

    /**
     * Makes the bundle and saves it in {@code folder} (a USB stick, a folder) as
     * {@code yzz-diagnostics-<kioskId>-<yyyyMMdd-HHmmss>.zip}, whole or not at all; returns the file.
     */
    public Path writeTo(Path folder, long maxBytes) throws IOException {
        Made made = make(maxBytes);
        Path file = folder.resolve(made.fileName());
        save(file, made.zip());
        return file;
    }

    /**
     * Writes {@code bytes} to {@code file} through a hidden temporary file in the same folder, forced to the device, then
     * renamed: a stick pulled early leaves no file that looks whole.
     */
    public static void save(Path file, byte[] bytes) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path tmp = folder.resolve("." + file.getFileName() + ".part");
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    c.write(b);
                }
                c.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
                dir.force(true); // the rename itself on the stick
            } catch (IOException e) {
                // some file systems cannot sync a folder: the file's own data is already on the device
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The bundle's file name for {@code kioskId} at {@code at} in this machine's zone (safe on a FAT stick). */
    public static String fileName(String kioskId, Instant at, ZoneId zone) {
        String id = kioskId.replaceAll("[^A-Za-z0-9._-]", "_");
        return "yzz-diagnostics-" + id + "-" + NAME_TIME.format(at.atZone(zone)) + ".zip";
    }

    private Made fit(String kioskId, Instant now, long maxBytes, Map<String, byte[]> files, List<String> logs, List<String> notes,
                     Secrets secrets) throws IOException {
        long logBytes = 0;
        for (String l : logs) {
            logBytes += l.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        long budget = logBytes;
        for (int round = 0; ; round++) {
            int kept = keptRecords(logs, budget);
            boolean trimmed = kept < logs.size();
            byte[] zip = zip(kioskId, now, maxBytes, files, logs.subList(0, kept), logs.size() - kept, trimmed, notes, secrets);
            if (zip.length <= maxBytes) {
                return new Made(fileName(kioskId, now, clock.getZone()), zip, trimmed);
            }
            if (kept == 0 || round >= FIT_ROUNDS) {
                if (kept == 0) {
                    throw new IOException("the bundle is " + zip.length + " bytes without logs, over the limit of " + maxBytes);
                }
                budget = 0;
                continue;
            }
            long keptBytes = 0;
            for (String l : logs.subList(0, kept)) {
                keptBytes += l.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            // The zip shrinks about in proportion to the log text left in it; aim a little under.
            budget = (long) (keptBytes * ((double) maxBytes / zip.length) * 0.92);
        }
    }

    /** How many of the newest records fit in {@code budget} bytes of text. */
    private static int keptRecords(List<String> newestFirst, long budget) {
        long used = 0;
        for (int i = 0; i < newestFirst.size(); i++) {
            used += newestFirst.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
            if (used > budget) {
                return i;
            }
        }
        return newestFirst.size();
    }

    private byte[] zip(String kioskId, Instant now, long maxBytes, Map<String, byte[]> files, List<String> logsNewestFirst,
                       int leftOut, boolean trimmed, List<String> notes, Secrets secrets) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        StringBuilder log = new StringBuilder();
        for (int i = logsNewestFirst.size() - 1; i >= 0; i--) {
            log.append(logsNewestFirst.get(i)).append('\n');
        }
        all.put("logs/kiosk.log", safe("logs/kiosk.log", log.toString(), secrets, notes));
        all.putAll(files);

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("kioskId", IdShaped.mask(kioskId));
        manifest.put("madeAt", now.toString());
        manifest.put("maxBytes", maxBytes);
        ObjectNode logs = manifest.putObject("logs");
        logs.put("records", logsNewestFirst.size());
        logs.put("trimmed", trimmed);
        logs.put("recordsLeftOut", leftOut);
        if (trimmed) {
            logs.put("note", "日志太大，为了不超过 " + maxBytes / 1024 + " KB，只保留了最新的 " + logsNewestFirst.size()
                    + " 条，较早的 " + leftOut + " 条没有放进来");
        }
        ArrayNode list = manifest.putArray("files");
        for (Map.Entry<String, byte[]> f : all.entrySet()) {
            ObjectNode o = list.addObject();
            o.put("name", f.getKey());
            o.put("size", f.getValue().length);
            o.put("sha256", sha256(f.getValue()));
        }
        ArrayNode n = manifest.putArray("notes");
        notes.forEach(text -> n.add(IdShaped.mask(text)));
        // The manifest holds only our own words, names, sizes and hashes: it is not scrubbed (a hash may look like a number).
        all.put(MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> f : all.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setTime(now.toEpochMilli());
                z.putNextEntry(e);
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The file's bytes, unless they would carry the key's raw bytes: then a note in its place. */
    private static byte[] safe(String name, String text, Secrets secrets, List<String> notes) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (secrets.holdsKeyBytes(b)) {
            String note = name + " 里有终端密钥的原始字节，已整个拿掉";
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return ("（" + note + "）\n").getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }

    /** The log's records, scrubbed, newest first, at most about {@value #LOG_TEXT_FACTOR} times the limit of text. */
    private List<String> logs(Secrets secrets, long maxBytes, List<String> notes) {
        List<String> out = new ArrayList<>();
        long textLimit = maxBytes * LOG_TEXT_FACTOR;
        long[] text = {0};
        try {
            boolean stopped = LogBook.in(dataDir).eachNewest(LogBook.Filter.ALL, e -> {
                String t = secrets.scrub(e.text());
                out.add(t);
                text[0] += t.length();
                return text[0] < textLimit;
            });
            if (stopped) {
                notes.add("日志很长：只读了最新的约 " + textLimit / (1024 * 1024) + " MB 文字");
            }
        } catch (IOException | UncheckedIOException e) {
            notes.add("日志读不了（" + e.getClass().getSimpleName() + "）");
        }
        if (out.isEmpty()) {
            notes.add("没有日志（" + LogBook.FILE + " 不存在或是空的）");
        }
        return out;
    }

    private Properties enrollment(List<String> notes) {
        Properties p = new Properties();
        Path file = dataDir.resolve("enrollment.properties");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            notes.add("终端还没有注册（没有 enrollment.properties）");
        } catch (IOException | IllegalArgumentException e) {
            notes.add("enrollment.properties 读不了（" + e.getClass().getSimpleName() + "）");
        }
        return p;
    }

    private byte[] key(List<String> notes) {
        try {
            return Files.readAllBytes(dataDir.resolve("keys/person.key"));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            notes.add("个人信息密钥读不了，只按号码的样子遮盖（" + e.getClass().getSimpleName() + "）");
            return null;
        }
    }

    private void config(Map<String, String> parts, List<String> notes) {
        try {
            String text = Files.readString(deviceConfig, StandardCharsets.UTF_8);
            parts.put("config/" + deviceConfig.getFileName(), SECRET_VALUE.matcher(text).replaceAll("$1\"[已删除]\""));
        } catch (IOException e) {
            notes.add("设备配置文件 " + deviceConfig + " 读不了（" + e.getClass().getSimpleName() + "）");
        }
    }

    private String devices(List<String> notes) {
        ObjectNode root = JSON.createObjectNode();
        try {
            DeviceStates.writtenAt(dataDir).ifPresentOrElse(at -> root.put("writtenAt", at.toString()),
                    () -> notes.add("终端没有写过设备状态（" + DeviceStates.FILE + "）：终端可能没有运行"));
            ArrayNode list = root.putArray("devices");
            for (DeviceStates.Entry d : DeviceStates.read(dataDir)) {
                ObjectNode o = list.addObject();
                o.put("kind", d.kind());
                o.put("driver", d.driver());
                o.put("state", d.state().name());
                o.put("detail", d.detail());
                o.put("since", d.since() == null ? null : d.since().toString());
            }
        } catch (IOException e) {
            notes.add("设备状态读不了（" + e.getMessage() + "）");
        }
        return json(root);
    }

    private String queue(List<String> notes, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        try {
            QueueStatus s = store.outbox().status(now);
            root.put("pending", s.pending());
            root.put("blocked", s.blocked());
            root.put("rejected", s.rejected());
            root.put("acknowledged", s.acknowledged());
            root.put("oldestPendingSec", s.oldestPendingSec());
        } catch (StoreException | RuntimeException e) {
            notes.add("离线队列读不了（" + e.getClass().getSimpleName() + "）");
        }
        KioskStore.Health h = store.health();
        root.put("acceptingWork", h.acceptingWork());
        h.problem().ifPresent(p -> root.put("problem", p.getMessage()));
        return json(root);
    }

    private String audit(List<String> notes) {
        ArrayNode list = JSON.createArrayNode();
        try {
            for (AuditLog.Entry e : store.audit().recent(AUDIT_ENTRIES)) {
                ObjectNode o = list.addObject();
                o.put("at", e.at().toString());
                o.put("who", e.who());
                o.put("what", e.what());
                o.put("result", e.result());
            }
        } catch (StoreException | RuntimeException e) {
            notes.add("审计记录读不了（" + e.getClass().getSimpleName() + "）");
        }
        return json(list);
    }

    private String versions(List<String> notes) {
        Map<String, Object> v = new TreeMap<>();
        v.put("app", appVersion == null ? "未知" : appVersion);
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        v.put("schemaVersion", Migrations.LATEST);
        String catalogue = catalogueVersion;
        if (catalogue == null) {
            try {
                Optional<CatalogueCache.Cached> cached = store.catalogue().lastGood();
                catalogue = cached.map(c -> c.etag() + " (" + c.storedAt() + ")").orElse("没有缓存的目录");
            } catch (StoreException | RuntimeException e) {
                catalogue = "读不了";
                notes.add("事项目录的缓存读不了（" + e.getClass().getSimpleName() + "）");
            }
        }
        v.put("catalogueVersion", catalogue);
        return json(v);
    }

    private static String properties(Properties p) {
        StringWriter w = new StringWriter();
        try {
            p.store(w, "the kiosk's enrollment: id, backend, pins (its secret left out)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String json(Object o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
