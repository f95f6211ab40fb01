package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.service.CashPayStep;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.SummaryStep;
import cn.yzz.kiosk.app.support.BenchSupport;
import cn.yzz.kiosk.app.support.BenchSupport.Stats;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cashin.CashDesk;
import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.cash.CashHandler;
import cn.yzz.kiosk.device.cash.NoteAcceptor;
import cn.yzz.kiosk.device.cash.NoteEvent;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.profile.DeviceKind;
import com.sun.javafx.scene.SceneHelper;
import com.sun.javafx.tk.TKScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * A note credited, to the new amount on the screen: from the moment the SSP driver hands the unit's CREDIT
 * event to the cash desk (a handler wrapped round the desk's notes the time) to the render thread finishing the
 * frame that shows 已投入 with that note counted, the desk's SQLite commit of the credit included. On the real
 * kiosk: the demo's devices (the note validator emulator paced at 9600 baud on its in-memory cable, the real
 * SspNoteAcceptor polling it), the real JournaledCashDesk on the kiosk's SQLite store, the real CashPayStep and
 * CashPayView; Monocle, software rendering. Each visit pays ¥1000 in ¥100 notes. Prints figures beside the goal;
 * benchmarks do not assert timings.
 */
@Tag("bench")
class CashBench {

    private static final int WARM_UP = 1;
    private static final int VISITS = 3;
    private static final long DUE = 100_000;
    private static final long NOTE = 10_000;
    private static final double GOAL_MS = 100;
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path data;

