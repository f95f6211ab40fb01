package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.qr.Scan;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.PrinterStatus;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import cn.yzz.kiosk.device.sscard.SsCardReader;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;

/**
 * 设备: each fitted device with its state in words (正常, 忙, 没有响应, 故障, 未接), the driver's plain detail and what to
 * do next, and a test per device run on the device's own thread (or the cash desk's), with progress and a plain result.
 * A scanned code is a credential: the scan test shows only how many characters were read, and keeps nothing of it. A
 * card read shows the masked name only.
 *
 * <p>Use on the JavaFX thread.
 */
public final class DevicesPage implements ConsolePage {

    /** How long a test waits for a card, a code or a note. */
    public static final Duration TEST_WAIT = Duration.ofSeconds(30);

    /** A fitted device: its kind and its driver on this start (null when it has none). */
    public record Fitted(DeviceNeed need, Device driver) {
        public Fitted {
            Objects.requireNonNull(need, "need");
        }
    }

    /** One device's line on the page. */
    public final class Row {
        private final DeviceNeed need;
        private final Device driver;
        private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
        private final ReadOnlyStringWrapper tone = new ReadOnlyStringWrapper(this, "tone", "none");
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
        private final ReadOnlyStringWrapper advice = new ReadOnlyStringWrapper(this, "advice", "");
        private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
        private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);
        private CompletableFuture<?> test;

        Row(DeviceNeed need, Device driver) {
            this.need = need;
            this.driver = driver;
        }

        public DeviceNeed need() {
            return need;
        }

        public String name() {
            return DevicesPage.name(need);
        }

        /** 正常, 工作中, 没有响应, 缺纸 or 机盖开着 (the receipt printer), 故障, 未接. */
        public ReadOnlyStringProperty stateProperty() {
            return state.getReadOnlyProperty();
        }

