package cn.yzz.kiosk.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * USB sticks the kiosk can write a diagnostics bundle to: file systems mounted under {@code /media} or {@code /run/media}
 * (where udisks and desktop automounters put them), read from {@code /proc/self/mountinfo}, that are mounted
 * read-write, writable by this user, and have free space.
 *
 * <p>Blocking (a file, statfs): off the JavaFX thread. Thread-safe.
 */
public final class RemovableMedia {

    /** What the console and kioskctl say when no stick is found. */
    public static final String NONE_INSERTED = "没有找到U盘：请把U盘插到终端的USB口上，等几秒钟再试。"
            + "如果U盘已插好还是找不到，可能U盘是只读的、已满，或者没有被自动打开，请换一个U盘，或改为保存到文件夹。";

    /** One stick: where it is mounted, its file system's device and type, and its space in bytes. */
    public record Medium(Path mountPoint, String device, String fsType, long freeBytes, long totalBytes) {}

    private static final Set<String> NOT_MEDIA = Set.of("proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
            "overlay", "squashfs", "autofs", "fuse.gvfsd-fuse", "fusectl", "securityfs", "debugfs", "tracefs", "mqueue", "iso9660");

    private final Path mountinfo;
    private final List<Path> roots;

    /**
     * @param mountinfo a file in {@code /proc/self/mountinfo}'s format
     * @param roots     folders under which removable media are mounted
     */
    public RemovableMedia(Path mountinfo, List<Path> roots) {
        this.mountinfo = Objects.requireNonNull(mountinfo, "mountinfo");
        this.roots = List.copyOf(roots);
    }

    /** This machine's: {@code /proc/self/mountinfo}, under {@code /media} and {@code /run/media}. */
    public static RemovableMedia system() {
        return new RemovableMedia(Path.of("/proc/self/mountinfo"), List.of(Path.of("/media"), Path.of("/run/media")));
    }

    /** The sticks that can take a file now, most free space first; empty when none ({@link #NONE_INSERTED}). */
    public List<Medium> find() throws IOException {
        List<Medium> out = new ArrayList<>();
        for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
            // id parent major:minor root mountpoint options [optional fields…] - fstype source superoptions
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 7 || dash < 6 || dash + 2 >= f.length) {
                continue;
            }
            Path mount = Path.of(unescape(f[4]));
            String fsType = f[dash + 1];
            String superOptions = dash + 3 < f.length ? f[dash + 3] : "";
            boolean readOnly = List.of(f[5].split(",")).contains("ro") || List.of(superOptions.split(",")).contains("ro");
            if (readOnly || NOT_MEDIA.contains(fsType) || roots.stream().noneMatch(r -> mount.startsWith(r) && !mount.equals(r))) {
                continue;
            }
            if (!Files.isDirectory(mount) || !Files.isWritable(mount)) {
                continue;
            }
            FileStore store = Files.getFileStore(mount);
            long free = store.getUsableSpace();
            if (free <= 0) {
                continue;
            }
            out.add(new Medium(mount, unescape(f[dash + 2]), fsType, free, store.getTotalSpace()));
        }
        out.sort((a, b) -> Long.compare(b.freeBytes(), a.freeBytes()));
        return out;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\' && i + 3 < bytes.length && isOctal(bytes[i + 1]) && isOctal(bytes[i + 2]) && isOctal(bytes[i + 3])) {
                out.write((bytes[i + 1] - '0') * 64 + (bytes[i + 2] - '0') * 8 + (bytes[i + 3] - '0'));
                i += 3;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte c) {
        return c >= '0' && c <= '7';
    }
}
