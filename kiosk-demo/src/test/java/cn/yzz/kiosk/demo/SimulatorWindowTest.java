package cn.yzz.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The simulator opens beside the kiosk's window, never over it. */
class SimulatorWindowTest {

    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1920, 1080);

    private static Rectangle2D panel(Point2D at) {
        return new Rectangle2D(at.getX(), at.getY(), 420, 800);
    }

    @Test
    void besideAWindowedKioskOnItsScreen() {
        Rectangle2D kiosk = new Rectangle2D(686, 54, 547, 972); // the windowed kiosk, centred on a landscape screen
        Point2D at = SimulatorWindow.beside(kiosk, 420, 800, List.of(SCREEN)).orElseThrow();
        assertThat(at.getX()).isEqualTo(kiosk.getMaxX() + SimulatorWindow.GAP);
        assertThat(panel(at).intersects(kiosk)).isFalse();
        assertThat(SCREEN.contains(panel(at))).isTrue();

        Rectangle2D atTheRightEdge = new Rectangle2D(1300, 54, 547, 972);
        Point2D left = SimulatorWindow.beside(atTheRightEdge, 420, 800, List.of(SCREEN)).orElseThrow();
        assertThat(panel(left).intersects(atTheRightEdge)).isFalse();
        assertThat(SCREEN.contains(panel(left))).isTrue();
    }

    @Test
    void aFullScreenKioskLeavesRoomOnlyOnAnotherScreen() {
        Rectangle2D second = new Rectangle2D(1920, 0, 1280, 1024);
        Point2D at = SimulatorWindow.beside(SCREEN, 420, 800, List.of(SCREEN, second)).orElseThrow();
        assertThat(second.contains(panel(at))).isTrue();
        assertThat(SimulatorWindow.beside(SCREEN, 420, 800, List.of(SCREEN))).isEmpty();
    }
}
