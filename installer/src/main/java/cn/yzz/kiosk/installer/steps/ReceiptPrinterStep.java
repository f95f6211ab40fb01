package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.PrinterStatus;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Talks to an ESC/POS receipt printer on a serial port: open, one request, always close. */
public final class ReceiptPrinterStep {

    /** A job at 9600 baud, the status checks and a reopen after silence all fit well inside this. */
    static final long JOB_TIMEOUT_MILLIS = 30_000;
    /** What the test receipt's QR code starts with; the rest is the time it was printed. */
    public static final String TEST_QR_PREFIX = "YZZ-KIOSK PRINT-TEST ";

    private final Clock clock;

    public ReceiptPrinterStep(Clock clock) {
        this.clock = clock;
    }

    /** A test receipt that was printed. */
    public record PrintTest(String port, int baud, Paper paper, ReceiptPrinter.PrintJob job, String qr) {}

    /** What the printer said about itself. */
    public record StatusRead(String port, int baud, PrinterStatus status) {}

    public PrintTest printTest(String port, int baud, Paper paper) throws InstallerException {
        requireExistingPath(port);
        String printed = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String qr = TEST_QR_PREFIX + printed;
        Receipt receipt = Receipt.on(paper)
                .title("打印测试")
                .centred("粤智助自助终端")
                .separator()
                .field("端口", port)
                .field("波特率", String.valueOf(baud))
                .field("纸宽", paper == Paper.MM80 ? "80 毫米（48 列）" : "58 毫米（32 列）")
                .field("打印时间", printed)
                .amount("金额对齐检查", new java.math.BigDecimal("1234.50"))
                .separator()
                .text("中文、English 和数字 0123456789 应当清楚、不缺笔画；上下两条虚线应与纸同宽。")
                .centred("用手机扫描下面的二维码，应显示打印时间")
                .qr(qr)
                .centred("打印正常")
                .build();
        try (ReceiptPrinter printer = DeviceFactory.create(spec(port, baud, paper), ReceiptPrinter.class)) {
            printer.open();
            ReceiptPrinter.PrintJob job = DeviceCalls.await(printer.print(receipt), JOB_TIMEOUT_MILLIS, "打印机");
            return new PrintTest(port, baud, paper, job, qr);
        } catch (DeviceException e) {
            throw failure(port, e);
        }
    }

    public StatusRead status(String port, int baud) throws InstallerException {
        requireExistingPath(port);
        try (ReceiptPrinter printer = DeviceFactory.create(spec(port, baud, Paper.MM80), ReceiptPrinter.class)) {
            printer.open();
            return new StatusRead(port, baud, DeviceCalls.await(printer.status(), JOB_TIMEOUT_MILLIS, "打印机"));
        } catch (DeviceException e) {
            throw failure(port, e);
        }
    }

    private static DeviceSpec spec(String port, int baud, Paper paper) {
        return DeviceFactory.spec(DeviceKind.RECEIPT_PRINTER, "escpos", port,
                Map.of("baud", baud, "paper", paper == Paper.MM58 ? "58mm" : "80mm"));
    }

    /** The exit code for a printer that answered: 0 when it can print (a nearly used-up roll still prints). */
    public static int exitCode(PrinterStatus s) {
        if (s.ready()) {
            return ExitCodes.OK;
        }
        return s.cutterError() || s.otherError() ? ExitCodes.DEVICE_FAULT : ExitCodes.MEDIA_OR_PROTOCOL;
    }

    private static InstallerException failure(String port, DeviceException e) {
        String message = switch (e.kind()) {
            case NOT_ANSWERING -> "端口 " + port + "：" + e.getMessage();
            case PROTOCOL -> "与打印机通信出错：" + e.getMessage();
            default -> e.getMessage();
        };
        return new InstallerException(ExitCodes.of(e.kind()), message, e);
    }

    private static void requireExistingPath(String port) throws InstallerException {
        if (!port.contains("/")) {
            return; // a bare name such as ttyS0: jSerialComm looks it up under /dev itself
        }
        boolean exists;
        try {
            exists = Files.exists(Path.of(port));
        } catch (InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            throw new InstallerException(ExitCodes.NOT_ANSWERING, "找不到端口 " + port
                    + "：请确认打印机已插好、路径没有写错（已接入的串口见 ls -l /dev/serial/by-id/ /dev/ttyUSB* /dev/ttyS*）");
        }
    }
}
