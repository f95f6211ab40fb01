package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.installer.steps.KioskInstall;
import cn.yzz.kiosk.installer.steps.KioskLayout;
import cn.yzz.kiosk.installer.steps.SystemCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kioskctl install --root} / {@code uninstall --root}, checked with systemd's own tools working on the root
 * offline (systemd-analyze verify, systemctl is-enabled, systemd-sysusers, systemd-tmpfiles) and a real logrotate.
 * Not checked here: the Xorg and udev files (no Xorg, and udevadm has no offline check before systemd 253), and a
 * real boot (no systemd as PID 1 in CI); the restart logic runs in {@link KioskServiceRestartTest}.
 */
class InstallCommandTest {

    static final String BY_ID = "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0";
    static final String CONFIG = String.join("\n",
            "// 桌面型终端：身份证阅读器用稳定的 by-id 名",
            "{",
            "  \"model\": \"desktop\",",
            "  \"devices\": [",
            "    {\"kind\": \"idcard-reader\", \"driver\": \"samv\", \"port\": \"" + BY_ID + "\"},",
            "    {\"kind\": \"qr-scanner\", \"driver\": \"newland\", \"port\": \"/dev/ttyUSB1\"}, // 扫码器",
            "    {\"kind\": \"receipt-printer\", \"driver\": \"escpos\", \"port\": \"/dev/ttyS1\", \"options\": {\"paper\": \"58mm\"}}",
            "  ]",
            "}",
            "");

    @TempDir
    Path dir;
    Path root;
    Path config;

