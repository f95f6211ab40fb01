package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.app.view.console.SimplePageView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * 关于: what the kiosk knows about itself (version, kiosk id, model, village, help, backend, catalogue version, enrolled
 * since), "未登记" for what enrollment would say on a kiosk not enrolled. Never the token or a key.
 */
public final class AboutPage implements ConsolePage {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.console");

    private final Supplier<Map<String, String>> quick;
    private final Callable<Map<String, String>> slow;
    private final Executor work;
    private final Executor fx;
    private final VBox lines = new VBox(12);
    private Node view;

    /**
     * @param quick what the JavaFX thread knows (version, model, catalogue …), in order
     * @param slow  what needs a file read (the enrollment), run on {@code work}
     */
    public AboutPage(Supplier<Map<String, String>> quick, Callable<Map<String, String>> slow, Executor work, Executor fx) {
        this.quick = Objects.requireNonNull(quick, "quick");
        this.slow = Objects.requireNonNull(slow, "slow");
        this.work = Objects.requireNonNull(work, "work");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** The program's version, from the jar's manifest; "开发版" when run from classes. */
    public static String version() {
        String v = AboutPage.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "开发版" : v;
    }

    @Override
    public String title() {
        return "关于";
    }

    @Override
    public Node view() {
        if (view == null) {
            lines.setId("console-about");
            lines.getStyleClass().add("console-card");
            VBox box = new VBox(20, new SimplePageView("关于这台终端", List.of(), List.of()), lines);
            view = box;
        }
        return view;
    }

    @Override
    public void shown() {
        Map<String, String> facts = new LinkedHashMap<>(quick.get());
        fill(facts);
        work.execute(() -> {
            Map<String, String> more;
            try {
                more = slow.call();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "about: the enrollment cannot be read", e);
                more = Map.of("登记", "读不出来：" + e.getMessage());
            }
            Map<String, String> all = new LinkedHashMap<>(facts);
            all.putAll(more);
            fx.execute(() -> fill(all));
        });
    }

    private void fill(Map<String, String> facts) {
        List<Node> out = new ArrayList<>();
        facts.forEach((k, v) -> {
            Label l = new Label(k + "：" + (v == null || v.isBlank() ? "未登记" : v));
            l.getStyleClass().add("console-card-text");
            l.setWrapText(true);
            l.setId("console-about-" + out.size());
            out.add(l);
        });
        lines.getChildren().setAll(out);
    }
}