        /** good, busy, warn (fixed by hand on site), bad or none: the colour of the state. */
        public ReadOnlyStringProperty toneProperty() {
            return tone.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty adviceProperty() {
            return advice.getReadOnlyProperty();
        }

        /** The test's progress, then its result, in plain words. */
        public ReadOnlyStringProperty resultProperty() {
            return result.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty testingProperty() {
            return testing.getReadOnlyProperty();
        }

        /** The test button's words; empty when this device has no test on this kiosk. */
        public String testName() {
            if (driver == null && need != DeviceNeed.CASH_ACCEPTOR) {
                return "";
            }
            return switch (need) {
                case IDCARD_READER -> "读卡测试";
                case QR_SCANNER -> "扫码测试";
                case RECEIPT_PRINTER -> "打印测试小票";
                case A4_PRINTER -> "打印 A4 测试页";
                case SSCARD_READER -> "读社保卡测试";
                case CASH_ACCEPTOR -> cash == null ? "" : "验钞测试";
                default -> "";
            };
        }

        private void show(DeviceState s, String words) {
            if (driver == null) {
                state.set("未接");
                tone.set("none");
                detail.set(need == DeviceNeed.CASH_ACCEPTOR && cash != null ? "由收钞模块管理" : "没有连接，或这一版程序没有它的驱动");
                advice.set("请联系县里的运维人员检查配置（kioskctl device check）");
                return;
            }
            switch (s) {
                case IDLE -> {
                    state.set("正常");
                    tone.set("good");
                    advice.set("");
                }
                case BUSY -> { // printing, or waiting for a card or a code as it does at home: the detail says which
                    state.set("工作中");
                    tone.set("busy");
                    advice.set("");
                }
                case OFFLINE -> {
                    state.set("没有响应");
                    tone.set("bad");
                    advice.set("请检查它的电源和数据线是否插好、电源灯是否亮；插好后等十秒。仍不行请点“重启程序”，再不行请联系县里运维");
                }
                case FAILED -> {
                    PrinterStatus ps = driver instanceof ReceiptPrinter p ? p.lastStatus() : null;
                    if (ps != null && ps.needsHandsOnly()) {
                        // Not a fault: an administrator who reads 故障 calls the county for what a roll of paper fixes.
                        state.set(ps.paperEnd() ? "缺纸" : "机盖开着");
                        tone.set("warn");
                        advice.set(ps.paperEnd() ? PaperCashPage.LOAD_PAPER
                                : "请把打印机上盖合上并按到“咔”一声；合上后几秒这里会变回“正常”");
                        break;
                    }
                    state.set("故障");
                    tone.set("bad");
                    advice.set("请先照上面写的处理（比如装纸、合上机盖）；处理好了还显示故障，再关掉它的电源重新打开；仍不行请联系县里运维");
                }
                case CLOSED -> {
                    state.set("未接");
                    tone.set("none");
                    advice.set("程序还没有打开它：请稍等；一直这样请点“重启程序”");
                }
            }
            if (words != null && !words.isBlank()) {
                detail.set(words);
            } else if (detail.get().isEmpty()) {
                detail.set(s == DeviceState.IDLE ? "工作正常" : "");
            }
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final CashDrawer cash;
    private final ConsoleAudit audit;
    private final Executor work;
    private final Executor fx;
    private final Clock clock;
    private final Paper paper;
    private final List<Runnable> unlisten = new ArrayList<>();
    private Node view;

    /**
     * @param cash  the cash desk for the bill test, or null (no note acceptor, or it has no driver)
     * @param work  where the health checks run (they block)
     * @param paper the receipt printer's roll
     */
    public DevicesPage(List<Fitted> fitted, CashDrawer cash, ConsoleAudit audit, Executor work, Executor fx, Clock clock,
                       Paper paper) {
        this.cash = cash;
        this.audit = Objects.requireNonNull(audit, "audit");
        this.work = Objects.requireNonNull(work, "work");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.paper = Objects.requireNonNull(paper, "paper");
        for (Fitted f : fitted) {
            rows.add(new Row(f.need(), f.driver()));
        }
    }

    /** The device's name in words. */
    public static String name(DeviceNeed need) {
        return switch (need) {
            case IDCARD_READER -> "身份证阅读器";
            case QR_SCANNER -> "扫码器";
            case RECEIPT_PRINTER -> "小票打印机";
            case A4_PRINTER -> "A4 打印机";
            case SSCARD_READER -> "社保卡读卡器";
            case CASH_ACCEPTOR -> "纸币识别器";
            default -> need.wireName();
        };
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    @Override
    public String title() {
        return "设备";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new cn.yzz.kiosk.app.view.console.DevicesView(this);
        }
        return view;
    }

    @Override
    public void shown() {
        for (Row r : rows) {
            Device d = r.driver;
            r.show(d == null ? DeviceState.CLOSED : d.state(), null);
            if (d == null) {
                continue;
            }
            DeviceListener l = e -> {
                if (e instanceof DeviceEvent.StateChanged s) {
                    fx.execute(() -> r.show(s.to(), s.detail()));
                }
            };
            d.addListener(l);
            unlisten.add(() -> d.removeListener(l));
            work.execute(() -> {
                Health h = d.checkHealth();
                // The state as it is when shown, not as it was here: a change the listener has drawn meanwhile (a card
                // read ending) must not be painted over by an older one (the reader left at 工作中).
                fx.execute(() -> r.show(d.state(), h.detail()));
            });
        }
    }

    @Override
    public void hidden() {
        unlisten.forEach(Runnable::run);
        unlisten.clear();
        for (Row r : rows) {
            if (r.test != null && (r.need == DeviceNeed.IDCARD_READER || r.need == DeviceNeed.QR_SCANNER
                    || r.need == DeviceNeed.SSCARD_READER)) {
                r.test.cancel(true); // a wait for a card or a code ends; a print under way finishes
            }
        }
    }

    /** Runs {@code r}'s test; its progress and result come in {@link Row#resultProperty()}. */
    public void test(Row r) {
        if (r.testing.get() || r.testName().isEmpty()) {
            return;
        }
        r.testing.set(true);
        String what = r.testName() + "（" + r.name() + "）";
        CompletableFuture<String> f;
        switch (r.need) {
            case IDCARD_READER -> {
                r.result.set("请把一张身份证放在读卡区…");
                f = ((IdCardReader) r.driver).read(TEST_WAIT).thenApply(card -> "读卡成功：" + Mask.name(card.name()));
            }
            case QR_SCANNER -> {
                r.result.set("请把一个二维码对准扫码口…");
                f = scan((QrScanner) r.driver);
            }
            case RECEIPT_PRINTER -> {
                r.result.set("正在打印测试小票…");
                f = ((ReceiptPrinter) r.driver).print(testReceipt()).thenApply(j -> "测试小票已打印：请看字迹是否清楚、二维码能否扫出");
            }
            case A4_PRINTER -> {
                r.result.set("正在打印 A4 测试页…");
                f = ((A4Printer) r.driver).print(testPage()).thenApply(p -> "A4 测试页已打印（" + p.pages() + " 页）：请看字迹和表格线是否完整");
            }
            case SSCARD_READER -> {
                r.result.set("请插入一张社保卡…");
                f = ((SsCardReader) r.driver).read(TEST_WAIT).thenApply(card -> "读社保卡成功");
            }
            case CASH_ACCEPTOR -> {
                r.result.set("请放入一张纸币：识别后会退还，不会收进钱箱…");
                f = CompletableFuture.supplyAsync(() -> {
                    try {
                        List<Long> notes = cash.billTest(TEST_WAIT);
                        return notes.isEmpty() ? "没有放入纸币，测试结束" : "识别到 " + yuan(notes.get(0)) + " 元，已退还，请取回纸币";
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, work);
            }
            default -> {
                r.testing.set(false);
                return;
            }
        }
        r.test = f;
        f.whenComplete((words, error) -> fx.execute(() -> {
            r.test = null;
            r.testing.set(false);
            String result = error == null ? words : failed(r, error);
            r.result.set(result);
            audit.record(what, result);
            if (r.driver != null) {
                r.show(r.driver.state(), null);
            }
        }));
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String failed(Row r, Throwable error) {
        Throwable cause = cause(error);
        if (cause instanceof CancellationException) {
            return "测试已停止";
        }
        if (cause instanceof DeviceException d && d.kind() == DeviceException.Kind.NO_MEDIA
                || cause instanceof java.util.concurrent.TimeoutException) {
            return switch (r.need) {
                case IDCARD_READER -> "没有读到卡：请把身份证平放在读卡区再试";
                case QR_SCANNER -> "没有扫到码：请把二维码对准扫码口再试";
                case SSCARD_READER -> "没有读到社保卡：请把卡芯片朝里插到底再试";
                default -> "没有纸：请装好纸再试";
            };
        }
        String words = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "测试没有成功：" + words;
    }

    /**
     * The scan test: the first code the scanner reads, as the driver's event (a presentation-mode scanner, also while
     * the home screen's wait is pending) or as this wait's answer. Only its length leaves this method.
     */
    private CompletableFuture<String> scan(QrScanner scanner) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Function<Scan, String> words = s -> "扫码成功：读到 " + s.text().length() + " 个字符（内容不显示）";
        DeviceListener l = e -> {
            if (e instanceof QrScanner.Scanned s) {
                f.complete(words.apply(s.scan()));
            }
        };
        scanner.addListener(l);
        CompletableFuture<Scan> wait = scanner.scan(TEST_WAIT);
        wait.whenComplete((s, error) -> {
            if (s != null) {
                f.complete(words.apply(s));
            } else if (!(cause(error) instanceof DeviceException d && d.kind() == DeviceException.Kind.CLOSED)) {
                f.completeExceptionally(error);
            } // CLOSED: the home screen's own wait took the scanner back; the code still comes as the event
        });
        f.orTimeout(TEST_WAIT.toSeconds() + 2, java.util.concurrent.TimeUnit.SECONDS);
        f.whenComplete((s, error) -> {
            scanner.removeListener(l);
            wait.cancel(true);
        });
        return f;
    }

    private Receipt testReceipt() {
        String at = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        return Receipt.on(paper)
                .title("打印测试")
                .centred("粤智助自助终端 · 管理界面")
                .separator()
                .field("打印时间", at)
                .field("纸宽", paper == Paper.MM80 ? "80 毫米" : "58 毫米")
                .separator()
                .text("中文、English 和数字 0123456789 应当清楚、不缺笔画；上下两条虚线应与纸同宽。")
                .qr("YZZ-KIOSK CONSOLE-TEST " + at)
                .centred("打印正常")
                .build();
    }

    private A4Document testPage() {
        String at = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        List<List<String>> rows = List.of(
                List.of("1", "常用汉字", "社会保险 医疗保险 户籍 民政 税务 不动产"),
                List.of("2", "数字金额", "1,234,567.89 元"),
                List.of("3", "长文本", "广东省清远市连南瑶族自治县三江镇金坑村民委员会便民服务站"));
        return new A4Document("A4 打印测试页", List.of(new A4Document.Field("打印时间", at), new A4Document.Field("来自", "管理界面")),
                List.of(new A4Document.Column("序号", 34, A4Document.Align.CENTER), new A4Document.Column("检查项", 70, A4Document.Align.CENTER),
                        new A4Document.Column("样例", 300, A4Document.Align.LEFT)),
                rows, "YZZ-KIOSK A4-TEST " + at, "扫码检查二维码", "本页由管理界面打印，用于检查 A4 打印机。");
    }

    static String yuan(long fen) {
        return fen % 100 == 0 ? String.valueOf(fen / 100) : String.format("%d.%02d", fen / 100, fen % 100);
    }
}
