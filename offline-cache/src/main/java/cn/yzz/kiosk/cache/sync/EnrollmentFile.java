package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.store.DataFolderOwner;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where an enrolled kiosk keeps who it is and whom it talks to: {@code DATA/enrollment.properties}, written
 * by {@code kioskctl enroll}, readable by the kiosk user only (mode 0600, set before the token is written),
 * since the token lets anyone upload in the kiosk's name. A file others can read is refused rather than used.
 *
 * <p>This file is the kiosk's configuration of its backend: the address and the backend's pins, kept
 * beside the token they protect (the device configuration, {@code --config}, says nothing about the
 * backend). An {@code https} backend needs at least one pin; plain {@code http} is for this machine only.
 *
 * @param backendUrl the county backend this kiosk enrolled with
 * @param model      desktop or enhanced
 * @param pins       the backend's public-key pins ({@code sha256/BASE64}, {@link Pins}); empty only for http
 */
public record EnrollmentFile(String backendUrl, String kioskId, String token, String model, String villageCode,
                             boolean allowInsecure, List<String> pins) {

    public static final String NAME = "enrollment.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * @throws IllegalArgumentException for an {@code https} backend without a pin, a malformed pin, or plain
     *     {@code http} to another machine; the message says what to do
     */
    public EnrollmentFile {
        pins = pins == null ? List.of() : Pins.checkAll(pins);
        backendProblem(backendUrl, pins).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** An enrollment with a plain-HTTP backend on this machine (the demo, tests): nothing to pin. */
    public EnrollmentFile(String backendUrl, String kioskId, String token, String model, String villageCode,
                          boolean allowInsecure) {
        this(backendUrl, kioskId, token, model, villageCode, allowInsecure, List.of());
    }

    /**
     * What stops a kiosk from talking to {@code url} with these pins, in the installer's words; empty when
     * nothing does. The one rule for every place that takes a backend address.
     */
    public static Optional<String> backendProblem(String url, List<String> pins) {
        String scheme;
        try {
            scheme = new URI(url.strip()).getScheme();
        } catch (URISyntaxException e) {
            return Optional.of("后台地址 " + url + " 不是有效的网址（" + e.getReason() + "）");
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return pins.isEmpty()
                    ? Optional.of("后台 " + url + " 没有公钥指纹：终端只连认得出的后台。注册时加 --pin sha256/…（可给多个，"
                            + "如现用的和备用的密钥）。" + Pins.HOW_TO_GET)
                    : Optional.empty();
        }
        if ("http".equalsIgnoreCase(scheme)) {
            return isLoopback(url) ? Optional.empty()
                    : Optional.of("后台地址 " + url + " 是不加密的 http：只允许本机（127.0.0.1、localhost）测试用，"
                            + "县里的后台请用 https:// 并给 --pin");
        }
        return Optional.of("后台地址应以 https:// 开头，不是 " + url);
    }

    public static Optional<EnrollmentFile> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new IOException(file + " can be read by others (" + PosixFilePermissions.toString(perms)
                    + "); the token must be readable by the kiosk user only: chmod 600, or enroll again");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String pins = p.getProperty("pins", "").strip();
        try {
            return Optional.of(new EnrollmentFile(need(p, "backendUrl", file), need(p, "kioskId", file),
                    need(p, "token", file), p.getProperty("model", ""), p.getProperty("villageCode", ""),
                    Boolean.parseBoolean(p.getProperty("allowInsecure")),
                    pins.isEmpty() ? List.of() : Arrays.stream(pins.split(",")).map(String::strip).toList()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + "：" + e.getMessage(), e);
        }
    }

    /** Writes the file atomically, owner-only from its first byte. */
    public void save(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        DataFolderOwner.adopt(dataDir, tmp); // enrolled as root: the kiosk's user must read its token
        Properties p = new Properties();
        p.setProperty("backendUrl", backendUrl);
        p.setProperty("kioskId", kioskId);
        p.setProperty("token", token);
        p.setProperty("model", model);
        p.setProperty("villageCode", villageCode);
        p.setProperty("allowInsecure", Boolean.toString(allowInsecure));
        p.setProperty("pins", String.join(",", pins));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "kiosk enrollment: readable by the kiosk user only");
        }
        Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The sync engine's configuration; {@code backendOverride} (kioskctl's --backend, the demo) replaces the address. */
    public SyncConfig syncConfig(String backendOverride) {
        return SyncConfig.defaults(backendOverride != null ? backendOverride : backendUrl, kioskId, token,
                allowInsecure || (backendOverride != null && isLoopback(backendOverride))).withPins(pins);
    }

    /** Plain HTTP is allowed to this machine only (development, tests, the demo). */
    public static boolean isLoopback(String url) {
        try {
            URI u = new URI(url.strip());
            String host = u.getHost();
            if (!"http".equalsIgnoreCase(u.getScheme()) || host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            // By the parsed host, so that http://localhost.example.com is not taken for this machine.
            return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "EnrollmentFile[" + kioskId + " at " + backendUrl + "]"; // never the token
    }

    private static String need(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IOException(file + " has no " + key + "; enroll again");
        }
        return v;
    }
}
