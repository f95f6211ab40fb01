package cn.yzz.kiosk.app.view.steps;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.Villager;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.A4Out;
import cn.yzz.kiosk.app.service.CardSource;
import cn.yzz.kiosk.app.service.CashPayStep;
import cn.yzz.kiosk.app.service.FakeCashDesk;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.SummaryStep;
import cn.yzz.kiosk.app.service.Till;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The cash screen on Monocle, following a cash payment through a desk double: the figures, the notes taken,
 * a note handed back, trouble, 取消 asked again, the voucher. Each state is also written as a PNG under
 * target/cash-screens (portrait, 1080 wide) to look at.
 */
class CashPayViewTest {

    private static final Path OUT = Path.of("target", "cash-screens");

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final FakeCashDesk desk = new FakeCashDesk();
    private Stage stage;
    private Scene scene;
    private ServiceRun run;

    private final ReceiptOut printer = new ReceiptOut() {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public String why() {
            return "";
        }

        @Override
        public Paper paper() {
            return Paper.MM80;
        }

        @Override
        public CompletableFuture<?> print(Receipt r) {
            return CompletableFuture.completedFuture(null);
        }
    };

    private String orientation;

    private void show(boolean portrait) throws Exception {
        show(portrait, false);
    }

    private void show(boolean portrait, boolean elder) throws Exception {
        orientation = (portrait ? "portrait" : "landscape") + (elder ? "-elder" : "");
        FxToolkit.registerPrimaryStage();
        Files.createDirectories(OUT);
        Service pension = CatalogParser.bundled().services().stream().filter(s -> s.code().equals("SWJ-0001")).findFirst()
                .orElseThrow();
        fx(() -> {
            Offer.Result o = Offer.plan(pension, new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"));
            run = new ServiceRun(o.plan(), new ServiceRun.Context(Villager.of(CardFixtures.RESIDENT.card()), "s1",
                    new FakeCounty(clock), printer, Runnable::run, (d, t) -> () -> { }, clock, () -> () -> { }, () -> { },
                    () -> { }, CardSource.NONE, A4Out.NONE, null, new Till(() -> desk, Runnable::run, () -> { })));
            run.start();
            for (int i = 0; i < 3; i++) {
                ((FieldStep) run.currentProperty().get()).choose(((FieldStep) run.currentProperty().get()).field().options().get(0));
            }
            ((SummaryStep) run.currentProperty().get()).confirm(PayMethod.CASH);
            CashPayView view = new CashPayView((CashPayStep) run.currentProperty().get(), new Texts(), portrait,
                    new StepPage.Header("城乡居民养老、医疗保险缴费（本人）", "张*"));
            StackPane root = new StackPane(view);
            root.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
            root.getStyleClass().add("kiosk");
            // The room the kiosk's frame leaves a step (header and bar apart).
            scene = portrait ? new Scene(root, 1080, 1500) : new Scene(root, 1920, 790);
            scene.getStylesheets().add(KioskView.stylesheet());
            if (elder) {
                scene.getStylesheets().add(cn.yzz.kiosk.app.view.ElderStyle.stylesheet());
            }
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return null;
        });
    }

    @AfterEach
    void hide() throws Exception {
        fx(() -> {
            if (stage != null) {
                stage.hide();
            }
            return null;
        });
    }

    private CashPayStep step() {
        return (CashPayStep) run.currentProperty().get();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "portrait {0}, elder {1}")
    @org.junit.jupiter.params.provider.CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void theScreenFollowsAPaymentFromTheNotesTakenToTheVoucher(boolean portrait, boolean elder) throws Exception {
        show(portrait, elder);
        assertThat(text("#cash-heading")).isEqualTo("请投入纸币");
        assertThat(text("#cash-left")).isEqualTo("还差 180.00 元");
        assertThat(text("#cash-due")).isEqualTo("应缴 180.00 元");
        assertThat(shown("#cash-note-10000")).isTrue();
        assertThat(shown("#cash-note-5000")).isTrue();
        assertThat(shown("#cash-note-2000")).isTrue();
        assertThat(fx(() -> scene.lookup("#cash-note-500"))).as("a value not taken is not drawn").isNull();
        assertThat(shown("#cash-cancel")).isTrue();
        assertThat(shown("#cash-next")).isFalse();
        snap("due");

        fx(() -> {
            desk.insert(10000);
            return null;
        });
        assertThat(text("#cash-inserted")).isEqualTo("已投入 100.00 元");
        assertThat(text("#cash-left")).isEqualTo("还差 80.00 元");
        assertThat(text("#cash-status")).isEqualTo("刚收到 100 元，请继续投入");
        snap("credited");

        fx(() -> {
            desk.handBack(500, "本机不收 5 元的纸币");
            return null;
        });
        assertThat(text("#cash-returned")).isEqualTo("这张纸币退回来了：本机不收 5 元的纸币。请取回");
        snap("returned");

        fx(() -> {
            desk.trouble("钱箱被取出了");
            return null;
        });
        assertThat(text("#cash-heading")).isEqualTo("收款机出了问题");
        assertThat(text("#cash-problem")).startsWith("收款机出了问题：钱箱被取出了");
        assertThat(shown("#cash-returned")).as("the last note's words give way to the trouble's").isFalse();
        assertThat(shown("#cash-notes")).as("no notes are taken in trouble").isFalse();
        snap("trouble");

        click("#cash-cancel");
        assertThat(shown("#cash-question")).isTrue();
        assertThat(text("#cash-question")).contains("100.00", "找零券");
        assertThat(shown("#cash-confirm-cancel")).isTrue();
        assertThat(shown("#cash-keep")).isTrue();
        assertThat(shown("#cash-cancel")).isFalse();
        snap("confirm-cancel");

        click("#cash-confirm-cancel");
        assertThat(text("#cash-heading")).isEqualTo("请取走找零券");
        assertThat(text("#cash-status")).isEqualTo("没有缴费，没有扣款。您投入的 100.00 元打印成了找零券");
        assertThat(shown("#cash-voucher")).isTrue();
        assertThat(text("#cash-voucher-amount")).isEqualTo("找零 100.00 元");
        assertThat(text("#cash-voucher-no")).isEqualTo("券号：WJ-0042-V0001");
        assertThat(text("#cash-slip")).isEqualTo("请取走找零券，凭券到村委会领取找零");
        assertThat(shown("#cash-next")).isTrue();
        assertThat(shown("#cash-left")).as("no figures once it ended").isFalse();
        snap("voucher");
    }

    @Test
    void overpaidIsPaidWithTheVoucherBesideTheReceiptNumber() throws Exception {
        show(true);
        fx(() -> {
            desk.insert(10000);
            desk.insert(10000);
            return null;
        });
        assertThat(text("#cash-heading")).isEqualTo("缴费成功");
        assertThat(text("#cash-status")).isEqualTo("已缴 180.00 元　凭条号码：" + step().stored().receiptNo());
        assertThat(text("#cash-voucher-amount")).isEqualTo("找零 20.00 元");
        assertThat(shown("#cash-next")).isTrue();
        snap("paid-voucher");
    }

    private void click(String id) throws Exception {
        fx(() -> {
            ((javafx.scene.control.Button) scene.lookup(id)).fire();
            return null;
        });
    }

    private String text(String id) throws Exception {
        return fx(() -> ((Labeled) scene.lookup(id)).getText());
    }

    /** Shown: visible, and its parents too. */
    private boolean shown(String id) throws Exception {
        return fx(() -> {
            Node n = scene.lookup(id);
            while (n != null) {
                if (!n.isVisible()) {
                    return false;
                }
                n = n.getParent();
            }
            return scene.lookup(id) != null;
        });
    }

    private void snap(String name) throws Exception {
        fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            javafx.scene.layout.Region page = (javafx.scene.layout.Region) ((StackPane) scene.getRoot()).getChildren().get(0);
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", OUT.resolve(orientation + "-" + name + ".png").toFile());
            assertThat(page.prefHeight(scene.getWidth())).as(orientation + " " + name + ": the page fits the room a step has")
                    .isLessThanOrEqualTo(scene.getHeight());
            return null;
        });
    }

    private static <T> T fx(Callable<T> c) throws Exception {
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