    @BeforeEach
    void root() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        config = Files.writeString(dir.resolve("kiosk.json"), CONFIG);
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerifyAndIsEnabledWithCtrlAltDelAndTty1Masked() throws Exception {
        // verify resolves the unit's dependencies (sysinit.target, pcscd.service…) in the root: give it this
        // machine's units, and the one program it checks exists, ExecStart's xinit, as a stub.
        run(List.of("cp", "-a", "/usr/lib/systemd/system", Files.createDirectories(root.resolve("usr/lib/systemd")).toString()));
        Path xinit = Files.createDirectories(root.resolve("usr/bin")).resolve("xinit");
        Files.writeString(xinit, "#!/bin/sh\n");
        Files.setPosixFilePermissions(xinit, PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Result r = Cli.run("install", "--config", config.toString(), "--root", root.toString());
        assertThat(r.exit()).as(r.all()).isZero();

        String[] verify = run(List.of("systemd-analyze", "verify", "--root=" + root, KioskLayout.UNIT));
        assertThat(verify[0]).as("exit code").isEqualTo("0");
        assertThat(verify[1]).as("verify prints nothing for a clean unit (unknown keys are only warnings)").isBlank();

        assertThat(run(List.of("systemctl", "--root=" + root, "is-enabled", KioskLayout.UNIT))[1].strip()).isEqualTo("enabled");
        assertThat(run(List.of("systemctl", "--root=" + root, "is-enabled", "ctrl-alt-del.target"))[1].strip()).isEqualTo("masked");
        assertThat(run(List.of("systemctl", "--root=" + root, "is-enabled", "getty@tty1.service"))[1].strip()).isEqualTo("masked");

        UnitFile unit = UnitFile.read(root.resolve("etc/systemd/system/" + KioskLayout.UNIT));
        assertThat(unit.get("Service.Restart")).isEqualTo("always");
        assertThat(unit.millis("Service.RestartSec")).isLessThanOrEqualTo(5000);
        assertThat(unit.get("Unit.StartLimitIntervalSec")).as("no start limit: it never gives up").isEqualTo("0");
        assertThat(unit.all("Unit.PartOf")).contains("pcscd.service");
        assertThat(unit.all("Unit.After")).contains("pcscd.service");
        assertThat(unit.get("Service.User")).isEqualTo(KioskLayout.USER);
        assertThat(unit.get("Service.ExecStart")).startsWith(KioskLayout.XINIT + " " + KioskLayout.LAUNCHER
                + " --data-dir " + KioskLayout.DATA_DIR + " --config " + KioskLayout.CONFIG + " -- " + KioskLayout.XORG);

        // And verify really looks in the root: without the program the unit starts, it fails.
        Files.delete(xinit);
        String[] broken = run(List.of("systemd-analyze", "verify", "--root=" + root, KioskLayout.UNIT));
        assertThat(broken[0]).isNotEqualTo("0");
        assertThat(broken[1]).contains("/usr/bin/xinit");
    }

    @Test
    void sysusersAndTmpfilesMakeTheUserInDialoutAndItsPrivateDataFolder() throws Exception {
        assertThat(Cli.run("install", "--config", config.toString(), "--root", root.toString()).exit()).isZero();
        // What a first boot of the image does (systemd-sysusers.service, then systemd-tmpfiles-setup.service).
        assertThat(run(List.of("systemd-sysusers", "--root=" + root))[0]).isEqualTo("0");
        assertThat(run(List.of("systemd-tmpfiles", "--root=" + root, "--create"))[0]).isEqualTo("0");

        String passwd = Files.readString(root.resolve("etc/passwd"));
        assertThat(passwd).containsPattern("(?m)^yzz-kiosk:x:\\d+:\\d+:[^:]*:/var/lib/yzz-kiosk:/usr/sbin/nologin$");
        String uid = passwd.lines().filter(l -> l.startsWith("yzz-kiosk:")).findFirst().orElseThrow().split(":")[2];
        assertThat(Files.readString(root.resolve("etc/group"))).containsPattern("(?m)^dialout:x:\\d+:(.*,)?yzz-kiosk(,.*)?$");
        Path data = root.resolve("var/lib/yzz-kiosk");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(Integer.parseInt(uid));
    }

    @Test
    void theInstalledConfigurationUsesStableNamesThatTheUdevRulesMake() throws Exception {
        Cli.Result r = Cli.run("install", "--config", config.toString(), "--root", root.toString());
        assertThat(r.exit()).as(r.all()).isZero();

        String installed = Files.readString(root.resolve("etc/yzz-kiosk/kiosk.json"));
        assertThat(installed).contains("// 桌面型终端：身份证阅读器用稳定的 by-id 名").contains("// 扫码器")
                .contains("\"port\": \"/dev/yzz-idcard-reader\" /* " + BY_ID + " */")
                .contains("\"port\": \"/dev/yzz-receipt-printer\" /* /dev/ttyS1 */");
        DeviceProfile p = DeviceProfile.load(root.resolve("etc/yzz-kiosk/kiosk.json"));
        assertThat(p.devices()).extracting(d -> d.target().orElseThrow())
                .containsExactly("/dev/yzz-idcard-reader", "/dev/yzz-qr-scanner", "/dev/yzz-receipt-printer");
        assertThat(p.devices().get(2).textOption("paper")).isEqualTo("58mm");

        String rules = Files.readString(root.resolve("etc/udev/rules.d/99-yzz-kiosk.rules"));
        assertThat(rules)
                .contains("SUBSYSTEM==\"tty\", SYMLINK==\"serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0\", "
                        + "SYMLINK+=\"yzz-idcard-reader\"")
                .contains("SUBSYSTEM==\"tty\", KERNEL==\"ttyUSB1\", SYMLINK+=\"yzz-qr-scanner\"")
                .contains("SUBSYSTEM==\"tty\", KERNEL==\"ttyS1\", SYMLINK+=\"yzz-receipt-printer\"");
        assertThat(r.out()).as("a ttyUSB number can change: the installer is told").contains("qr-scanner 按内核名 ttyUSB1 认")
                .contains("/dev/serial/by-id");
    }

    @Test
    void installingTwiceOrFromTheInstalledConfigurationGivesTheSameFiles() throws Exception {
        assertThat(Cli.run("install", "--config", config.toString(), "--root", root.toString()).exit()).isZero();
        Map<String, String> first = snapshot(root);
        assertThat(Cli.run("install", "--config", config.toString(), "--root", root.toString()).exit()).isZero();
        assertThat(snapshot(root)).isEqualTo(first);

        Path installed = Files.copy(root.resolve("etc/yzz-kiosk/kiosk.json"), dir.resolve("installed.json"));
        Cli.Result again = Cli.run("install", "--config", installed.toString(), "--root", root.toString());
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(snapshot(root)).isEqualTo(first);
    }

    @Test
    void aWrongConfigurationExitsSevenAndWritesNothing() throws Exception {
        Files.writeString(config, CONFIG.replace("/dev/ttyS1", "/dev/ttyUSB1"));
        Cli.Result r = Cli.run("install", "--config", config.toString(), "--root", root.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(r.err()).contains("配置有误").contains("devices[2].port");
        try (Stream<Path> s = Files.list(root)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void uninstallRemovesEverythingButTheDataFolderWhichPurgeRemovesToo() throws Exception {
        assertThat(Cli.run("install", "--config", config.toString(), "--root", root.toString()).exit()).isZero();
        Files.writeString(root.resolve("var/lib/yzz-kiosk/outbox.db"), "records");

        Cli.Result r = Cli.run("uninstall", "--root", root.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("数据目录 /var/lib/yzz-kiosk").contains("保留").contains("--purge");
        assertThat(snapshot(root).entrySet()).filteredOn(e -> !e.getValue().startsWith("dir"))
                .extracting(Map.Entry::getKey).containsExactly("var/lib/yzz-kiosk/outbox.db");

        assertThat(Cli.run("uninstall", "--root", root.toString(), "--purge").exit()).isZero();
        assertThat(root.resolve("var/lib/yzz-kiosk")).doesNotExist();
    }

    @Test
    void thePolkitRuleLetsTheKioskUserSetTheTimeAndNothingElse() throws Exception {
        assertThat(Cli.run("install", "--config", config.toString(), "--root", root.toString()).exit()).isZero();
        String rule = Files.readString(root.resolve("etc/polkit-1/rules.d/50-yzz-kiosk-clock.rules"));
        // polkitd runs its rules as JavaScript and has no offline check: node runs this one against polkit's API.
        String probe = "const rules = []; const polkit = {Result: {YES: 'yes'}, addRule: r => rules.push(r)};\n" + rule
                + "\nconst ask = (id, user) => rules.map(r => r({id}, {user})).find(x => x !== undefined) || 'not decided';\n"
                + "console.log([ask('org.freedesktop.timedate1.set-time', 'yzz-kiosk'), ask('org.freedesktop.timedate1.set-timezone',"
                + " 'yzz-kiosk'), ask('org.freedesktop.timedate1.set-ntp', 'yzz-kiosk'), ask('org.freedesktop.timedate1.set-time',"
                + " 'villager'), ask('org.freedesktop.login1.power-off', 'yzz-kiosk')].join(' '));\n";
        Path js = Files.writeString(dir.resolve("probe.js"), probe);
        String[] r = run(List.of("node", js.toString()));
        assertThat(r[0]).as(r[1]).isEqualTo("0");
        assertThat(r[1].strip()).isEqualTo("yes not decided not decided not decided not decided");
    }

    @Test
    void logrotateCopiesAndEmptiesTheLogTheKioskKeepsOpen() throws Exception {
        assertThat(Cli.run("install", "--config", config.toString(), "--root", root.toString()).exit()).isZero();
        // The installed file, with two changes for this machine: the log is in the test's folder, and logrotate
        // runs as root because the kiosk's user does not exist here.
        Path log = Files.createDirectories(dir.resolve("logs")).resolve("kiosk.log");
        Files.writeString(log, "a day of the kiosk's log\n");
        String conf = Files.readString(root.resolve("etc/logrotate.d/yzz-kiosk"))
                .replace(KioskLayout.DATA_DIR + "/logs/kiosk.log", log.toString())
                .replace("su yzz-kiosk yzz-kiosk", "su root root");
        Path confFile = Files.writeString(dir.resolve("logrotate.conf"), conf);
        try (var kiosk = Files.newOutputStream(log, java.nio.file.StandardOpenOption.APPEND)) { // held open as the JVM does
            String[] r = run(List.of("logrotate", "-f", "-s", dir.resolve("state").toString(), confFile.toString()));
            assertThat(r[0]).as(r[1]).isEqualTo("0");
            kiosk.write("after\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(dir.resolve("logs/kiosk.log.1"))).isEqualTo("a day of the kiosk's log\n");
        assertThat(Files.readString(log)).as("the open file goes on from the start").isEqualTo("after\n");
    }

    @Test
    void onTheKioskItselfTheToolsApplyItAndUdevNamesAUsbAdapterByItsSerialNumber() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        List<List<String>> ran = new ArrayList<>();
        SystemCommands recording = command -> {
            ran.add(command);
            if (command.equals(List.of("udevadm", "info", "--query=property", "--name=/dev/ttyS1"))) {
                return "DEVNAME=/dev/ttyS1\nSUBSYSTEM=tty\nDEVPATH=/devices/platform/serial8250/tty/ttyS1\n";
            }
            if (command.get(0).equals("udevadm") && command.get(1).equals("info")) {
                // What udevadm info --query=property says of a CH340 adapter with a serial number
                return "DEVNAME=/dev/ttyUSB1\nSUBSYSTEM=tty\nID_BUS=usb\nID_VENDOR_ID=1a86\nID_MODEL_ID=7523\n"
                        + "ID_SERIAL_SHORT=5A7B012345\nID_USB_INTERFACE_NUM=00\nID_PATH=pci-0000:00:14.0-usb-0:2:1.0\n";
            }
            return "";
        };
        KioskInstall.Report r = new KioskInstall(root, Optional.of(recording)).install(config);

        assertThat(ran).containsExactly(
                List.of("udevadm", "info", "--query=property", "--name=/dev/ttyUSB1"),
                List.of("udevadm", "info", "--query=property", "--name=/dev/ttyS1"),
                List.of("systemd-sysusers", "/etc/sysusers.d/yzz-kiosk.conf"),
                List.of("systemd-tmpfiles", "--create", "/etc/tmpfiles.d/yzz-kiosk.conf"),
                List.of("systemctl", "daemon-reload"),
                List.of("systemctl", "enable", "yzz-kiosk.service"),
                List.of("udevadm", "control", "--reload-rules"),
                List.of("udevadm", "trigger", "--subsystem-match=tty", "--action=add"),
                List.of("sysctl", "-q", "-p", "/etc/sysctl.d/90-yzz-kiosk.conf"));
        assertThat(Files.readString(root.resolve("etc/udev/rules.d/99-yzz-kiosk.rules"))).contains(
                "SUBSYSTEM==\"tty\", ENV{ID_VENDOR_ID}==\"1a86\", ENV{ID_MODEL_ID}==\"7523\", ENV{ID_USB_INTERFACE_NUM}==\"00\", "
                        + "ENV{ID_SERIAL_SHORT}==\"5A7B012345\", SYMLINK+=\"yzz-qr-scanner\"");
        assertThat(r.notes()).noneMatch(n -> n.contains("ttyUSB1")).anyMatch(n -> n.contains("kioskctl acceptance"));
    }

    /** Every file, folder and link under {@code root}'s etc and var: path → kind, mode, content or target. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String top : List.of("etc", "var")) {
            if (!Files.exists(root.resolve(top))) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root.resolve(top))) {
                for (Path p : all.toList()) {
                    String key = root.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        out.put(key, "link " + Files.readSymbolicLink(p));
                    } else {
                        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                        out.put(key, Files.isDirectory(p) ? "dir " + mode : "file " + mode + " " + Files.readString(p));
                    }
                }
            }
        }
        return out;
    }

    /** Runs a tool; returns its exit code and everything it printed. */
    static String[] run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new String[] {String.valueOf(p.exitValue()), out};
    }
}
