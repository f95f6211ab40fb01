package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.Xvfb;
import java.awt.image.BufferedImage;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * The administrator's console in a real GTK window under Xvfb ({@link ConsoleTour}), portrait 1080 × 1920 and landscape
 * 1920 × 1080, into kiosk-demo/target/screenshots/console-&lt;orientation&gt;-*.png: the PIN pad and every page, with a
 * printer out of paper, an entry stuck and the clock 2 hours ahead. Checks that each file is the screen's size, not blank
 * and unlike the others, and that no text is cut short and no button's content spills out of it. Look at the pictures too.
 */
class ConsoleScreenshotTest {

    private record Orientation(String name, int width, int height) {}

    /** console.css's .console-top. */
    private static final int TOP_LINE = 0x263238;

    private static final List<Orientation> ORIENTATIONS = List.of(
            new Orientation("portrait", 1080, 1920), new Orientation("landscape", 1920, 1080));

    @TempDir
    Path data;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES) // two tours of well under a minute each, side by side, on 2 busy cores
    void theConsolesPagesInBothOrientations() throws Exception {
        Xvfb.require("Xvfb", "import");
        Path shots = ChildJvm.targetDir().resolve("screenshots");
        Files.createDirectories(shots);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(shots, "console-{portrait,landscape}-*.{png,log}")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<ChildJvm.Result>> runs = new HashMap<>();
            for (Orientation o : ORIENTATIONS) {
                runs.put(o.name(), pool.submit(() -> {
                    try (Xvfb x = Xvfb.start(o.width(), o.height())) {
                        return ChildJvm.run(x.display(), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                                ChildJvm.testClassPath(), ConsoleTour.class.getName(),
                                ChildJvm.args(shots.toString(), o.name(), data.resolve(o.name()).toString()), 180,
                                shots.resolve("console-" + o.name() + "-tour.log"));
                    }
                }));
            }
            List<String> layout = new ArrayList<>();
            for (Orientation o : ORIENTATIONS) {
                ChildJvm.Result r = runs.get(o.name()).get();
                assertThat(r.exitCode()).as("tour exit code; it printed:\n" + r.output()).isZero();
                r.output().lines().filter(l -> l.startsWith("layout=")).map(l -> l.substring("layout=".length()))
                        .forEach(layout::add);
                Map<String, Path> seen = new HashMap<>();
                for (String shot : ConsoleTour.SHOTS) {
                    Path file = shots.resolve("console-" + o.name() + "-" + shot + ".png");
                    assertThat(file).exists();
                    BufferedImage img = ImageIO.read(file.toFile());
                    assertThat(img).as(file + " is a readable PNG").isNotNull();
                    assertThat(img.getWidth()).as(file + " width").isEqualTo(o.width());
                    assertThat(img.getHeight()).as(file + " height").isEqualTo(o.height());
                    ScreenshotTest.assertNotBlank(img, file);
                    // The console's dark top line (管理界面 or 管理员登录, and 退出 or 返回) is on screen, at the top.
                    assertThat(ScreenshotTest.rgb(img, 4, 4)).as(file + " top left is the console's top line").isEqualTo(TOP_LINE);
                    assertThat(ScreenshotTest.rgb(img, o.width() - 5, 4)).as(file + " top right too").isEqualTo(TOP_LINE);
                    assertThat(seen.putIfAbsent(ScreenshotTest.fingerprint(img), file)).as(file + " differs from the others").isNull();
                }
            }
            assertThat(layout).as("layout problems (see " + shots + ")").isEmpty();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
