package cn.yzz.kiosk.app.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

/**
 * For the UI tests: runs code on the JavaFX thread and waits for it, waits for conditions read on
 * that thread, and gathers every text (and image view) a scene graph holds, shown or not.
 */
public final class SceneProbe {

    /** Longest wait for anything the kiosk does by itself. */
    public static final long WAIT_SECONDS = 15;

    private SceneProbe() {}

    /** Runs {@code c} on the JavaFX thread and returns its result. */
    public static <T> T fx(Callable<T> c) {
        if (Platform.isFxApplicationThread()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new AssertionError("failed on the FX thread: " + e, e);
            }
        }
        try {
            return WaitForAsyncUtils.asyncFx(c).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("failed on the FX thread: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("could not run on the FX thread: " + e, e);
        }
    }

    /** Runs {@code r} on the JavaFX thread and waits until it and the events it caused are done. */
    public static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until {@code condition} (read on the JavaFX thread) holds, at most {@link #WAIT_SECONDS}. */
    public static void await(String what, Callable<Boolean> condition) {
        await(WAIT_SECONDS, what, condition);
    }

    public static void await(long seconds, String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every text in every window's scene graph (call on the JavaFX thread). */
    /** The node with {@code id} in {@code scene}; fails the test when it is not there. Call on the JavaFX thread. */
    public static javafx.scene.Node node(javafx.scene.Scene scene, String id) {
        javafx.scene.Node n = scene.lookup("#" + id);
        if (n == null) {
            throw new AssertionError("no #" + id + " on screen");
        }
        return n;
    }

    /** The text of the labelled node (button, label) with {@code id}. */
    public static String textOf(javafx.scene.Scene scene, String id) {
        return fx(() -> ((javafx.scene.control.Labeled) node(scene, id)).getText());
    }

    /** Shown: the node is there and it and all its ancestors are visible. */
    public static boolean visible(javafx.scene.Scene scene, String id) {
        return fx(() -> {
            javafx.scene.Node n = scene.lookup("#" + id);
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

    public static List<String> textsInAllWindows() {
        List<String> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                texts(w.getScene().getRoot(), out);
            }
        }
        return out;
    }

    /**
     * Every text under {@code node}, visible or not: Labeled and Text contents, text inputs,
     * tooltips and the accessible texts screen readers would read (call on the JavaFX thread).
     */
    public static List<String> texts(Node node) {
        List<String> out = new ArrayList<>();
        texts(node, out);
        return out;
    }

    private static void texts(Node n, List<String> out) {
        add(out, n.getAccessibleText());
        add(out, n.getAccessibleHelp());
        if (n instanceof Labeled l) {
            add(out, l.getText());
        }
        if (n instanceof Text t) {
            add(out, t.getText());
        }
        if (n instanceof TextInputControl t) {
            add(out, t.getText());
            add(out, t.getPromptText());
        }
        if (n instanceof Control c) {
            Tooltip tip = c.getTooltip();
            if (tip != null) {
                add(out, tip.getText());
                if (tip.getGraphic() != null) {
                    texts(tip.getGraphic(), out);
                }
            }
        }
        if (n instanceof Labeled l && l.getGraphic() != null && l.getGraphic().getParent() != l) {
            texts(l.getGraphic(), out); // a graphic not (yet) added by the skin
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                texts(c, out);
            }
        }
    }

    private static void add(List<String> out, String s) {
        if (s != null && !s.isEmpty()) {
            out.add(s);
        }
    }

    /** Every ImageView in every window's scene graph (call on the JavaFX thread). */
    public static List<ImageView> imageViewsInAllWindows() {
        List<ImageView> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                imageViews(w.getScene().getRoot(), out);
            }
        }
        return out;
    }

    private static void imageViews(Node n, List<ImageView> out) {
        if (n instanceof ImageView v) {
            out.add(v);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                imageViews(c, out);
            }
        }
    }
}
