package cn.yzz.kiosk.cache.sync;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where an enrolled kiosk keeps who it is: {@code DATA/enrollment.properties}, readable by the
 * kiosk user only (mode 0600, set before the token is written), since the token lets anyone
 * upload in the kiosk's name. A file others can read is refused rather than used.
 *
 * @param backendUrl the county backend this kiosk enrolled with
 * @param model      desktop or enhanced
 */
public record EnrollmentFile(String backendUrl, String kioskId, String token, String model, String villageCode,
                             boolean allowInsecure) {

    public static final String NAME = "enrollment.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
        return Optional.of(new EnrollmentFile(need(p, "backendUrl", file), need(p, "kioskId", file), need(p, "token", file),
                p.getProperty("model", ""), p.getProperty("villageCode", ""), Boolean.parseBoolean(p.getProperty("allowInsecure"))));
    }

    /** Writes the file atomically, owner-only from its first byte. */
    public void save(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Properties p = new Properties();
        p.setProperty("backendUrl", backendUrl);
        p.setProperty("kioskId", kioskId);
        p.setProperty("token", token);
        p.setProperty("model", model);
        p.setProperty("villageCode", villageCode);
        p.setProperty("allowInsecure", Boolean.toString(allowInsecure));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "kiosk enrollment: readable by the kiosk user only");
        }
        Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public SyncConfig syncConfig(String backendOverride) {
        return SyncConfig.defaults(backendOverride != null ? backendOverride : backendUrl, kioskId, token,
                allowInsecure || (backendOverride != null && isLoopback(backendOverride)));
    }

    /** Plain HTTP is allowed to this machine only (development, tests, the demo). */
    public static boolean isLoopback(String url) {
        return url.startsWith("http://127.0.0.1") || url.startsWith("http://localhost") || url.startsWith("http://[::1]");
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
