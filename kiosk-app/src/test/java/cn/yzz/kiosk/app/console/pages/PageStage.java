package cn.yzz.kiosk.app.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A console page alone on a Monocle stage of the room the console leaves a page (landscape 1500x880, or portrait
 * 1080x1500), with the lookups and waits the page tests share; {@link #snap} writes target/console-pages/NAME.png.
 */
final class PageStage {

    static final Path OUT = Path.of("target", "console-pages");

    private Stage stage;
    private Scene scene;

    /** Starts the JavaFX toolkit (once): before a page is made. */
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    void show(Node page, double width, double height) throws Exception {
        fx(() -> {
            StackPane root = new StackPane(page);
            scene = new Scene(root, width, height);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return null;
        });
    }

    void hide() throws Exception {
        fx(() -> {
            if (stage != null) {
                stage.hide();
            }
            return null;
        });
    }

    Node lookup(String id) throws Exception {
        return fx(() -> scene.lookup(id));
    }

    String text(String id) throws Exception {
        return fx(() -> {
            Node n = scene.lookup(id);
            assertThat(n).as(id).isNotNull();
            return n instanceof javafx.scene.text.Text t ? t.getText() : ((Labeled) n).getText();
        });
    }

    /** All the words under {@code id}, labels and texts, joined by new lines. */
    String allText(String id) throws Exception {
        return fx(() -> {
            StringBuilder b = new StringBuilder();
            collect(scene.lookup(id), b);
            return b.toString();
        });
    }

    private static void collect(Node n, StringBuilder b) {
        if (n == null || !n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l) {
            b.append(l.getText()).append('\n');
        } else if (n instanceof javafx.scene.text.Text t) {
            b.append(t.getText()).append('\n');
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, b));
        }
    }

    /** Shown: there, visible, and its parents too. */
    boolean shown(String id) throws Exception {
        return fx(() -> {
            Node n = scene.lookup(id);
            if (n == null) {
                return false;
            }
            for (; n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    boolean disabled(String id) throws Exception {
        return fx(() -> scene.lookup(id).isDisabled());
    }

    void tap(String id) throws Exception {
        fx(() -> {
            ButtonBase b = (ButtonBase) scene.lookup(id);
            assertThat(b).as(id).isNotNull();
            assertThat(b.isDisabled()).as(id + " can be tapped").isFalse();
            b.fire();
            return null;
        });
    }

    /** Waits (at most 10 s) until {@code condition} holds, checked on the JavaFX thread. */
    void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** Writes the page as a PNG and checks it fits the stage without scrolling. */
    void snap(String name) throws Exception {
        Files.createDirectories(OUT);
        fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", OUT.resolve(name + ".png").toFile());
            Region page = (Region) ((StackPane) scene.getRoot()).getChildren().get(0);
            assertThat(page.prefHeight(scene.getWidth())).as(name + ": the page fits without scrolling").isLessThanOrEqualTo(scene.getHeight());
            return null;
        });
    }

    static <T> T fx(Callable<T> c) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return c.call();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(10, TimeUnit.SECONDS);
    }
}
