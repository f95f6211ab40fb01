package cn.yzz.kiosk.admin;

import cn.yzz.kiosk.cache.store.DataFolderOwner;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/** Files only the kiosk's user may read (PIN hashes, lockouts), written whole or not at all. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {}

    /** Writes {@code p} to {@code target} (a new file, mode 0600, moved over the old one). */
    public static void write(Path target, Properties p, String comment) throws IOException {
        StringWriter text = new StringWriter();
        p.store(text, comment);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".new");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (a developer's Windows): the folder's own rights apply
            }
            Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
            DataFolderOwner.adopt(dir, tmp); // kioskctl admin set-pin runs as root: the kiosk's user must read it
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
