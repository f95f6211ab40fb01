package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.service.BenchReceipts;
import cn.yzz.kiosk.app.service.EvaluateStep;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.service.QrPayStep;
import cn.yzz.kiosk.app.service.ReceiptStep;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.Step;
import cn.yzz.kiosk.app.service.SummaryStep;
import cn.yzz.kiosk.app.support.AnswerWatch;
import cn.yzz.kiosk.app.support.BenchSupport;
import cn.yzz.kiosk.app.support.BenchSupport.Stats;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter.PrintJob;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import cn.yzz.kiosk.device.serial.SerialSettings;
import com.sun.javafx.scene.SceneHelper;
import com.sun.javafx.tk.TKScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The service screens, timed as {@link TapBench} times the shell's (same tap, same "drawn": the Glass
 * robot's move+press+release injected on the JavaFX thread, then the render thread finished the frame of
 * the first pulse at which the screen shows what the tap asked for), on the real kiosk: demo devices
 * ({@link DemoRig}, the receipt printer paced at 115200 baud on its in-memory cable), the real
 * {@code CountyServices} with its SQLite journal and outbox, and the dev county backend in-process on
 * loopback, enrolled as the demo's {@link DemoCounty} does. Nothing of the kiosk is stubbed; no voice, no
 * debounce.
 *
 * <p>Each visit pays for a service, alternately 社会保障卡补换卡 (a choice, a phone number on the keypad,
 * a statement to confirm) and 城乡居民养老、医疗保险缴费 (three choices): the form's taps, summary 确认 → the
 * pay screen with its QR code drawn (journal + order at the county), 取消支付 → 已取消 drawn (the county's
 * DELETE), 重新缴费 → a new QR code, then the order is paid at the county (as the phone does) and the
 * kiosk's next poll sees it: from the poll's answer reaching the kiosk's socket (a loopback relay notes
 * it, {@link AnswerWatch}) to 缴费成功 drawn, the SQLite commit included; then 打印凭条 → the engine's
 * receipt through the real ESC/POS driver to the paced emulator, against its wire time. Prints figures
 * beside the limits; benchmarks do not assert timings.
 */
@Tag("bench")
class ServiceBench {

    private static final int WARM_UP = 3;
    private static final int VISITS = 20;
    private static final double TAP_LIMIT_MS = 50;
    private static final double PAID_LIMIT_MS = 150;
    /** As device-drivers' ReceiptBench: a print may cost 10 % more than its bytes' wire time. */
    private static final double PRINT_LIMIT_RATIO = 1.1;
    /** The driver's status check before and after a job: four DLE EOT requests (3 bytes) and four one-byte replies each. */
    private static final int STATUS_BYTES = 2 * (4 * 3 + 4);
    private static final long WAIT_SECONDS = 15;
    private static final List<String> SERVICES = List.of("RSJ-0011", "SWJ-0001");

    @TempDir
    Path data;

