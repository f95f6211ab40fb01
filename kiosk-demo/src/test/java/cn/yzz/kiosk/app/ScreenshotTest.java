package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.ScreenshotTour.Mode;
import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.Xvfb;
import cn.yzz.kiosk.app.view.Fonts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screenshots of every screen, full screen in a real GTK window under Xvfb, at 1080 × 1920 and
 * 1920 × 1080, in normal and elder mode (and a few in English), into
 * kiosk-demo/target/screenshots/. Checks the files, that the kiosk window covers the screen, that
 * no two screens look the same, that Chinese is drawn with real glyphs, and, last, that no page
 * covers the header or the bar, no text is cut short with "…" and no button's content spills out
 * of it. Look at the pictures too.
 */
class ScreenshotTest {

    private static final int HEADER_BLUE = 0x0b4f8a;
    private static final int WHITE = 0xffffff;

    private record Orientation(String name, int width, int height) {}

    private static final List<Orientation> ORIENTATIONS = List.of(
            new Orientation("portrait", 1080, 1920), new Orientation("landscape", 1920, 1080));

    /** A short run: the quick compiler only and the simplest collector cut the child's CPU time by a third. */
    private static final List<String> CHILD_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    Path data;

    /**
     * About 2 minutes on two cores that other builds share (4 JVMs, 4 X servers, 200 imports, a
     * query the county is slow to answer): the project's 2-minute default is too close. A tour that
     * hangs is stopped by ChildJvm after 5 minutes anyway.
     */
    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES) // four tours of about 2 min each, two at a time, on 2 busy cores
    void everyScreenInBothOrientationsAndModes() throws Exception {
        Xvfb.require("Xvfb", "import");
        Path shots = ChildJvm.targetDir().resolve("screenshots");
        Files.createDirectories(shots);
        for (Orientation o : ORIENTATIONS) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(shots, o.name() + "-*.{png,log}")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
        // Two tours at a time: much of a tour is waiting (card reads, frames, import), so two share the cores well.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<ChildJvm.Result>> runs = new HashMap<>();
            for (Orientation o : ORIENTATIONS) {
                for (Mode m : Mode.values()) {
                    runs.put(o.name() + "-" + m.fileName(), pool.submit(() -> tour(o, m, shots)));
                }
            }
            Map<String, List<String>> layout = new LinkedHashMap<>(); // problem -> the screens that show it
            for (Orientation o : ORIENTATIONS) {
                for (Mode m : Mode.values()) {
                    ChildJvm.Result r = runs.get(o.name() + "-" + m.fileName()).get();
                    checkRun(r);
                    // layout=<file>: <what the tour found in the scene>
                    r.output().lines().filter(l -> l.startsWith("layout="))
                            .map(l -> l.substring("layout=".length()).split(": ", 2))
                            .forEach(f -> layout.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[0]));
                }
                checkFiles(o, shots).forEach((file, problem) ->
                        layout.computeIfAbsent(problem, k -> new ArrayList<>()).add(file));
            }
            // Last, so that every file is written and checked first: what a villager could not read or reach.
            assertThat(layout.entrySet().stream().map(e -> e.getKey() + "\n        in " + String.join(", ", e.getValue())))
                    .as("layout problems (see " + shots + ")").isEmpty();
        } finally {
            // A failed check stops the tours still running; wait until they have killed their JVMs and X servers.
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private ChildJvm.Result tour(Orientation o, Mode m, Path shots) throws IOException, InterruptedException {
        String run = o.name() + "-" + m.fileName();
        try (Xvfb x = Xvfb.start(o.width(), o.height())) {
            return ChildJvm.run(x.display(), CHILD_JVM, ChildJvm.testClassPath(), ScreenshotTour.class.getName(),
                    ChildJvm.args(shots.toString(), o.name(), m.fileName(), data.resolve(run).toString()), 300,
                    shots.resolve(run + "-tour.log"));
        }
    }

    private static void checkRun(ChildJvm.Result r) {
        assertThat(r.exitCode()).as("tour exit code; it printed:\n" + r.output()).isZero();
        assertThat(r.output()).contains("cjk-glyphs-distinct=true");
        assertThat(Fonts.FAMILIES).as("font of the title, as the stylesheet chose it")
                .contains(value(r.output(), "title-font="));
    }

    /** Checks every file of {@code o}; returns the screens whose page covers the header or the bar, with how. */
    private static Map<String, String> checkFiles(Orientation o, Path shots) throws IOException {
        int width = o.width();
        int height = o.height();
        Map<String, Path> seen = new HashMap<>();
        Map<String, String> covered = new LinkedHashMap<>();
        for (Mode m : Mode.values()) {
            for (String shot : ScreenshotTour.SHOTS.get(m)) {
                Path file = shots.resolve(o.name() + "-" + shot + ".png");
                assertThat(file).as(file.getFileName().toString()).exists();
                BufferedImage img = ImageIO.read(file.toFile());
                assertThat(img).as(file + " is a readable PNG").isNotNull();
                assertThat(img.getWidth()).as(file + " width").isEqualTo(width);
                assertThat(img.getHeight()).as(file + " height").isEqualTo(height);
                assertNotBlank(img, file);
                // The kiosk covers the whole screen: its blue header at the top left, its white bar at the bottom
                // right. Every cover (help, idle warning, out of service, error) replaces only the middle.
                assertThat(rgb(img, 4, 4)).as(file + " top left is the header").isEqualTo(HEADER_BLUE);
                assertThat(rgb(img, width - 5, height - 5)).as(file + " bottom right is the bar").isEqualTo(WHITE);
                Path same = seen.putIfAbsent(fingerprint(img), file);
                assertThat(same).as(file + " differs from the other screens").isNull();
                String frame = frameCovered(img);
                if (frame != null) {
                    covered.put(file.getFileName().toString(), frame);
                }
            }
        }
        return covered;
    }

    /**
     * A page taller or wider than its place is drawn over the header and the bar, hiding the
     * languages, 长辈模式, 返回 or 求助. The header's last rows (its padding) and the bar's top rule
     * run across the whole width when nothing covers them; returns what is covered, or null.
     */
    private static String frameCovered(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int headerEnd = 0;
        while (headerEnd < h && rgb(img, 4, headerEnd) == HEADER_BLUE) {
            headerEnd++;
        }
        int rule = h - 5;
        while (rule > headerEnd && rgb(img, w - 5, rule) == WHITE) {
            rule--;
        }
        double header = share(img, headerEnd - 3, HEADER_BLUE);
        double bar = share(img, rule, rgb(img, w - 5, rule));
        if (header >= 0.995 && bar >= 0.995) {
            return null;
        }
        return String.format(Locale.ROOT, "the page is drawn over the header (%.0f %% of its bottom row, y=%d) and the bar "
                + "(%.0f %% of its top rule, y=%d)", (1 - header) * 100, headerEnd - 3, (1 - bar) * 100, rule);
    }

    private static double share(BufferedImage img, int y, int colour) {
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            if (rgb(img, x, y) == colour) {
                n++;
            }
        }
        return (double) n / img.getWidth();
    }

    private static String value(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length())).findFirst().orElse("(none)");
    }

    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    static void assertNotBlank(BufferedImage img, Path file) {
        Map<Integer, Integer> counts = new HashMap<>();
        int samples = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                counts.merge(rgb(img, x, y), 1, Integer::sum);
                samples++;
            }
        }
        int top = counts.values().stream().max(Integer::compare).orElse(0);
        assertThat(counts.size()).as(file + " has more than a few colours").isGreaterThan(20);
        assertThat(top).as(file + " is not one flat colour").isLessThan(samples * 9 / 10);
    }

    static String fingerprint(BufferedImage img) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < img.getHeight(); y += 7) {
            int h = 17;
            for (int x = 0; x < img.getWidth(); x += 5) {
                h = h * 31 + rgb(img, x, y);
            }
            sb.append(Integer.toHexString(h));
        }
        return sb.toString();
    }
}
