package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.profile.ProfileException;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code kioskctl install} and {@code uninstall}: the kiosk as a locked-down service (see {@link KioskLayout} for
 * where things go). Everything is written under a root folder: {@code /} on the kiosk itself, where the system's
 * tools are then run to apply it ({@link SystemCommands}), or another folder ({@code --root}: tests and images),
 * where only files are written and a boot of that image applies them (systemd-sysusers makes the user,
 * systemd-tmpfiles the data folder). Installing twice gives the same files; uninstall removes them all but the
 * data folder (and the kiosk's user, whose files may remain).
 */
public final class KioskInstall {

    /** What was done: paths written or removed (as on the installed machine) and what the installer should know. */
    public record Report(List<String> paths, List<String> notes) {}

    private static final String TEMPLATES = "install/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    /** A file install writes, from a template or made here. */
    private record Piece(String path, String template) {}

    private static final String RULES = "/etc/udev/rules.d/99-yzz-kiosk.rules";
    private static final String XORG_CONF = "/etc/X11/xorg.conf.d/90-yzz-kiosk.conf";
    private static final String SYSUSERS = "/etc/sysusers.d/yzz-kiosk.conf";
    private static final String TMPFILES = "/etc/tmpfiles.d/yzz-kiosk.conf";
    private static final String SYSCTL = "/etc/sysctl.d/90-yzz-kiosk.conf";
    private static final List<Piece> PIECES = List.of(
            new Piece(KioskLayout.UNIT_DIR + "/" + KioskLayout.UNIT, "yzz-kiosk.service"),
            new Piece(XORG_CONF, "xorg.conf"),
            new Piece("/etc/systemd/logind.conf.d/90-yzz-kiosk.conf", "logind.conf"),
            new Piece("/etc/systemd/system.conf.d/90-yzz-kiosk.conf", "system.conf"),
            new Piece(SYSCTL, "sysctl.conf"),
            new Piece(SYSUSERS, "sysusers.conf"),
            new Piece(TMPFILES, "tmpfiles.conf"),
            new Piece("/etc/logrotate.d/yzz-kiosk", "logrotate.conf"),
            new Piece("/etc/polkit-1/rules.d/50-yzz-kiosk-clock.rules", "clock.rules"));
    /** The enable link (what systemctl enable makes) and the masks: link → target. */
    private static final Map<String, String> LINKS = new TreeMap<>(Map.of(
            KioskLayout.UNIT_DIR + "/multi-user.target.wants/" + KioskLayout.UNIT, KioskLayout.UNIT_DIR + "/" + KioskLayout.UNIT,
            KioskLayout.UNIT_DIR + "/ctrl-alt-del.target", "/dev/null",
            KioskLayout.UNIT_DIR + "/getty@tty1.service", "/dev/null"));

    private final Path root;
    private final Optional<SystemCommands> live;

    /**
     * @param root where to write: {@code /} on the kiosk, any folder for an image
     * @param live the tools to apply what was written on this machine; empty with {@code --root}
     */
    public KioskInstall(Path root, Optional<SystemCommands> live) {
        this.root = root;
        this.live = live;
    }

    /** Checks {@code config} as {@code kioskctl config check} does; nothing is written when it is wrong. */
    public Report install(Path config) throws InstallerException {
        DeviceProfile profile = check(config);
        String text;
        try {
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.BAD_CONFIGURATION, "读不了配置文件 " + config + "：" + e.getMessage(), e);
        }
        mayWrite();
        SerialNames.Result names = SerialNames.of(profile, read(RULES), live.map(c -> port -> properties(c, port)));
        String installed = withPorts(text, names.ports());
        checkRewritten(profile, installed, names.ports());

        List<String> paths = new ArrayList<>();
        for (Piece p : PIECES) {
            write(p.path(), render(p.template()));
            paths.add(p.path());
        }
        write(RULES, names.rules());
        paths.add(RULES);
        write(KioskLayout.CONFIG, installed);
        paths.add(KioskLayout.CONFIG);
        for (Map.Entry<String, String> link : LINKS.entrySet()) {
            link(link.getKey(), link.getValue());
            paths.add(link.getKey() + " → " + link.getValue());
        }
        Path data = at(KioskLayout.DATA_DIR);
        try {
            Files.createDirectories(data);
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw cannotWrite(KioskLayout.DATA_DIR, e);
        }
        paths.add(KioskLayout.DATA_DIR + "/");

        List<String> notes = new ArrayList<>(names.notes());
        if (live.isPresent()) {
            SystemCommands c = live.get();
            c.run(List.of("systemd-sysusers", SYSUSERS));
            c.run(List.of("systemd-tmpfiles", "--create", TMPFILES));
            c.run(List.of("systemctl", "daemon-reload"));
            c.run(List.of("systemctl", "enable", KioskLayout.UNIT));
            c.run(List.of("udevadm", "control", "--reload-rules"));
            c.run(List.of("udevadm", "trigger", "--subsystem-match=tty", "--action=add"));
            c.run(List.of("sysctl", "-q", "-p", SYSCTL));
            // Not started now: the acceptance test needs the devices, which the running kiosk would hold.
            notes.add("终端服务已设为开机启动。先做验收（kioskctl acceptance --config " + KioskLayout.CONFIG
                    + "），然后重启，终端就进入自助服务界面。");
        } else {
            notes.add("已写入 " + root + "；用户 " + KioskLayout.USER + " 和数据目录的属主在这个系统第一次启动时由 "
                    + "systemd-sysusers / systemd-tmpfiles 建立（制作镜像时也可以用 systemd-sysusers --root 先建）。");
        }
        return new Report(paths, notes);
    }

    /** Removes what {@link #install} wrote; the data folder stays unless {@code purge}. */
    public Report uninstall(boolean purge) throws InstallerException {
        mayWrite();
        List<String> paths = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (live.isPresent() && Files.exists(at(KioskLayout.UNIT_DIR + "/" + KioskLayout.UNIT))) {
            live.get().run(List.of("systemctl", "disable", "--now", KioskLayout.UNIT));
        }
        for (Map.Entry<String, String> link : LINKS.entrySet()) {
            Path p = at(link.getKey());
            try {
                // Only our own link: a mask or a link someone else made stays.
                if (Files.isSymbolicLink(p) && Files.readSymbolicLink(p).toString().equals(link.getValue())) {
                    Files.delete(p);
                    paths.add(link.getKey());
                }
            } catch (IOException e) {
                throw cannotWrite(link.getKey(), e);
            }
        }
        List<String> files = new ArrayList<>(PIECES.stream().map(Piece::path).toList());
        files.add(RULES);
        files.add(KioskLayout.CONFIG);
        for (String f : files) {
            try {
                if (Files.deleteIfExists(at(f))) {
                    paths.add(f);
                }
            } catch (IOException e) {
                throw cannotWrite(f, e);
            }
        }
        try {
            Files.deleteIfExists(at(KioskLayout.CONFIG).getParent());
        } catch (DirectoryNotEmptyException e) {
            notes.add(Path.of(KioskLayout.CONFIG).getParent() + " 里还有别的文件，保留。");
        } catch (IOException e) {
            throw cannotWrite(Path.of(KioskLayout.CONFIG).getParent().toString(), e);
        }
        Path data = at(KioskLayout.DATA_DIR);
        if (purge) {
            deleteTree(data);
            paths.add(KioskLayout.DATA_DIR + "/");
        } else if (Files.exists(data)) {
            notes.add("数据目录 " + KioskLayout.DATA_DIR + "（交易、现金记录、注册信息、日志）保留；加 --purge 才删除。");
        }
        notes.add("用户 " + KioskLayout.USER + " 保留（可能还有文件属于它）。");
        if (live.isPresent()) {
            live.get().run(List.of("systemctl", "daemon-reload"));
            live.get().run(List.of("udevadm", "control", "--reload-rules"));
            notes.add("控制台和按键的限制（切换终端、SysRq）在下次重启后解除。");
        }
        return new Report(paths, notes);
    }

    /** The configuration, checked as {@code kioskctl config check} checks it. */
    public static DeviceProfile check(Path config) throws InstallerException {
        try {
            return DeviceProfile.load(config);
        } catch (ProfileException e) {
            throw new InstallerException(ExitCodes.BAD_CONFIGURATION, "配置有误：" + e.getMessage(), e);
        }
    }

    /**
     * {@code text} with each device's {@code "port"} value replaced by its stable name, the old port kept beside it
     * in a comment; everything else (the installer's comments, the layout) as it was.
     */
    static String withPorts(String text, Map<String, String> ports) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        JsonFactory json = JsonFactory.builder().enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
        try (JsonParser p = json.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.VALUE_STRING || !p.getParsingContext().pathAsPointer().toString().matches("/devices/\\d+/port")) {
                    continue;
                }
                int start = (int) p.currentTokenLocation().getCharOffset();
                String port = p.getText();
                int end = (int) p.currentLocation().getCharOffset();
                String stable = ports.get(port);
                if (stable == null || stable.equals(port)) {
                    continue;
                }
                out.append(text, copied, start).append('"').append(stable).append('"');
                if (!port.contains("*/")) {
                    out.append(" /* ").append(port).append(" */");
                }
                copied = end;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the configuration was checked before; it must parse", e);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The rewritten configuration must be the one checked, but for the ports. */
    private static void checkRewritten(DeviceProfile checked, String installed, Map<String, String> ports) {
        DeviceProfile now;
        try {
            now = DeviceProfile.parse(installed, KioskLayout.CONFIG);
        } catch (ProfileException e) {
            throw new IllegalStateException("the installed configuration does not parse: " + e.getMessage(), e);
        }
        List<DeviceSpec> expected = checked.devices().stream().map(d -> d.target().map(ports::get)
                .map(stable -> new DeviceSpec(d.key(), d.kind(), d.driver(), Optional.of(stable), d.options())).orElse(d)).toList();
        if (!now.devices().equals(expected) || !now.model().equals(checked.model())) {
            throw new IllegalStateException("the installed configuration differs from the checked one: " + now.devices());
        }
    }

    private static Map<String, String> properties(SystemCommands c, String port) {
        try {
            return SerialNames.parseProperties(c.run(List.of("udevadm", "info", "--query=property", "--name=" + port)));
        } catch (InstallerException e) {
            return Map.of(); // not plugged in: SerialNames falls back to the kernel's name and says so
        }
    }

    private static String render(String template) {
        String text;
        try (InputStream in = KioskInstall.class.getResourceAsStream(TEMPLATES + template)) {
            if (in == null) {
                throw new IllegalStateException("template " + template + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = Map.of(
                "USER", KioskLayout.USER,
                "DATA_DIR", KioskLayout.DATA_DIR,
                "STATE_DIRECTORY", KioskLayout.DATA_DIR.substring("/var/lib/".length()),
                "CONFIG", KioskLayout.CONFIG,
                "LAUNCHER", KioskLayout.LAUNCHER,
                "XINIT", KioskLayout.XINIT,
                "XORG", KioskLayout.XORG,
                "XORG_CONF", XORG_CONF,
                "DISPLAY", String.valueOf(KioskLayout.DISPLAY),
                "VT", String.valueOf(KioskLayout.VT));
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("template " + template + " has an unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    private void mayWrite() throws InstallerException {
        if (!Files.isDirectory(root)) {
            throw new InstallerException(ExitCodes.USAGE, "--root 指定的目录 " + root + " 不存在");
        }
        Path etc = root.resolve("etc");
        if (live.isPresent() && !Files.isWritable(etc)) {
            throw new InstallerException(ExitCodes.FAILURE, "没有权限写 /etc：请用管理员身份运行（sudo kioskctl …）");
        }
    }

    private Path at(String path) {
        return root.resolve(path.substring(1));
    }

    private String read(String path) throws InstallerException {
        try {
            Path p = at(path);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.FAILURE, "读不了 " + path + "：" + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file and a rename, so a file is never seen half-written. Mode 0644. */
    private void write(String path, String content) throws InstallerException {
        Path target = at(path);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".kioskctl-new");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    private void link(String path, String target) throws InstallerException {
        Path p = at(path);
        try {
            Files.createDirectories(p.getParent());
            if (Files.isSymbolicLink(p)) {
                Files.delete(p);
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new InstallerException(ExitCodes.FAILURE, path + " 已经存在，而且不是链接：请先看看它是做什么的，移走后再安装");
            }
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    private static void deleteTree(Path dir) throws InstallerException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw cannotWrite(dir.toString(), e);
        }
    }

    private static InstallerException cannotWrite(String path, IOException e) {
        return new InstallerException(ExitCodes.FAILURE, "写不了 " + path + "（" + e.getMessage() + "）", e);
    }
}