    private Kiosk kiosk;
    private DemoRig demo;
    private volatile DemoCounty county;
    private volatile AnswerWatch relay;
    private Stage stage;
    private Scene scene;
    private Robot robot;
    private TKScene peer;
    private volatile long releasedAt;
    private final Random random = new Random(10);
    private final ExecutorService renderWatch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-render-watch");
        t.setDaemon(true);
        return t;
    });

    /** A tap's times (System.nanoTime): t0 before the injection, the pulses at which each stage first showed, the frame done. */
    private record Timed(long t0, long[] stages, long drawn) {
        double ms() {
            return (drawn - t0) / 1e6;
        }

        double stageMs(int i) {
            return (stages[i] - t0) / 1e6;
        }
    }

    /** One payment seen paid: the answer at the kiosk's socket, the FX thread told (COMMITTING), committed (PAID), laid out, drawn. */
    private record Paid(long answer, long committing, long paid, long laidOut, long drawn) {}

    /** One receipt: tap, the job done as the FX thread hears it, drawn; bytes on the wire. */
    private record Printed(long t0, long busy, long idle, long done, long drawn, long jobBytes, int escPosBytes) {}

    /** The receipt printer's driver going BUSY (status checked, job starts) and back to IDLE (job done), on its device thread. */
    private volatile long printerBusyAt;
    private volatile long printerIdleAt;

    private final Map<String, List<Timed>> taps = new LinkedHashMap<>();
    private final List<Paid> paid = new ArrayList<>();
    private final List<Printed> printed = new ArrayList<>();
    private static final int RUNS_ALONE = 10;
    private Receipt lastReceipt;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void formAndPaymentScreens() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(data);
        demo = DemoRig.start(data.resolve("receipts"));
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO); // reading the card is not timed here
        kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), Clock.system(ZoneId.of("Asia/Shanghai")),
                new Kiosk.Settings(IdentifyModel.CARD_WAIT, new IdleWatch.Settings(Duration.ofMinutes(30), Duration.ofSeconds(30)),
                        Duration.ZERO, false), demo);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
            scene.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> releasedAt = System.nanoTime());
            robot = new Robot();
            peer = SceneHelper.getPeer(scene);
        });
        kiosk.device(DeviceKind.RECEIPT_PRINTER).orElseThrow().addListener(e -> {
            if (e instanceof DeviceEvent.StateChanged c && c.to() == DeviceState.BUSY) {
                printerBusyAt = System.nanoTime();
            } else if (e instanceof DeviceEvent.StateChanged c && c.from() == DeviceState.BUSY && c.to() == DeviceState.IDLE) {
                printerIdleAt = System.nanoTime();
            }
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> {
            DemoCounty c = DemoCounty.start(data, "enhanced");
            AnswerWatch w = AnswerWatch.start(c.backend().port(), "\"status\":\"paid\"");
            EnrollmentFile e = EnrollmentFile.load(data).orElseThrow();
            new EnrollmentFile("http://127.0.0.1:" + w.port(), e.kioskId(), e.token(), e.model(), e.villageCode(), e.allowInsecure())
                    .save(data);
            county = c;
            relay = w;
        });
        try {
            await("the county open and reachable", 60, () -> kiosk.countyOpen() && kiosk.onlineProperty().get());
            await("the receipt printer ready", 30,
                    () -> kiosk.device(DeviceKind.RECEIPT_PRINTER).map(d -> d.state() == DeviceState.IDLE).orElse(false));
            System.out.println("BENCH note: tap = Glass robot move+press+release injected on the FX thread (Monocle, 1080x1920, software "
                    + "rendering, this test JVM with full JIT, " + WARM_UP + " visits of warm-up not counted); drawn = the render thread "
                    + "finished the frame of the first pulse at which the screen shows the result; load average at start: "
                    + Files.readString(Path.of("/proc/loadavg")).trim());
            for (int i = 0; i < WARM_UP + VISITS; i++) {
                visit(SERVICES.get(i % SERVICES.size()), i >= WARM_UP);
            }
            System.out.println("BENCH note: load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
            report();
            driverAlone();
        } finally {
            FxToolkit.setupFixture(() -> stage.hide());
            kiosk.close();
            demo.close();
            if (relay != null) {
                relay.close();
            }
            if (county != null) {
                county.close();
            }
            renderWatch.shutdownNow();
        }
    }

    /** One villager pays for {@code code}: home → the form → pay (cancel, again, paid) → receipt → home. */
    private void visit(String code, boolean measured) throws Exception {
        tap("tile-social-insurance", () -> screen() == Screen.SERVICES);
        while (!fx(() -> scene.lookup("#service-" + code) instanceof Button b && b.isVisible())) {
            int page = fx(() -> kiosk.model().pageProperty().get());
            tap("page-next", () -> kiosk.model().pageProperty().get() == page + 1);
        }
        tap("service-" + code, () -> screen() == Screen.IDENTIFY);
        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", 10, () -> kiosk.model().identify().stepProperty().get() == IdentifyModel.Step.DONE);
        tap("identity-continue", () -> screen() == Screen.SERVICE);

        ServiceRun run = fx(() -> kiosk.model().runProperty().get());
        Service service = run.plan().service();
        for (Field f : service.form()) {
            if (f.type() == FieldType.IDCARD_FIELD) {
                continue;
            }
            Step question = fx(() -> run.currentProperty().get());
            if (!(question instanceof FieldStep fs) || !fs.field().equals(f)) {
                throw new IllegalStateException("expected the question " + f.id() + ", found " + question);
            }
            switch (f.type()) {
                case CHOICE -> {
                    Timed t = tap("choice-0", () -> run.currentProperty().get() != question);
                    boolean toSummary = fx(() -> run.currentProperty().get()) instanceof SummaryStep;
                    record(measured, toSummary ? "choice answered -> summary drawn" : "choice answered -> next question drawn", t);
                }
                case PHONE -> {
                    for (char c : "13800138000".toCharArray()) {
                        String before = fx(() -> keyedText());
                        record(measured, "keypad key -> keyed value drawn", tap("key-" + c, () -> !keyedText().equals(before)));
                    }
                    record(measured, "确定 -> next question", tap("field-ok", () -> run.currentProperty().get() != question));
                }
                case CONFIRM -> record(measured, "statement 确认 -> next screen (summary)",
                        tap("field-confirm", () -> run.currentProperty().get() != question));
                default -> throw new IllegalStateException("the bench's services have no " + f.type() + " question");
            }
        }
        if (!fx(() -> scene.lookup("#summary") != null)) {
            throw new IllegalStateException("no summary after the form");
        }

        BooleanSupplier payScreen = () -> run.currentProperty().get() instanceof QrPayStep;
        BooleanSupplier qrShown = () -> run.currentProperty().get() instanceof QrPayStep q && q.stateProperty().get() == QrPayStep.State.SHOWING
                && scene.lookup("#qr-code") != null;
        record(measured, "summary 确认 -> pay screen with its QR code drawn", tap("summary-confirm", payScreen, qrShown));
        QrPayStep pay = (QrPayStep) fx(() -> run.currentProperty().get());
        record(measured, "取消支付 -> cancelled drawn", tap("pay-cancel", () -> pay.stateProperty().get() == QrPayStep.State.CANCELLED));
        record(measured, "重新缴费 -> a new QR code drawn", tap("pay-again", qrShown));

        Paid p = payAtTheCounty(pay);
        if (measured) {
            paid.add(p);
        }
        tap("pay-next", () -> run.currentProperty().get() instanceof ReceiptStep);
        ReceiptStep receipt = (ReceiptStep) fx(() -> run.currentProperty().get());
        Printed r = print(receipt);
        if (measured) {
            printed.add(r);
        }
        tap("receipt-next", () -> run.currentProperty().get() instanceof EvaluateStep);
        tap("evaluate-skip", () -> screen() == Screen.END);
        demo.removeCard();
        tap("end-done", () -> screen() == Screen.HOME);
    }

    /**
     * The villager's phone pays the order at the county, at any moment of the kiosk's once-a-second poll;
     * the kiosk's next poll sees it. Timed from the poll's answer reaching the kiosk to 缴费成功 drawn.
     */
    private Paid payAtTheCounty(QrPayStep pay) throws Exception {
        String orderId = fx(() -> pay.orderProperty().get().orderId());
        long[] committing = {0};
        long[] paidAt = {0};
        long[] laidOut = {0};
        CompletableFuture<Long> drawn = new CompletableFuture<>();
        ChangeListener<QrPayStep.State> states = (o, was, now) -> {
            if (now == QrPayStep.State.COMMITTING) {
                committing[0] = System.nanoTime();
            } else if (now == QrPayStep.State.PAID) {
                paidAt[0] = System.nanoTime();
            }
        };
        Runnable[] pulse = new Runnable[1];
        pulse[0] = () -> {
            if (pay.stateProperty().get() != QrPayStep.State.PAID || scene.lookup("#pay-next") == null
                    || !scene.lookup("#pay-next").isVisible()) {
                return;
            }
            laidOut[0] = System.nanoTime();
            scene.removePostLayoutPulseListener(pulse[0]);
            afterThisFrame(drawn);
        };
        fx(() -> {
            pay.stateProperty().addListener(states);
            scene.addPostLayoutPulseListener(pulse[0]);
            return null;
        });
        relay.reset();
        Thread.sleep(random.nextInt(1000)); // the phone pays at any phase of the poll
        if (!county.backend().payOrder(orderId)) {
            throw new IllegalStateException("the county does not know order " + orderId);
        }
        long d = drawn.get(WAIT_SECONDS, TimeUnit.SECONDS);
        fx(() -> {
            pay.stateProperty().removeListener(states);
            return null;
        });
        long answer = relay.seenAt();
        if (answer == 0) {
            throw new IllegalStateException("the relay did not see the county's paid answer");
        }
        return new Paid(answer, committing[0], paidAt[0], laidOut[0], d);
    }

    /** 打印凭条 → the job done (the step hears it on the FX thread) and 已打印 drawn; the bytes the printer took. */
    private Printed print(ReceiptStep receipt) throws Exception {
        if (fx(() -> receipt.stateProperty().get()) != ReceiptStep.State.ASK) {
            throw new IllegalStateException("the receipt is not offered: " + fx(() -> receipt.problemProperty().get()));
        }
        int escPos = fx(() -> BenchReceipts.escPosBytes(receipt, Paper.MM80));
        lastReceipt = fx(() -> BenchReceipts.paper(receipt, Paper.MM80));
        long bytesBefore = demo.receiptPrinter().jobBytesReceived();
        long[] done = {0};
        ChangeListener<ReceiptStep.State> states = (o, was, now) -> {
            if (now == ReceiptStep.State.PRINTED || now == ReceiptStep.State.ON_SCREEN) {
                done[0] = System.nanoTime();
            }
        };
        fx(() -> {
            receipt.stateProperty().addListener(states);
            return null;
        });
        printerBusyAt = 0;
        printerIdleAt = 0;
        Timed t = tap("receipt-print", () -> receipt.stateProperty().get() == ReceiptStep.State.PRINTED);
        fx(() -> {
            receipt.stateProperty().removeListener(states);
            return null;
        });
        return new Printed(t.t0(), printerBusyAt, printerIdleAt, done[0], t.drawn(), demo.receiptPrinter().jobBytesReceived() - bytesBefore, escPos);
    }

    /**
     * Where the print's time goes: the last visit's receipt (the engine's, kept from the last 打印凭条) sent
     * straight to the kiosk's driver, and a status round trip alone (the driver asks before and after each job).
     */
    private void driverAlone() throws Exception {
        ReceiptPrinter printer = kiosk.device(DeviceKind.RECEIPT_PRINTER).map(ReceiptPrinter.class::cast).orElseThrow();
        double[] status = new double[RUNS_ALONE];
        double[] job = new double[RUNS_ALONE];
        double[] driverMs = new double[RUNS_ALONE];
        for (int i = -2; i < RUNS_ALONE; i++) {
            long t0 = System.nanoTime();
            printer.status().get(WAIT_SECONDS, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            PrintJob j = printer.print(lastReceipt).get(WAIT_SECONDS, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            if (i >= 0) {
                status[i] = (t1 - t0) / 1e6;
                job[i] = (t2 - t1) / 1e6;
                driverMs[i] = j.millis();
            }
            Thread.sleep(random.nextInt(50));
        }
        Stats s = Stats.of(status);
        Stats p = Stats.of(job);
        Stats d = Stats.of(driverMs);
        int bytes = cn.yzz.kiosk.device.receipt.EscPos.encode(lastReceipt).length + STATUS_BYTES;
        double wire = SerialSettings.wireNanos(bytes, DemoRig.BAUD) / 1e6;
        System.out.printf("BENCH   the same receipt straight to the kiosk's driver (no screen), %d runs: print() -> done median %.1f ms, p95 %.1f ms "
                        + "(%.2fx its %.1f ms wire time; the driver's own job time median %.0f ms); a status round trip alone: median %.1f ms, "
                        + "p95 %.1f ms%n", RUNS_ALONE, p.median(), p.p95(), p.median() / wire, wire, d.median(), s.median(), s.p95());
    }

    private String keyedText() {
        return scene.lookup("#field-keyed") instanceof Label l ? l.getText() : "";
    }

    private Screen screen() {
        return kiosk.model().screenProperty().get();
    }

    private void record(boolean measured, String what, Timed t) {
        if (measured) {
            taps.computeIfAbsent(what, k -> new ArrayList<>()).add(t);
        }
    }

    /**
     * Taps {@code #id} and times it until each of {@code stages} first holds at a post-layout pulse; "drawn" is the
     * frame of the pulse at which the last one held. Conditions are checked on the FX thread.
     */
    private Timed tap(String id, BooleanSupplier... stages) throws Exception {
        Thread.sleep(random.nextInt(17)); // every phase of the pulse timer
        CompletableFuture<Timed> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Node n = scene.lookup("#" + id);
                if (!(n instanceof Button b) || !b.isVisible() || b.isDisabled()) {
                    throw new IllegalStateException("#" + id + " cannot be tapped: " + n);
                }
                Bounds bounds = n.localToScreen(n.getBoundsInLocal());
                releasedAt = 0;
                long t0 = System.nanoTime();
                robot.mouseMove(bounds.getCenterX(), bounds.getCenterY());
                robot.mousePress(MouseButton.PRIMARY);
                robot.mouseRelease(MouseButton.PRIMARY);
                watch(done, id, t0, stages);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private void watch(CompletableFuture<Timed> done, String id, long t0, BooleanSupplier[] stages) {
        long[] at = new long[stages.length];
        CompletableFuture<Long> drawn = new CompletableFuture<>();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            try {
                if (releasedAt == 0) {
                    Platform.requestNextPulse(); // a pulse between the tap's events
                    return;
                }
                long now = System.nanoTime();
                for (int i = 0; i < stages.length; i++) {
                    if (at[i] == 0 && (i == 0 || at[i - 1] != 0) && stages[i].getAsBoolean()) {
                        at[i] = now;
                    }
                }
                if (at[stages.length - 1] == 0) {
                    Platform.requestNextPulse(); // waiting for the county, the printer or the store: keep looking
                    return;
                }
                scene.removePostLayoutPulseListener(listener[0]);
                afterThisFrame(drawn);
                drawn.thenAccept(d -> done.complete(new Timed(t0, at, d)));
            } catch (RuntimeException e) {
                scene.removePostLayoutPulseListener(listener[0]);
                done.completeExceptionally(new IllegalStateException("tapping #" + id, e));
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    /** Completes with the time the render thread finished the frame of the pulse now running (call from a post-layout listener). */
    private void afterThisFrame(CompletableFuture<Long> drawn) {
        Platform.runLater(() -> renderWatch.execute(() -> {
            peer.waitForRenderingToComplete();
            drawn.complete(System.nanoTime());
        }));
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return BenchSupport.onFx(c, WAIT_SECONDS);
    }

    private void await(String what, long seconds, BooleanSupplier condition) throws Exception {
        BenchSupport.awaitOnFx(what, seconds, condition);
    }

    // Report //

    private void report() {
        for (Map.Entry<String, List<Timed>> e : taps.entrySet()) {
            List<Timed> list = e.getValue();
            Stats s = Stats.of(list.stream().mapToDouble(Timed::ms).toArray());
            System.out.printf("BENCH tap: %s: median %.1f ms, p95 %.1f ms, max %.1f ms (limit p95 %.0f ms) %s   %d taps%n",
                    e.getKey(), s.median(), s.p95(), s.max(), TAP_LIMIT_MS, s.p95() <= TAP_LIMIT_MS ? "PASS" : "OVER", list.size());
            if (list.get(0).stages().length > 1) {
                Stats first = Stats.of(list.stream().mapToDouble(t -> t.stageMs(0)).toArray());
                Stats last = Stats.of(list.stream().mapToDouble(t -> t.stageMs(t.stages().length - 1)).toArray());
                System.out.printf("BENCH   where the time goes: the pay screen (still opening) laid out at median %.1f ms, p95 %.1f ms; "
                        + "the QR code laid out at median %.1f ms, p95 %.1f ms; drawn at median %.1f ms%n",
                        first.median(), first.p95(), last.median(), last.p95(), s.median());
            }
        }
        Stats drawn = Stats.of(paid.stream().mapToDouble(p -> (p.drawn() - p.answer()) / 1e6).toArray());
        System.out.printf("BENCH paid answer at the kiosk's socket -> 缴费成功 drawn (SQLite commit included): median %.1f ms, p95 %.1f ms, "
                        + "max %.1f ms (limit %.0f ms) %s   %d payments%n", drawn.median(), drawn.p95(), drawn.max(), PAID_LIMIT_MS,
                drawn.max() <= PAID_LIMIT_MS ? "PASS" : drawn.p95() <= PAID_LIMIT_MS ? "PASS at p95, OVER at max" : "OVER", paid.size());
        Stats toFx = Stats.of(paid.stream().mapToDouble(p -> (p.committing() - p.answer()) / 1e6).toArray());
        Stats commit = Stats.of(paid.stream().mapToDouble(p -> (p.paid() - p.committing()) / 1e6).toArray());
        Stats layout = Stats.of(paid.stream().mapToDouble(p -> (p.laidOut() - p.paid()) / 1e6).toArray());
        Stats frame = Stats.of(paid.stream().mapToDouble(p -> (p.drawn() - p.laidOut()) / 1e6).toArray());
        System.out.printf("BENCH   where the time goes (median / p95 / max, ms): answer -> FX thread (COMMITTING) %.1f / %.1f / %.1f; "
                        + "commit on kiosk-county + hop back (-> PAID) %.1f / %.1f / %.1f; -> layout pulse %.1f / %.1f / %.1f; "
                        + "-> frame done %.1f / %.1f / %.1f%n", toFx.median(), toFx.p95(), toFx.max(), commit.median(), commit.p95(),
                commit.max(), layout.median(), layout.p95(), layout.max(), frame.median(), frame.p95(), frame.max());

        Printed first = printed.get(0);
        long bytes = first.jobBytes() + STATUS_BYTES;
        double wire = SerialSettings.wireNanos(bytes, DemoRig.BAUD) / 1e6;
        Stats job = Stats.of(printed.stream().mapToDouble(p -> (p.done() - p.t0()) / 1e6).toArray());
        Stats shown = Stats.of(printed.stream().mapToDouble(p -> (p.drawn() - p.t0()) / 1e6).toArray());
        boolean sameSize = printed.stream().allMatch(p -> Math.abs(p.jobBytes() - first.jobBytes()) <= 64);
        System.out.printf("BENCH 打印凭条 tapped -> the engine's receipt printed (job done, heard on the FX thread), %d ESC/POS bytes + %d status "
                        + "bytes at %d baud, wire time %.1f ms: median %.1f ms, p95 %.1f ms, max %.1f ms (limit %.1f ms = %.1fx wire) %s   %d receipts%n",
                first.jobBytes(), STATUS_BYTES, DemoRig.BAUD, wire, job.median(), job.p95(), job.max(), wire * PRINT_LIMIT_RATIO,
                PRINT_LIMIT_RATIO, job.median() <= wire * PRINT_LIMIT_RATIO ? "PASS" : "OVER", printed.size());
        Stats busy = Stats.of(printed.stream().mapToDouble(p -> (p.busy() - p.t0()) / 1e6).toArray());
        Stats writing = Stats.of(printed.stream().mapToDouble(p -> (p.idle() - p.busy()) / 1e6).toArray());
        Stats heard = Stats.of(printed.stream().mapToDouble(p -> (p.done() - p.idle()) / 1e6).toArray());
        System.out.printf("BENCH   where the time goes (median / p95 / max, ms): tap -> driver BUSY (FX, the device thread, status before) "
                        + "%.1f / %.1f / %.1f; BUSY -> IDLE (paced write of the job, status after) %.1f / %.1f / %.1f; IDLE -> the FX thread "
                        + "hears it %.1f / %.1f / %.1f%n", busy.median(), busy.p95(), busy.max(), writing.median(), writing.p95(), writing.max(),
                heard.median(), heard.p95(), heard.max());
        System.out.printf("BENCH   print time / wire time: %.2fx at the median (limit %.1fx) %s; 已打印 drawn at median %.1f ms, p95 %.1f ms; "
                        + "the printer took %d job bytes (the engine's receipt encodes to %d)%s%n", job.median() / wire, PRINT_LIMIT_RATIO,
                job.median() / wire <= PRINT_LIMIT_RATIO ? "PASS" : "OVER", shown.median(), shown.p95(), first.jobBytes(), first.escPosBytes(),
                sameSize ? "" : "; receipts differ in size: " + printed.stream().map(p -> Long.toString(p.jobBytes())).toList());
    }
}
