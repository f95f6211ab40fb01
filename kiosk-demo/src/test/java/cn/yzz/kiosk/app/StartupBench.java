package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.Xvfb;
import cn.yzz.kiosk.bench.MinimalWindow;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up, issue 13: from process start to the home screen drawn, the packaged kiosk (its own Temurin 25
 * runtime and ahead-of-time cache, started by its launcher exactly as a village's kiosk starts) against the
 * least a full-screen JavaFX program can be ({@link MinimalWindow}: one label, two buttons) started with a
 * plain {@code java} of the JDK running the tests (17), no options. Both on one Xvfb 1080 × 1920, one
 * warm-up start each, then {@value #RUNS} pairs taken in turn, so that a machine slowing down or speeding
 * up weighs on both alike.
 *
 * <p>Each start is timed from outside, from just before the process is spawned to the moment its
 * {@code startup-ms=} line arrives (the program prints it once its first frame has been rendered, see
 * {@code FirstFrame}); that is the figure held against the limit. Each program's own figure (from the JVM's
 * start time, which leaves out the launcher and the JVM's first milliseconds) is printed beside it.
 * Prints figures beside the limit; benchmarks do not assert timings. Run with {@code ./kiosk bench}.
 */
@Tag("bench")
class StartupBench {

    private static final int RUNS = 7;
    private static final double LIMIT_RATIO = 0.6;
    private static final long RUN_TIMEOUT_SECONDS = 120;

    /** i13-package's unpacked image: {@code ./kiosk package} makes it (the .deb is packed from it). */
    private static final String IMAGE_LAUNCHER = "target/package/root/opt/yzz-kiosk/bin/yzz-kiosk";

    @TempDir
    Path data;

    /** One start: outside = spawn to the line read; inside = what the program printed. */
    private record Start(long outsideMs, long insideMs) {}

    @Test
    void packagedKioskAgainstAMinimalWindow() throws Exception {
        Path launcher = packagedLauncher();
        Path config = Files.writeString(data.resolve("kiosk.json"), DeviceProfile.example("desktop"));
        List<String> minimal = minimalWindowCommand();
        List<Start> kiosk = new ArrayList<>();
        List<Start> window = new ArrayList<>();
        try (Xvfb x = Xvfb.start(1080, 1920)) {
            for (int i = -1; i < RUNS; i++) { // -1: the warm-up pair (page cache, font caches), not counted
                Start k = start(x, kioskCommand(launcher, config, "k" + i), "kiosk " + i);
                Start m = start(x, minimal, "minimal " + i);
                if (i >= 0) {
                    kiosk.add(k);
                    window.add(m);
                }
            }
        }
        long k = median(kiosk.stream().map(Start::outsideMs).toList());
        long m = median(window.stream().map(Start::outsideMs).toList());
        double ratio = (double) k / m;
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            pairs.add((double) kiosk.get(i).outsideMs() / window.get(i).outsideMs());
        }
        System.out.printf("BENCH start-up to the home screen drawn, process start to first frame, %d pairs in turn on Xvfb 1080x1920%n",
                RUNS);
        System.out.printf("BENCH   packaged kiosk (%s): median %d ms   runs %s   (its own startup-ms: median %d)%n",
                launcher, k, outside(kiosk), median(kiosk.stream().map(Start::insideMs).toList()));
        System.out.printf("BENCH   minimal window, plain java %s: median %d ms   runs %s   (its own startup-ms: median %d)%n",
                System.getProperty("java.version"), m, outside(window), median(window.stream().map(Start::insideMs).toList()));
        System.out.printf("BENCH start-up ratio kiosk / minimal window: %.2f (limit %.2f) %s   pair by pair: median %.2f, %s%n",
                ratio, LIMIT_RATIO, ratio <= LIMIT_RATIO ? "PASS" : "OVER", medianOf(pairs),
                pairs.stream().map(r -> String.format("%.2f", r)).toList());
    }

    /** The packaged kiosk's launcher, or a failure that says how to build it. */
    private static Path packagedLauncher() {
        String given = System.getProperty("kiosk.image.launcher");
        Path root = ChildJvm.targetDir().getParent().getParent();
        Path launcher = given != null ? Path.of(given) : root.resolve(IMAGE_LAUNCHER);
        if (!Files.isExecutable(launcher)) {
            throw new AssertionError("the packaged kiosk is not built (no " + launcher + "); build it with ./kiosk package "
                    + "(installer/src/packaging/build-deb.sh --image-only makes only the image), or name another launcher with "
                    + "-Dkiosk.image.launcher=PATH");
        }
        return launcher;
    }

    private List<String> kioskCommand(Path launcher, Path config, String run) throws IOException {
        Path dir = Files.createDirectories(data.resolve(run)); // a fresh data folder each start
        return List.of(launcher.toString(), "--config", config.toString(), "--data-dir", dir.toString(), "--measure-startup");
    }

    /** Plain java: the JDK running the tests, the window's class and JavaFX's jars, nothing else. */
    private static List<String> minimalWindowCommand() {
        List<String> cp = new ArrayList<>();
        for (String e : ChildJvm.testClassPath().split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (e.endsWith("test-classes") || name.matches("javafx-(base|graphics|controls)-.*-linux\\.jar")) {
                cp.add(e);
            }
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, cp), MinimalWindow.class.getName());
    }

    private static Start start(Xvfb x, List<String> command, String what) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", x.display());
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        long t0 = System.nanoTime();
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        CompletableFuture<long[]> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                long[] seen = null;
                for (String l; (l = r.readLine()) != null; ) {
                    if (seen == null && l.startsWith("startup-ms=")) {
                        seen = new long[] {TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                                Long.parseLong(l.substring("startup-ms=".length()).trim())};
                    }
                    synchronized (out) {
                        out.append(l).append('\n');
                    }
                }
                return seen;
            } catch (IOException | NumberFormatException e) {
                return null;
            }
        });
        try {
            if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(what + " did not end within " + RUN_TIMEOUT_SECONDS + " s:\n" + out);
            }
            long[] seen = line.get(10, TimeUnit.SECONDS);
            if (seen == null || p.exitValue() != 0) {
                throw new AssertionError(what + " printed no startup-ms line or failed (exit " + p.exitValue() + "):\n" + out);
            }
            return new Start(seen[0], seen[1]);
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Long> outside(List<Start> starts) {
        return starts.stream().map(Start::outsideMs).toList();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
