package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.Xvfb;
import cn.yzz.kiosk.app.view.Fonts;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screenshots of every screen, full screen in a real GTK window under Xvfb, at 1080 × 1920 and
 * 1920 × 1080, into kiosk-app/target/screenshots/. Checks the files, that the kiosk window covers
 * the screen, and that Chinese is drawn with real glyphs. Look at the pictures too.
 */
class ScreenshotTest {

    private static final int HEADER_BLUE = 0x0b4f8a;
    private static final int WHITE = 0xffffff;

    @TempDir
    Path data;

    @Test
    void everyScreenInBothOrientations() throws Exception {
        Xvfb.require("Xvfb", "import");
        Path shots = ChildJvm.targetDir().resolve("screenshots");
        Files.createDirectories(shots);
        tour("portrait", 1080, 1920, shots);
        tour("landscape", 1920, 1080, shots);
    }

    private void tour(String orientation, int width, int height, Path shots) throws Exception {
        for (String screen : ScreenshotTour.SCREENS) {
            Files.deleteIfExists(shots.resolve(orientation + "-" + screen + ".png"));
        }
        ChildJvm.Result r;
        try (Xvfb x = Xvfb.start(width, height)) {
            r = ChildJvm.run(x.display(), ChildJvm.testClassPath(), ScreenshotTour.class.getName(),
                    ChildJvm.args(shots.toString(), orientation, data.resolve(orientation).toString()), 120,
                    shots.resolve(orientation + "-tour.log"));
        }
        assertThat(r.exitCode()).as("tour exit code; it printed:\n" + r.output()).isZero();
        assertThat(r.output()).contains("cjk-glyphs-distinct=true");
        assertThat(Fonts.FAMILIES).as("font of the title, as the stylesheet chose it")
                .contains(value(r.output(), "title-font="));

        Set<String> seen = new HashSet<>();
        for (String screen : ScreenshotTour.SCREENS) {
            Path file = shots.resolve(orientation + "-" + screen + ".png");
            assertThat(file).as(file.getFileName().toString()).exists();
            BufferedImage img = ImageIO.read(file.toFile());
            assertThat(img).as(file + " is a readable PNG").isNotNull();
            assertThat(img.getWidth()).as(file + " width").isEqualTo(width);
            assertThat(img.getHeight()).as(file + " height").isEqualTo(height);
            assertNotBlank(img, file);
            // The kiosk covers the whole screen: its blue header at the top left, its white bar at the bottom right.
            assertThat(rgb(img, 4, 4)).as(file + " top left is the header").isEqualTo(HEADER_BLUE);
            assertThat(rgb(img, width - 5, height - 5)).as(file + " bottom right is the bar").isEqualTo(WHITE);
            assertThat(seen.add(fingerprint(img))).as(file + " differs from the other screens").isTrue();
        }
    }

    private static String value(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length())).findFirst().orElse("(none)");
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    private static void assertNotBlank(BufferedImage img, Path file) {
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

    private static String fingerprint(BufferedImage img) {
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
