package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.support.ChildJvm;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resident memory of the kiosk after 1,000 villagers' visits, and whether it still grows: {@link
 * SessionSoak} in a JVM of its own, started with the kiosk's JVM options (those of {@code ./kiosk}
 * that apply to a JVM on class directories; no heap size, as the launcher sets none, so the heap is
 * the JVM's default for this machine) and the Monocle flags of the in-process UI tests (headless,
 * 1080 × 1920, software rendering). Prints figures beside the limits; benchmarks do not assert them.
 */
@Tag("bench")
class MemoryBench {

    private static final int VISITS = 1000;
    private static final double LIMIT_MB = 200;
    private static final double GROWTH_LIMIT_MB = 5;

    /**
     * KIOSK_JVM of the {@code kiosk} script, without its class-data sharing archive (made for the
     * jars, so unusable on class directories; the JDK's own default archive still applies).
     */
    /** As the kiosk script starts the kiosk (KIOSK_JVM there); keep the two the same. */
    private static final List<String> KIOSK_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Xms32m", "-Xmx256m");

    /** The system properties of kiosk-demo/pom.xml {@code headless.args}, passed on as this JVM got them. */
    private static final List<String> HEADLESS = List.of("testfx.robot", "testfx.headless", "prism.order", "glass.platform",
            "monocle.platform", "java.awt.headless", "headless.geometry");

    @TempDir
    Path data;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void residentMemoryAfterAThousandVisits() throws Exception {
        List<String> jvm = new ArrayList<>(KIOSK_JVM);
        for (String p : HEADLESS) {
            String v = System.getProperty(p);
            if (v == null) {
                throw new AssertionError("-D" + p + " is not set: run through Maven, whose surefire argLine gives the Monocle flags");
            }
            jvm.add("-D" + p + "=" + v);
        }
        String loadAverage = Files.readString(Path.of("/proc/loadavg")).trim();
        Path bench = ChildJvm.targetDir().resolve("bench");
        Files.createDirectories(bench);
        Path log = bench.resolve("memory-soak.log");
        ChildJvm.Result r = ChildJvm.run("", jvm, classPath(), SessionSoak.class.getName(),
                ChildJvm.args(data.toString(), String.valueOf(VISITS), bench.toString()), 300, log);
        if (r.exitCode() != 0 || r.output().contains("soak-failed=")) {
            throw new AssertionError("the soak failed (exit " + r.exitCode() + "); " + log + ":\n" + tail(r.output()));
        }
        String out = r.output();
        int middle = VISITS / 2;
        double rssMiddle = value(out, "rss-mb@" + middle);
        double rss = value(out, "rss-mb@" + VISITS);
        double heapMiddle = value(out, "heap-mb@" + middle);
        double heap = value(out, "heap-mb@" + VISITS);
        double heapRssMiddle = value(out, "rss-heap-mb@" + middle);
        double heapRss = value(out, "rss-heap-mb@" + VISITS);
        double filesMiddle = value(out, "rss-files-mb@" + middle);
        double files = value(out, "rss-files-mb@" + VISITS);
        double anonMiddle = value(out, "rss-anon-mb@" + middle);
        double anon = value(out, "rss-anon-mb@" + VISITS);
        double growth = rss - rssMiddle;

        System.out.println("BENCH note: memory soak = " + SessionSoak.class.getSimpleName() + " in its own JVM " + jvm
                + "; the real kiosk on the demo rig, voice off; buttons fired with Button.fire() on the FX thread (not a robot), "
                + "each new screen styled and laid out at once, frames drawn at the renderer's pace (identity screen and idle warning "
                + "always); card reads by the real driver from the demo rig's emulated reader with wire pacing and radio latency OFF "
                + "(about 0.5 s a read otherwise); load average at start: " + loadAverage);
        out.lines().filter(l -> l.startsWith("soak: ")).forEach(l -> System.out.println("BENCH   " + l));
        System.out.printf(Locale.ROOT, "BENCH resident memory after %d sessions: %.0f MB (limit %.0f MB) %s   Java heap pages %.0f MB "
                        + "(in use after GC %.1f MB), files mapped %.0f MB, other anonymous memory %.0f MB%n",
                VISITS, rss, LIMIT_MB, rss <= LIMIT_MB ? "PASS" : "OVER", heapRss, heap, files, anon);
        System.out.printf(Locale.ROOT, "BENCH growth %d→%d: %.1f MB (limit: not growing, ≤ %.0f MB) %s   RSS %.1f → %.1f MB: Java heap "
                        + "pages %+.1f MB, files %+.1f MB, other anonymous %+.1f MB; heap in use after GC %.1f → %.1f MB; "
                        + "live objects %+.0f KB%n",
                middle, VISITS, growth, GROWTH_LIMIT_MB, growth <= GROWTH_LIMIT_MB ? "PASS" : "OVER", rssMiddle, rss,
                heapRss - heapRssMiddle, files - filesMiddle, anon - anonMiddle, heapMiddle, heap, value(out, "histogram-growth-kb"));
        List<double[]> points = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^rss-mb@(\\d+)=(\\S+)$").matcher(out);
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        System.out.printf(Locale.ROOT, "BENCH   RSS after GC at %s visits: %s MB; least-squares trend %+.1f MB per %d visits%n",
                points.stream().map(p -> String.valueOf((int) p[0])).toList(), points.stream().map(p -> String.format(Locale.ROOT, "%.1f", p[1])).toList(),
                slope(points) * (VISITS - middle), VISITS - middle);
        out.lines().filter(l -> l.startsWith("histogram-growth: "))
                .forEach(l -> System.out.println("BENCH   live objects " + middle + "→" + VISITS + ": " + l.substring("histogram-growth: ".length())));
        System.out.printf(Locale.ROOT, "BENCH soak speed: %.1f visits/s   (output: %s; class histograms: %s)%n",
                value(out, "visits-per-second"), log, bench.resolve("memory-histogram-*.txt"));
    }

    /** Least-squares slope of y over x. */
    private static double slope(List<double[]> points) {
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : points) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    /** The kiosk's runtime class path, the soak's own class and Monocle (a test dependency). */
    private static String classPath() throws URISyntaxException {
        List<String> cp = new ArrayList<>(List.of(ChildJvm.runtimeClassPath().split(File.pathSeparator)));
        cp.add(Path.of(SessionSoak.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String e : ChildJvm.testClassPath().split(File.pathSeparator)) {
            if (e.contains("openjfx-monocle")) {
                cp.add(e);
            }
        }
        return String.join(File.pathSeparator, cp);
    }

    private static double value(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key + "=")).findFirst()
                .map(l -> Double.parseDouble(l.substring(key.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("the soak printed no " + key + ":\n" + tail(output)));
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
