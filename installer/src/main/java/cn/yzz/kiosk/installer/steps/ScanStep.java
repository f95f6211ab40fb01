package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.qr.Scan;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.SerialQrScanner;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Takes one code from a serial scanner: open, wait for a scan, always close. */
public final class ScanStep {

    /** Added to the scan timeout before giving up on the driver: opening, setting the mode and resends fit well inside. */
    static final Duration DRIVER_GRACE = Duration.ofSeconds(15);

    /**
     * One code read.
     *
     * @param scan       unmasked: render it only through {@link ScanReport}
     * @param scanMillis from opening the port to having the code, including waiting for it to be shown
     */
    public record Result(String port, ScannerFamily family, int baud, Scan scan, long scanMillis) {}

    public Result scan(String port, SerialQrScanner.Options options, int baud, Duration timeout) throws InstallerException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("baud", baud);
        o.put("reading", options.mode() == SerialQrScanner.Mode.PRESENTATION ? "presentation" : "trigger");
        if (options.family() != ScannerFamily.SSI) { // SSI frames its own packets and has no suffix
            o.put("suffix", options.suffix().name().toLowerCase(Locale.ROOT));
        }
        return scan(DeviceFactory.spec(DeviceKind.QR_SCANNER, options.family().id(), port, o), timeout);
    }

    /** Takes one code from the scanner a configuration entry names. */
    public Result scan(DeviceSpec spec, Duration timeout) throws InstallerException {
        String port = spec.port();
        requireExistingPath(port);
        int baud = spec.intOption("baud");
        ScannerFamily family = ScannerFamily.of(spec.driver());
        QrScanner scanner = DeviceFactory.create(spec, QrScanner.class);
        // In presentation mode a code shown while the port opens arrives as an event before scan() is asked.
        CompletableFuture<Scan> early = new CompletableFuture<>();
        scanner.addListener(e -> {
            if (e instanceof QrScanner.Scanned s) {
                early.complete(s.scan());
            }
        });
        try {
            long start = System.nanoTime();
            scanner.open();
            CompletableFuture<Scan> first = early.applyToEither(scanner.scan(timeout), s -> s);
            Scan scan = DeviceCalls.await(first, timeout.plus(DRIVER_GRACE).toMillis(), "扫码器");
            return new Result(port, family, baud, scan, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (DeviceException e) {
            throw failure(port, timeout, e);
        } finally {
            scanner.close();
        }
    }

    private static void requireExistingPath(String port) throws InstallerException {
        if (!port.contains("/")) {
            return; // a bare name such as ttyACM0: jSerialComm looks it up under /dev itself
        }
        boolean exists;
        try {
            exists = Files.exists(Path.of(port));
        } catch (InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            throw new InstallerException(ExitCodes.NOT_ANSWERING, "找不到端口 " + port
                    + "：请确认扫码器已插好并设为 USB 虚拟串口（CDC）模式、路径没有写错（已接入的串口见 ls -l /dev/serial/by-id/ /dev/ttyACM* /dev/ttyUSB*）");
        }
    }

    private static InstallerException failure(String port, Duration timeout, DeviceException e) {
        String why = e.getMessage();
        String message = switch (e.kind()) {
            case NO_MEDIA -> seconds(timeout) + " 秒内没有扫到码：请把二维码或条码对准扫码窗口再试（--timeout 可延长等待）";
            case NOT_ANSWERING -> "端口 " + port + "：" + why;
            case MEDIA_ERROR, PROTOCOL -> "与扫码器通信出错：" + why;
            case DEVICE_FAULT -> why;
            case CLOSED -> "扫码没有完成：" + why;
        };
        return new InstallerException(ExitCodes.of(e.kind()), message, e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }
}
