package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.Xvfb;
import cn.yzz.kiosk.demo.DemoMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time from JVM start to the home screen drawn: a fresh JVM each run, full screen 1080 × 1920 on
 * a real X server. The first line starts the kiosk exactly as {@code ./kiosk demo} does (its jars,
 * JVM options and class-data sharing archive); the second, for comparison, a plain {@code java}
 * on the class directories. Prints figures beside the limit; benchmarks do not assert timings.
 * Run with {@code ./kiosk bench}, which builds the jars first.
 */
@Tag("bench")
class StartupBench {

    private static final int RUNS = 5;
    private static final long LIMIT_MS = 1000;

    @TempDir
    Path data;

    @Test
    void startupToHomeScreenDrawn() throws Exception {
        Path launcher = ChildJvm.targetDir().getParent().getParent().resolve("kiosk");
        try (Xvfb x = Xvfb.start(1080, 1920)) {
            report("startup to home screen drawn, as ./kiosk demo starts it", measureLauncher(x, launcher));
            report("  (comparison) plain java on target/classes, no JVM options", measure(x));
        }
    }

    private List<Long> measureLauncher(Xvfb x, Path launcher) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "demo", "--measure-startup").redirectErrorStream(true);
            pb.environment().put("DISPLAY", x.display());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("./kiosk demo --measure-startup failed:\n" + out);
            }
            times.add(startupMillis(out, 0));
        }
        return times;
    }

    private List<Long> measure(Xvfb x) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Path dir = data.resolve("plain" + i);
            ChildJvm.Result r = ChildJvm.run(x.display(), List.of(), ChildJvm.runtimeClassPath(), DemoMain.class.getName(),
                    ChildJvm.args("--measure-startup", "--data-dir", dir.toString()), 60,
                    ChildJvm.targetDir().resolve("bench/startup-plain-" + i + ".log"));
            times.add(startupMillis(r.output(), r.exitCode()));
        }
        return times;
    }

    private static long startupMillis(String output, int exitCode) {
        String line = output.lines().filter(l -> l.startsWith("startup-ms=")).findFirst()
                .orElseThrow(() -> new AssertionError("no startup-ms line (exit " + exitCode + "):\n" + output));
        if (exitCode != 0) {
            throw new AssertionError("kiosk exited with " + exitCode + ":\n" + output);
        }
        return Long.parseLong(line.substring("startup-ms=".length()).trim());
    }

    private static void report(String what, List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        System.out.printf("BENCH %s: median %d ms, min %d ms (limit %d ms) %s   runs %s%n",
                what, median, sorted.get(0), LIMIT_MS, median <= LIMIT_MS ? "PASS" : "OVER", times);
    }
}
