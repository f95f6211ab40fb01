package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.samv.SamvIdCardReader;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads one card from a SAM_V reader on a serial port: open, read, always close. */
public final class IdCardReadStep {

    /**
     * Added to the card timeout before giving up on the driver: speed detection, the driver's
     * retries and a slow reply at 9600 baud all fit well inside it.
     */
    static final Duration DRIVER_GRACE = Duration.ofSeconds(30);

    private final Clock clock;

    public IdCardReadStep(Clock clock) {
        this.clock = clock;
    }

    public IdCardRead read(String port, int baud, Duration timeout) throws InstallerException {
        return read(DeviceFactory.spec(DeviceKind.IDCARD_READER, "samv", port, Map.of("baud", baud)), timeout);
    }

    /** Reads one card from the reader a configuration entry names. */
    public IdCardRead read(DeviceSpec spec, Duration timeout) throws InstallerException {
        String port = spec.port();
        requireExistingPath(port);
        SamvIdCardReader reader = DeviceFactory.create(spec, SamvIdCardReader.class);
        try {
            reader.open();
            long start = System.nanoTime();
            IdCard card = DeviceCalls.await(reader.read(timeout), timeout.plus(DRIVER_GRACE).toMillis(), "读卡器");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new IdCardRead(port, reader.baudRate(), card, card.checks(LocalDate.now(clock)), millis);
        } catch (DeviceException e) {
            throw failure(port, timeout, e);
        } finally {
            reader.close();
        }
    }

    /** A path that is not there gets a clear answer instead of the driver's generic "cannot open". */
    private static void requireExistingPath(String port) throws InstallerException {
        if (!port.contains("/")) {
            return; // a bare name such as ttyUSB0: jSerialComm looks it up under /dev itself
        }
        boolean exists;
        try {
            exists = Files.exists(Path.of(port));
        } catch (InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            throw new InstallerException(ExitCodes.NOT_ANSWERING, "找不到端口 " + port
                    + "：请确认读卡器已插好、路径没有写错（已接入的串口见 ls -l /dev/serial/by-id/ /dev/ttyUSB* /dev/ttyS*）");
        }
    }

    private static InstallerException failure(String port, Duration timeout, DeviceException e) {
        String why = e.getMessage();
        String message = switch (e.kind()) {
            case NO_MEDIA -> seconds(timeout) + " 秒内读卡器上没有身份证：请把身份证平放在读卡器感应区上再试（--timeout 可延长等待）";
            case NOT_ANSWERING -> "端口 " + port + "：" + why;
            case MEDIA_ERROR -> "读卡失败：" + why;
            case PROTOCOL -> "与读卡器通信出错：" + why + "。请检查数据线和干扰源，确认 --baud 与读卡器设置一致";
            case DEVICE_FAULT -> why;
            case CLOSED -> "读卡没有完成：" + why;
        };
        return new InstallerException(ExitCodes.of(e.kind()), message, e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }
}
