package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.Xvfb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys that leave or switch away from a kiosk, sent with xdotool (XTEST, as a keyboard would) to the kiosk
 * started as {@code kioskctl install}'s unit starts it: KioskMain with a configuration, full screen, in an X session
 * with no window manager. What it proves: the kiosk itself does nothing on them — it keeps running, keeps the
 * keyboard focus and still covers the whole screen. What it does not: Xvfb has no virtual terminals and does not
 * read xorg.conf, so the X server's part of the lockdown (DontVTSwitch, DontZap, srvrkeys:none, which the installer
 * writes for Xorg) is not exercised here.
 */
class KioskLockdownTest {

    static final int WIDTH = 1080;
    static final int HEIGHT = 1920;
    static final List<String> WAYS_OUT = List.of("alt+F4", "ctrl+alt+BackSpace", "ctrl+alt+F1", "ctrl+alt+F2", "alt+Tab",
            "super", "Super_L", "ctrl+w", "ctrl+q", "Escape", "F11", "alt+F2", "ctrl+alt+Delete");

    @TempDir
    Path dir;

    @Test
    void noKeyCombinationEndsTheKioskOrTakesItsScreen() throws Exception {
        Xvfb.require("Xvfb", "xdotool");
        // The kiosk's devices are not there: it starts anyway and shows what it can do without them.
        Path config = Files.writeString(dir.resolve("kiosk.json"), "{\"model\": \"desktop\", \"devices\": ["
                + "{\"kind\": \"idcard-reader\", \"driver\": \"samv\", \"port\": \"" + dir.resolve("no-such-port") + "\"}]}");
        try (Xvfb x = Xvfb.start(WIDTH, HEIGHT)) {
            Process kiosk = startKiosk(x.display(), config);
            try {
                String window = kioskWindow(x.display(), kiosk, 60);
                assertThat(geometry(x.display(), window)).isEqualTo("0,0 " + WIDTH + "x" + HEIGHT);
                xdotool(x.display(), "windowfocus", "--sync", window);
                String focused = xdotool(x.display(), "getwindowfocus");

                List<String> keys = new ArrayList<>(List.of("key", "--delay", "100"));
                keys.addAll(WAYS_OUT);
                xdotool(x.display(), keys.toArray(String[]::new));
                Thread.sleep(1000); // time for a close or a resize the keys might have asked for

                assertThat(kiosk.isAlive()).as("the kiosk is running; it printed:\n%s", output()).isTrue();
                assertThat(xdotool(x.display(), "search", "--onlyvisible", "--pid", String.valueOf(kiosk.pid())).lines())
                        .as("its window is still shown").contains(window);
                assertThat(geometry(x.display(), window)).as("it still covers the screen").isEqualTo("0,0 " + WIDTH + "x" + HEIGHT);
                assertThat(xdotool(x.display(), "getwindowfocus")).as("it still has the keyboard").isEqualTo(focused);
            } finally {
                kiosk.descendants().forEach(ProcessHandle::destroyForcibly);
                kiosk.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process startKiosk(String display, Path config) throws IOException {
        Path target = ChildJvm.targetDir();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dprism.order=sw", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + target, "-Djavafx.cachedir=" + target.resolve("openjfx-cache"),
                "-Dfile.encoding=UTF-8", "-Dsun.jnu.encoding=UTF-8",
                "-cp", ChildJvm.runtimeClassPath(), KioskMain.class.getName(),
                "--data-dir", Files.createDirectories(dir.resolve("data")).toString(), "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("kiosk.out").toFile());
        pb.environment().put("DISPLAY", display);
        pb.environment().remove("WAYLAND_DISPLAY");
        return pb.start();
    }

    /** The kiosk's window once it is shown and has drawn the home screen (its log says so). */
    private String kioskWindow(String display, Process kiosk, int seconds) throws Exception {
        Path log = dir.resolve("data/logs/kiosk.log");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (!kiosk.isAlive()) {
                throw new AssertionError("the kiosk ended (exit " + kiosk.exitValue() + ") before it was shown:\n" + output());
            }
            if (Files.exists(log) && Files.readString(log).contains("kiosk shown at " + WIDTH + "x" + HEIGHT + " (full screen)")) {
                List<String> windows = xdotool(display, "search", "--onlyvisible", "--pid", String.valueOf(kiosk.pid())).lines()
                        .toList();
                for (String w : windows) {
                    if (geometry(display, w).endsWith(WIDTH + "x" + HEIGHT)) {
                        return w;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the kiosk's window did not show within " + seconds + " s; it printed:\n" + output());
    }

    /** {@code x,y WxH} of a window. */
    private static String geometry(String display, String window) throws Exception {
        String out = xdotool(display, "getwindowgeometry", "--shell", window);
        java.util.Map<String, String> v = new java.util.HashMap<>();
        out.lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                v.put(l.substring(0, eq), l.substring(eq + 1));
            }
        });
        return v.get("X") + "," + v.get("Y") + " " + v.get("WIDTH") + "x" + v.get("HEIGHT");
    }

    private static String xdotool(String display, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("xdotool"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("xdotool " + String.join(" ", args) + " did not finish");
        }
        // search exits 1 when it finds nothing: an empty answer, not a failure
        if (p.exitValue() != 0 && !(args[0].equals("search") && p.exitValue() == 1)) {
            throw new AssertionError("xdotool " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private String output() throws IOException {
        Path out = dir.resolve("kiosk.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }
}