    private Kiosk kiosk;
    private DemoRig demo;
    private volatile DemoCounty county;
    private Stage stage;
    private Scene scene;
    private TKScene peer;
    private volatile long creditAt;
    private final ExecutorService renderWatch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-render-watch");
        t.setDaemon(true);
        return t;
    });

    /** One note: CREDIT handed to the desk, the FX thread told (已投入 changed), laid out, drawn. */
    private record Credit(long credit, long fx, long laidOut, long drawn) {}

    private final List<Credit> credits = new ArrayList<>();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void creditToTheAmountOnScreen() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(data);
        demo = DemoRig.start(data.resolve("receipts"));
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), Clock.system(ZoneId.of("Asia/Shanghai")),
                new Kiosk.Settings(IdentifyModel.CARD_WAIT, new IdleWatch.Settings(Duration.ofMinutes(30), Duration.ofSeconds(30)),
                        Duration.ZERO, false), demo);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
            peer = SceneHelper.getPeer(scene);
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> county = DemoCounty.start(data, "enhanced"));
        try {
            await("cash taken (desk made, reconciled)", 60, () -> kiosk.model().abilitiesProperty().get().has(DeviceNeed.CASH_ACCEPTOR));
            timeCredits();
            System.out.println("BENCH note: CREDIT = the SspNoteAcceptor hands the unit's CREDIT event to the cash desk (its "
                    + "device thread); drawn = the render thread finished the frame whose 已投入 counts the note (Monocle, "
                    + "1080x1920, software rendering, " + WARM_UP + " visit of warm-up not counted); load average at start: "
                    + Files.readString(Path.of("/proc/loadavg")).trim());
            for (int i = 0; i < WARM_UP + VISITS; i++) {
                visit(i >= WARM_UP);
            }
            report();
        } finally {
            FxToolkit.setupFixture(() -> stage.hide());
            kiosk.close();
            demo.close();
            if (county != null) {
                county.close();
            }
            renderWatch.shutdownNow();
        }
    }

    /** The desk stays the acceptor's handler; a wrapper round it notes when each CREDIT arrives. */
    private void timeCredits() {
        CashDesk desk = kiosk.cashDesk();
        CashHandler inner = (CashHandler) desk;
        NoteAcceptor acceptor = kiosk.device(DeviceKind.CASH_ACCEPTOR).map(NoteAcceptor.class::cast).orElseThrow();
        acceptor.setHandler(new CashHandler() {
            @Override
            public Decision escrowed(int channel, long valueFen) {
                return inner.escrowed(channel, valueFen);
            }

            @Override
            public void event(NoteEvent e) {
                if (e.kind() == NoteEvent.Kind.CREDIT) {
                    creditAt = System.nanoTime();
                }
                inner.event(e);
            }
        });
    }

    /** One villager pays ¥1000 in cash for 城乡居民养老、医疗保险缴费（本人）, ¥100 at a time. */
    private void visit(boolean measured) throws Exception {
        Service s = fx(() -> kiosk.model().catalogue().services().stream().filter(x -> x.code().equals("SWJ-0001")).findFirst()
                .orElseThrow());
        fx(() -> {
            kiosk.model().chooseService(s);
            return null;
        });
        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", 10, () -> kiosk.model().identify().stepProperty().get() == IdentifyModel.Step.DONE);
        fx(() -> {
            kiosk.model().useIdentity();
            return null;
        });
        await("the service", 10, () -> kiosk.model().screenProperty().get() == Screen.SERVICE);
        ServiceRun run = fx(() -> kiosk.model().runProperty().get());
        for (String answer : List.of("城乡居民养老保险", "2026", Long.toString(DUE / 100))) {
            await("a question", 10, () -> run.currentProperty().get() instanceof FieldStep);
            fx(() -> {
                ((FieldStep) run.currentProperty().get()).choose(answer);
                return null;
            });
        }
        await("the summary", 10, () -> run.currentProperty().get() instanceof SummaryStep);
        fx(() -> {
            ((SummaryStep) run.currentProperty().get()).confirm(PayMethod.CASH);
            return null;
        });
        await("the notes taken", 20, () -> run.currentProperty().get() instanceof CashPayStep c
                && c.stateProperty().get() == CashPayStep.State.INSERTING);
        CashPayStep pay = (CashPayStep) fx(() -> run.currentProperty().get());
        for (long in = NOTE; in <= DUE; in += NOTE) {
            Credit c = insert(pay, in);
            if (measured) {
                credits.add(c);
            }
        }
        await("paid", 20, () -> pay.stateProperty().get() == CashPayStep.State.PAID);
        fx(() -> {
            kiosk.model().end();
            return null;
        });
        demo.removeCard();
        await("home", 20, () -> {
            if (kiosk.model().screenProperty().get() == Screen.END) {
                kiosk.model().home();
            }
            return kiosk.model().screenProperty().get() == Screen.HOME && !kiosk.model().session().active();
        });
    }

    /** A ¥100 note into the emulator; timed from its CREDIT to 已投入 {@code expected} drawn. */
    private Credit insert(CashPayStep pay, long expected) throws Exception {
        String want = fx(() -> kiosk.shell().texts().get("cash.inserted", cn.yzz.kiosk.app.service.Money.text(expected)));
        long[] fxAt = {0};
        long[] laidOut = {0};
        CompletableFuture<Long> drawn = new CompletableFuture<>();
        ChangeListener<Number> told = (o, was, now) -> {
            if (now.longValue() == expected && fxAt[0] == 0) {
                fxAt[0] = System.nanoTime();
            }
        };
        Runnable[] pulse = new Runnable[1];
        pulse[0] = () -> {
            if (!(scene.lookup("#cash-inserted") instanceof Labeled l) || !l.getText().equals(want)) {
                return;
            }
            laidOut[0] = System.nanoTime();
            scene.removePostLayoutPulseListener(pulse[0]);
            Platform.runLater(() -> renderWatch.execute(() -> {
                peer.waitForRenderingToComplete();
                drawn.complete(System.nanoTime());
            }));
        };
        fx(() -> {
            pay.insertedFenProperty().addListener(told);
            scene.addPostLayoutPulseListener(pulse[0]);
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!demo.insertNote(NOTE)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the note validator never drew the note in");
            }
            Thread.sleep(20);
        }
        long done = drawn.get(WAIT_SECONDS, TimeUnit.SECONDS);
        fx(() -> {
            pay.insertedFenProperty().removeListener(told);
            return null;
        });
        return new Credit(creditAt, fxAt[0], laidOut[0], done);
    }

    private void report() {
        Stats drawn = Stats.of(credits.stream().mapToDouble(c -> (c.drawn() - c.credit()) / 1e6).toArray());
        System.out.printf("BENCH CREDIT -> the new amount drawn (the desk's SQLite commit included): median %.1f ms, p95 %.1f ms, "
                        + "max %.1f ms (goal %.0f ms) %s   %d notes%n", drawn.median(), drawn.p95(), drawn.max(), GOAL_MS,
                drawn.p95() <= GOAL_MS ? "PASS" : "OVER", credits.size());
        Stats toFx = Stats.of(credits.stream().mapToDouble(c -> (c.fx() - c.credit()) / 1e6).toArray());
        Stats layout = Stats.of(credits.stream().mapToDouble(c -> (c.laidOut() - c.fx()) / 1e6).toArray());
        Stats frame = Stats.of(credits.stream().mapToDouble(c -> (c.drawn() - c.laidOut()) / 1e6).toArray());
        System.out.printf("BENCH   where the time goes (median / p95 / max, ms): CREDIT -> journal commit and the FX thread told "
                        + "%.1f / %.1f / %.1f; -> laid out %.1f / %.1f / %.1f; -> frame done %.1f / %.1f / %.1f%n", toFx.median(),
                toFx.p95(), toFx.max(), layout.median(), layout.p95(), layout.max(), frame.median(), frame.p95(), frame.max());
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return BenchSupport.onFx(c, WAIT_SECONDS);
    }

    private void await(String what, long seconds, BooleanSupplier condition) throws Exception {
        BenchSupport.awaitOnFx(what, seconds, condition);
    }

}
