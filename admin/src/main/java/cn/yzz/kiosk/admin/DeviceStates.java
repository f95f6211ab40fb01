package cn.yzz.kiosk.admin;

import cn.yzz.kiosk.cache.store.DataFolderOwner;
import cn.yzz.kiosk.device.DeviceState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kiosk's devices as it last saw them, {@code DATA/device-states.json}, so that kioskctl on the same machine (which
 * cannot open the devices the kiosk holds) can put them in a diagnostics bundle. The kiosk writes it whenever a state
 * changes; the file is replaced whole (a new file moved over the old), so a reader never sees half of it.
 *
 * <pre>
 * {"writtenAt": "2026-06-01T02:00:00Z",
 *  "devices": [{"kind": "receipt-printer", "driver": "escpos", "state": "FAILED", "detail": "缺纸", "since": "…"}]}
 * </pre>
 *
 * Blocking (a file): off the JavaFX thread. Thread-safe.
 */
public final class DeviceStates {

    public static final String FILE = "device-states.json";

    /**
     * One device: its {@code kind} and {@code driver} as the configuration names them ({@code receipt-printer},
     * {@code escpos}), where it stands, the plain words the driver gave, and since when.
     */
    public record Entry(String kind, String driver, DeviceState state, String detail, Instant since) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(state, "state");
            driver = driver == null ? "" : driver;
            detail = detail == null ? "" : IdShaped.mask(detail);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceStates() {}

    /** Replaces {@code DATA/device-states.json} with {@code devices}, stamped {@code writtenAt}. */
    public static void write(Path dataDir, List<Entry> devices, Instant writtenAt) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("writtenAt", writtenAt.toString());
        ArrayNode list = root.putArray("devices");
        for (Entry d : devices) {
            ObjectNode o = list.addObject();
            o.put("kind", d.kind());
            o.put("driver", d.driver());
            o.put("state", d.state().name());
            o.put("detail", d.detail());
            o.put("since", d.since() == null ? null : d.since().toString());
        }
        Path target = dataDir.resolve(FILE);
        Path tmp = Files.createTempFile(dataDir, FILE, ".new");
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            DataFolderOwner.adopt(dataDir, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The devices last written, as {@link #write} wrote them; empty when the kiosk never wrote any. */
    public static List<Entry> read(Path dataDir) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(dataDir.resolve(FILE)));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try {
            for (JsonNode d : root.path("devices")) {
                String since = d.path("since").asText(null);
                out.add(new Entry(d.path("kind").asText(), d.path("driver").asText(""), DeviceState.valueOf(d.path("state").asText()),
                        d.path("detail").asText(""), since == null ? null : Instant.parse(since)));
            }
        } catch (RuntimeException e) {
            throw new IOException(dataDir.resolve(FILE) + " is damaged (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** When the file was last written; empty when it never was. */
    public static java.util.Optional<Instant> writtenAt(Path dataDir) throws IOException {
        try {
            String at = JSON.readTree(Files.readAllBytes(dataDir.resolve(FILE))).path("writtenAt").asText(null);
            return at == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.parse(at));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            throw new IOException(dataDir.resolve(FILE) + " is damaged (" + e.getMessage() + ")", e);
        }
    }
}
