package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code kioskctl acceptance}: the installer's sign-off. Every item is run in turn (the kiosk's own state first, then
 * each configured device, exercised with a person at the terminal), none stops the others, and each ends PASS, FAIL
 * or SKIP (only with the installer's reason; a skipped item is not a pass).
 */
public final class Acceptance {

    /** The clock may be this far from the county's before receipts and tokens go wrong. */
    static final Duration MAX_SKEW = Duration.ofSeconds(60);
    /** Free space the data folder needs: months of offline queue, logs and receipts' records. */
    static final long MIN_FREE_BYTES = 1L << 30;
    /** For the SAM module's number, read after the card: the reader is already known to answer. */
    static final long SAM_ID_MILLIS = 5_000;
    /** The summary receipt: a short job, at 9600 baud well within this. */
    static final long SUMMARY_MILLIS = 30_000;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What is checked, in the order it is run; the id is what {@code --skip} takes. */
    public enum Item {
        ENROLLMENT("enrollment", "终端注册", null),
        BACKEND("backend", "连接县级后台", null),
        CLOCK("clock", "系统时钟", null),
        DISK("disk", "数据目录磁盘空间", null),
        SERVICE("service", "终端服务（开机自启）", null),
        ID_CARD("id-card", "身份证读卡", DeviceKind.IDCARD_READER),
        QR_SCAN("qr-scan", "扫码", DeviceKind.QR_SCANNER),
        RECEIPT("receipt", "凭条打印", DeviceKind.RECEIPT_PRINTER),
        A4("a4", "A4 打印", DeviceKind.A4_PRINTER),
        SS_CARD("ss-card", "社保卡读卡", DeviceKind.SSCARD_READER),
        BILL("bill", "纸币识别（退还）", DeviceKind.CASH_ACCEPTOR);

        private final String id;
        private final String title;
        private final DeviceKind kind;

        Item(String id, String title, DeviceKind kind) {
            this.id = id;
            this.title = title;
            this.kind = kind;
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }

        /** The device kind the item exercises; empty for the kiosk's own checks. */
        public Optional<DeviceKind> kind() {
            return Optional.ofNullable(kind);
        }

        public static Optional<Item> byId(String id) {
            return Arrays.stream(values()).filter(i -> i.id.equals(id.strip().toLowerCase(Locale.ROOT))).findFirst();
        }

        public static String allIds() {
            return Arrays.stream(values()).map(Item::id).collect(Collectors.joining("、"));
        }
    }

    public enum Outcome { PASS, FAIL, SKIP }

    /**
     * One item's end.
     *
     * @param detail   plain words: what was seen (personal data masked), why it failed, or the reason it was skipped
     * @param exitCode one of {@link ExitCodes}: {@code OK} for a pass or a skip
     * @param device   the configured device the item exercised
     * @param identity what the device said about itself (serial number, firmware, module number), empty if nothing
     * @param took     from the item's start to its result, waiting for the person included
     */
    public record Result(Item item, Outcome outcome, String detail, int exitCode, Optional<DeviceSpec> device,
                         String identity, Duration took) {

        public Result(Item item, Outcome outcome, String detail, int exitCode, Optional<DeviceSpec> device, String identity) {
            this(item, outcome, detail, exitCode, device, identity, Duration.ZERO);
        }

        public boolean passed() {
            return outcome == Outcome.PASS;
        }

        Result took(Duration d) {
            return new Result(item, outcome, detail, exitCode, device, identity, d);
        }

        /** e.g. {@code 1.4 秒}. */
        public String tookText() {
            return String.format("%.1f 秒", took.toMillis() / 1000.0);
        }
    }

    /**
     * What the run is told.
     *
     * @param root    where the service unit is looked for ({@code /} on the kiosk; a folder for an image being built)
     * @param timeout how long each step waits for the person (a card, a code, a note) or for a printer
     * @param skips   items the installer skipped, each with its reason
     * @param prompt  where the instructions for the person go (the terminal); each call is one line
     * @param done    hears each item's result as soon as it is known
     */
    public record Settings(DeviceProfile profile, Path dataDir, Path root, Duration timeout, Map<Item, String> skips,
                           Clock clock, Consumer<String> prompt, Consumer<Result> done) {
        public Settings {
            skips = Map.copyOf(skips);
        }
    }

    /** A finished run: what the report and the summary receipt are made of. */
    public record Run(DeviceProfile profile, Optional<EnrollmentFile> enrollment, List<Result> results, Instant started,
                      Instant ended, ZoneId zone) {
        public Run {
            results = List.copyOf(results);
        }

        public boolean accepted() {
            return results.stream().allMatch(Result::passed);
        }

        public List<Result> failed() {
            return results.stream().filter(r -> r.outcome() == Outcome.FAIL).toList();
        }

        public List<Result> skipped() {
            return results.stream().filter(r -> r.outcome() == Outcome.SKIP).toList();
        }

        public String kioskId() {
            return enrollment.map(EnrollmentFile::kioskId).orElse(CashSteps.UNENROLLED);
        }

        public String villageCode() {
            return enrollment.map(EnrollmentFile::villageCode).orElse("（未注册）");
        }

        /** The first failure's own exit code; only skips: {@link ExitCodes#NOT_ALL_CHECKED}; all passed: 0. */
        public int exitCode() {
            return failed().stream().findFirst().map(Result::exitCode)
                    .orElse(skipped().isEmpty() ? ExitCodes.OK : ExitCodes.NOT_ALL_CHECKED);
        }
    }

    private Acceptance() {}

    /** The items this configuration has, in the order they run: the kiosk's own, then each device as configured. */
    public static List<Item> items(DeviceProfile profile) {
        List<Item> items = new ArrayList<>(List.of(Item.ENROLLMENT, Item.BACKEND, Item.CLOCK, Item.DISK, Item.SERVICE));
        for (DeviceSpec d : profile.devices()) {
            Arrays.stream(Item.values()).filter(i -> i.kind == d.kind() && !items.contains(i)).forEach(items::add);
        }
        return List.copyOf(items);
    }

    public static Run run(Settings s) {
        Instant started = s.clock().instant();
        Optional<EnrollmentFile> enrollment;
        try {
            enrollment = EnrollmentFile.load(s.dataDir());
        } catch (IOException | RuntimeException e) {
            enrollment = Optional.empty();
        }
        Checks checks = new Checks(s, enrollment);
        List<Result> results = new ArrayList<>();
        for (Item item : items(s.profile())) {
            Optional<DeviceSpec> device = item.kind().flatMap(k -> s.profile().device(k));
            String reason = s.skips().get(item);
            if (reason != null) {
                Result r = new Result(item, Outcome.SKIP, "安装人员跳过：" + reason, ExitCodes.OK, device, "");
                results.add(r);
                s.done().accept(r);
                continue;
            }
            Result r;
            long start = System.nanoTime();
            try {
                r = checks.run(item, device.orElse(null));
            } catch (InstallerException e) {
                r = new Result(item, Outcome.FAIL, e.getMessage(), e.exitCode(), device, "");
            } catch (RuntimeException e) {
                r = new Result(item, Outcome.FAIL, "内部错误：" + e, ExitCodes.FAILURE, device, "");
            }
            r = r.took(Duration.ofNanos(System.nanoTime() - start));
            results.add(r);
            s.done().accept(r);
        }
        return new Run(s.profile(), enrollment, results, started, s.clock().instant(), s.clock().getZone());
    }

    /** The summary receipt, through the kiosk's own receipt driver. */
    public static void printSummary(Run run, DeviceSpec printer, String installer, String report) throws InstallerException {
        Receipt.Builder b = Receipt.on(paper(printer)).title("验收结果").centred("粤智助自助终端")
                .separator()
                .field("终端编号", run.kioskId())
                .field("村（居）代码", run.villageCode())
                .field("型号", run.profile().model())
                .field("验收时间", TIME.format(run.ended().atZone(run.zone())))
                .field("安装人员", installer)
                .separator();
        for (Result r : run.results()) {
            b.field(r.item().title(), r.outcome().name());
        }
        b.separator();
        if (run.accepted()) {
            b.centred("全部通过");
        } else {
            b.text("未通过：" + titles(run.failed()));
            if (!run.skipped().isEmpty()) {
                b.text("已跳过（不算通过）：" + titles(run.skipped()));
            }
        }
        if (!report.isEmpty()) {
            b.text("验收报告：" + report);
        }
        b.feed(1).text("安装人员签字：").feed(2).text("村委会签字：").feed(2).text("日期：").feed(2);
        try (ReceiptPrinter p = DeviceFactory.create(printer, ReceiptPrinter.class)) {
            p.open();
            DeviceCalls.await(p.print(b.build()), SUMMARY_MILLIS, "打印机");
        } catch (DeviceException e) {
            throw new InstallerException(ExitCodes.of(e.kind()), "验收凭条没有打印出来：" + e.getMessage(), e);
        }
    }

    static String titles(List<Result> results) {
        return results.stream().map(r -> r.item().title() + "（" + r.item().id() + "）").collect(Collectors.joining("、"));
    }

    private static Paper paper(DeviceSpec printer) {
        return "58mm".equals(printer.options().get("paper")) ? Paper.MM58 : Paper.MM80;
    }

    /** The checks themselves; each returns its result or throws with the words for the installer. */
    private static final class Checks {

        private final Settings s;
        private final Optional<EnrollmentFile> enrollment;
        private Backend.Status status;

        Checks(Settings s, Optional<EnrollmentFile> enrollment) {
            this.s = s;
            this.enrollment = enrollment;
        }

        Result run(Item item, DeviceSpec device) throws InstallerException {
            return switch (item) {
                case ENROLLMENT -> enrollment();
                case BACKEND -> backend();
                case CLOCK -> clock();
                case DISK -> disk();
                case SERVICE -> service();
                case ID_CARD -> idCard(device);
                case QR_SCAN -> scan(device);
                case RECEIPT -> receipt(device);
                case A4 -> a4(device);
                case SS_CARD -> ssCard(device);
                case BILL -> bill(device);
            };
        }

        private Result pass(Item item, String detail) {
            return pass(item, detail, null, "");
        }

        private Result pass(Item item, String detail, DeviceSpec device, String identity) {
            return new Result(item, Outcome.PASS, detail, ExitCodes.OK, Optional.ofNullable(device), identity);
        }

        private Result fail(Item item, String detail) {
            return new Result(item, Outcome.FAIL, detail, ExitCodes.FAILURE, Optional.empty(), "");
        }

        private Result enrollment() {
            return enrollment.map(e -> pass(Item.ENROLLMENT, "终端编号 " + e.kioskId() + "，村（居）代码 " + e.villageCode()
                            + "，型号 " + e.model()))
                    .orElseGet(() -> fail(Item.ENROLLMENT, "数据目录 " + s.dataDir() + " 里没有注册信息：请先运行 kioskctl enroll "
                            + "--backend 后台地址 --code 一次性注册码 --data-dir " + s.dataDir()));
        }

        /** Asked once for the backend and the clock items. */
        private Backend.Status status() throws InstallerException {
            if (status == null) {
                status = Backend.status(s.dataDir(), null, s.clock());
            }
            return status;
        }

        private Result backend() throws InstallerException {
            if (enrollment.isEmpty()) {
                return fail(Item.BACKEND, "终端还没有注册，无法联系后台（见「终端注册」）");
            }
            long start = System.nanoTime();
            Backend.Status st = status();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String url = enrollment.get().backendUrl();
            return st.reachable() ? pass(Item.BACKEND, "后台 " + url + " 可达（" + millis + " 毫秒）")
                    : fail(Item.BACKEND, "后台 " + url + " 不可达：" + st.reachError());
        }

        private Result clock() throws InstallerException {
            String ntp = ntpState();
            if (enrollment.isEmpty() || !status().reachable() || status().clockSkew().isEmpty()) {
                return fail(Item.CLOCK, "无法与后台对时（后台不可达或终端未注册）；" + ntp);
            }
            Duration skew = status().clockSkew().get();
            String detail = "与后台时间相差 " + Math.abs(skew.toSeconds()) + " 秒；" + ntp;
            if (skew.abs().compareTo(MAX_SKEW) > 0) {
                return fail(Item.CLOCK, detail + "。超过 " + MAX_SKEW.toSeconds()
                        + " 秒：凭条时间和登录令牌会出错，请开启网络对时（timedatectl set-ntp true）或手动校正时钟");
            }
            return pass(Item.CLOCK, detail);
        }

        /** What systemd says about network time, where systemd runs. */
        private static String ntpState() {
            if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
                return "网络对时（NTP）状态读不到（本机没有运行 systemd）";
            }
            Proc p = Proc.run(List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value"));
            return switch (p.output()) {
                case "yes" -> "网络对时（NTP）已同步";
                case "no" -> "网络对时（NTP）未同步";
                default -> "网络对时（NTP）状态读不到";
            };
        }

        private Result disk() throws InstallerException {
            Path dir = s.dataDir();
            if (!Files.isDirectory(dir)) {
                throw new InstallerException(ExitCodes.FAILURE, "数据目录 " + dir + " 不存在：请运行 kioskctl install，或用 --data-dir 指定");
            }
            long free;
            try {
                free = Files.getFileStore(dir).getUsableSpace();
            } catch (IOException e) {
                throw new InstallerException(ExitCodes.FAILURE, "读不出数据目录 " + dir + " 的剩余空间：" + e.getMessage(), e);
            }
            String detail = String.format("数据目录 %s 可用 %.1f GB", dir, free / 1e9);
            return free >= MIN_FREE_BYTES ? pass(Item.DISK, detail)
                    : fail(Item.DISK, detail + "，少于 " + (MIN_FREE_BYTES >> 30) + " GB：请清理磁盘或换更大的硬盘");
        }

        private Result service() {
            String unit = KioskLayout.UNIT;
            boolean here = s.root().toAbsolutePath().normalize().equals(Path.of("/"));
            List<String> enabledCmd = new ArrayList<>(List.of("systemctl"));
            if (!here) {
                enabledCmd.add("--root=" + s.root().toAbsolutePath());
            }
            enabledCmd.addAll(List.of("is-enabled", unit));
            Proc enabled = Proc.run(enabledCmd);
            if (enabled.missing()) {
                return fail(Item.SERVICE, "找不到 systemctl：这台机器没有 systemd，终端无法开机自启");
            }
            if (enabled.output().isEmpty() || enabled.output().contains("No such file")) {
                return fail(Item.SERVICE, "终端服务 " + unit + " 没有安装：请运行 kioskctl install --config 配置文件");
            }
            if (!enabled.output().equals("enabled")) {
                return fail(Item.SERVICE, "终端服务 " + unit + " 没有设为开机自启（" + enabled.output()
                        + "）：请重新运行 kioskctl install --config 配置文件");
            }
            if (!here || !Files.isDirectory(Path.of("/run/systemd/system"))) {
                return pass(Item.SERVICE, unit + " 已安装并设为开机自启；" + (here ? "本机没有运行 systemd" : "检查的是 " + s.root())
                        + "，无法查看它是否在运行");
            }
            Proc active = Proc.run(List.of("systemctl", "is-active", unit));
            return active.output().equals("active") ? pass(Item.SERVICE, unit + " 已设为开机自启，正在运行")
                    : fail(Item.SERVICE, unit + " 已设为开机自启，但没有在运行（" + active.output() + "）：用 systemctl status "
                            + unit + " 和 journalctl -u " + unit + " 查看原因");
        }

        private String seconds() {
            return String.valueOf(s.timeout().toSeconds());
        }

        private Result idCard(DeviceSpec d) throws InstallerException {
            s.prompt().accept("请放置身份证：平放在读卡器感应区上（" + seconds() + " 秒内）…");
            IdCardRead read = new IdCardReadStep(s.clock()).read(d, s.timeout());
            IdCard c = read.card();
            StringBuilder detail = new StringBuilder("读到").append(c.cardType().displayName()).append("：")
                    .append(Mask.name(c.name())).append("，").append(Mask.number(c.idNumber()))
                    .append("（").append(read.readMillis()).append(" 毫秒，").append(read.baud()).append(" 波特）");
            for (CardCheck k : read.checks()) {
                detail.append("；证件问题：").append(k.text());
            }
            s.prompt().accept("请取走身份证");
            return pass(Item.ID_CARD, detail.toString(), d, samId(d));
        }

        /** The reader's security module number, its serial number for the report; empty if it will not say. */
        private static String samId(DeviceSpec d) {
            try (IdCardReader reader = DeviceFactory.create(d, IdCardReader.class)) {
                reader.open();
                return "SAM " + DeviceCalls.await(reader.samId(), SAM_ID_MILLIS, "读卡器");
            } catch (DeviceException | RuntimeException e) {
                return "";
            }
        }

        private Result scan(DeviceSpec d) throws InstallerException {
            s.prompt().accept("请出示二维码：把手机上的二维码（或任意二维码、条码）对准扫码窗口（" + seconds() + " 秒内）…");
            ScanStep.Result r = new ScanStep().scan(d, s.timeout());
            return pass(Item.QR_SCAN, "扫到：" + r.scan().masked() + "（" + r.scanMillis() + " 毫秒）", d, "");
        }

        private Result receipt(DeviceSpec d) throws InstallerException {
            s.prompt().accept("正在打印测试凭条，请查看出纸口：中文清楚、二维码能扫出…");
            ReceiptPrinterStep.PrintTest t = new ReceiptPrinterStep(s.clock()).printTest(d.port(), d.intOption("baud"), paper(d));
            String detail = "测试凭条已打印（" + t.job().bytes() + " 字节，" + t.job().millis() + " 毫秒）";
            if (!t.job().after().ready()) {
                return new Result(Item.RECEIPT, Outcome.FAIL, detail + "，但打印后打印机报告不能再打印："
                        + t.job().after(), ReceiptPrinterStep.exitCode(t.job().after()), Optional.of(d), "");
            }
            return pass(Item.RECEIPT, detail + (t.job().after().paperNearEnd() ? "；纸快用完了，请备好新纸卷" : ""), d, "");
        }

        private Result a4(DeviceSpec d) throws InstallerException {
            s.prompt().accept("正在打印 A4 测试页（2 页），请到 A4 打印机取纸…");
            A4Printer.PrintResult r = new A4TestPrint(s.clock()).print(d.target().orElse(null), s.timeout());
            return pass(Item.A4, "A4 测试页已打印：打印机 " + r.printer() + "，任务 " + r.jobId() + "，共 " + r.pages() + " 页（"
                    + r.millis() + " 毫秒）", d, "打印队列 " + r.printer());
        }

        private Result ssCard(DeviceSpec d) throws InstallerException {
            s.prompt().accept("请插入社保卡：芯片朝上插入读卡器（" + seconds() + " 秒内）…");
            SsCardRead read = new SsCardReadStep(s.clock()).read(d, s.timeout());
            s.prompt().accept("请取出社保卡");
            return pass(Item.SS_CARD, "读到社保卡：" + Mask.name(read.card().name()) + "，" + Mask.number(read.card().idNumber())
                    + (read.expired() ? "（卡已过期）" : "") + "（" + read.readMillis() + " 毫秒）", d, "读卡器 " + read.reader());
        }

        private Result bill(DeviceSpec d) throws InstallerException {
            s.prompt().accept("请放入一张纸币（将退还）（" + seconds() + " 秒内）…");
            CashSteps.BillTest t = CashSteps.billTest(d.port(), s.timeout(), 1);
            String identity = "序列号 " + t.unit().serial() + "，固件 " + t.unit().firmware();
            if (t.notes().isEmpty()) {
                String why = t.rejected() > 0 ? "识别器认不出放入的纸币，已退回：请换一张平整的人民币再试"
                        : seconds() + " 秒内没有放入纸币：请在提示后放入一张纸币";
                return new Result(Item.BILL, Outcome.FAIL, why, t.rejected() > 0 ? ExitCodes.MEDIA_OR_PROTOCOL : ExitCodes.NO_MEDIA,
                        Optional.of(d), identity);
            }
            s.prompt().accept("请取回退出的纸币");
            return pass(Item.BILL, "认出 " + CashSteps.yuan(t.notes().get(0).valueFen()) + "（通道 " + t.notes().get(0).channel()
                    + "），已退还，一张也没有收", d, identity);
        }
    }

    /** A short system command: its trimmed output (stdout and stderr), or {@code missing} when it is not installed. */
    private record Proc(String output, boolean missing) {
        static Proc run(List<String> command) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getOutputStream().close();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Proc("", false);
                }
                return new Proc(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(), false);
            } catch (IOException e) {
                return new Proc("", true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Proc("", false);
            }
        }
    }
}
