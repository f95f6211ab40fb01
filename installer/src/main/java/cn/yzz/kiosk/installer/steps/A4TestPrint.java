package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Document.Align;
import cn.yzz.kiosk.device.a4.A4Document.Column;
import cn.yzz.kiosk.device.a4.A4Document.Field;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints the A4 test page through CUPS and waits until the printer has finished it: open, print, always close. */
public final class A4TestPrint {

    /** The address the test page's QR code holds, with the time of printing appended. */
    public static final String QR_PREFIX = "https://yzz.gd.gov.cn/a4-test?at=";
    /** Rows in the test table: enough to run onto a second page, so the page numbers are tested too. */
    static final int ROWS = 30;
    /** Added to the job timeout before giving up on the driver itself. */
    static final Duration DRIVER_GRACE = Duration.ofSeconds(15);

    private final Clock clock;

    public A4TestPrint(Clock clock) {
        this.clock = clock;
    }

    /** The test page: Chinese text in several forms, a table over two pages, a QR code, page numbers. */
    public static A4Document testPage(String printer, LocalDateTime at) {
        String when = at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String[][] samples = {
            {"常用汉字", "社会保险 医疗保险 户籍 民政 税务 不动产", "字形完整，没有方框或问号"},
            {"粤语用字", "嘅 咗 冇 佢 喺 啲", "字形完整"},
            {"数字金额", "1,234,567.89 元", "数字清楚，千位有逗号"},
            {"长文本", "广东省清远市连南瑶族自治县三江镇金坑村民委员会便民服务站", "在格内自动换行，不被截断"},
        };
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String[] s = samples[i % samples.length];
            rows.add(List.of(String.valueOf(i + 1), s[0], s[1], s[2]));
        }
        return new A4Document("A4 打印测试页",
                List.of(new Field("打印机", printer == null ? "系统默认打印机" : printer), new Field("打印时间", when),
                        new Field("纸张", "ISO A4（210 × 297 毫米），纵向"), new Field("检查", "二维码能扫出、页码正确、表格线完整")),
                List.of(new Column("序号", 34, Align.CENTER), new Column("检查项", 70, Align.CENTER),
                        new Column("样例", 220, Align.LEFT), new Column("应看到", 158, Align.LEFT)),
                rows, QR_PREFIX + at.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm")), "扫码检查二维码",
                "本页由 kioskctl device print-a4-test 打印，用于检查 A4 打印机。");
    }

    /** @param printer the CUPS queue, or null for the system default */
    public A4Printer.PrintResult print(String printer, Duration timeout) throws InstallerException {
        // whole seconds, rounded up: the driver's job timeout is an option of the configuration
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return print(DeviceFactory.spec(DeviceKind.A4_PRINTER, "cups", printer, Map.of("job-timeout", (int) seconds)));
    }

    /** Prints the test page on the printer a configuration entry names, waiting as long as its job timeout allows. */
    public A4Printer.PrintResult print(DeviceSpec spec) throws InstallerException {
        String printer = spec.target().orElse(null);
        Duration timeout = Duration.ofSeconds(spec.intOption("job-timeout"));
        A4Printer a4 = DeviceFactory.create(spec, A4Printer.class);
        try {
            a4.open();
            return DeviceCalls.await(a4.print(testPage(printer, LocalDateTime.now(clock))), timeout.plus(DRIVER_GRACE).toMillis(), "打印机");
        } catch (DeviceException e) {
            throw new InstallerException(ExitCodes.of(e.kind()), "A4 测试页没有打印成功：" + e.getMessage(), e);
        } finally {
            a4.close();
        }
    }
}
