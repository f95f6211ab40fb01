package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.sscard.PcscSsCardReader;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads one social security card through PC/SC: open, read, always close. */
public final class SsCardReadStep {

    /** Added to the card timeout before giving up on the driver. */
    static final Duration DRIVER_GRACE = Duration.ofSeconds(15);

    private final Clock clock;

    public SsCardReadStep(Clock clock) {
        this.clock = clock;
    }

    /** @param readerName the PC/SC reader, or {@code null} for the first one */
    public SsCardRead read(String readerName, Duration timeout) throws InstallerException {
        return read(DeviceFactory.spec(DeviceKind.SSCARD_READER, "pcsc", readerName, Map.of()), timeout);
    }

    /** Reads one card in the reader a configuration entry names. */
    public SsCardRead read(DeviceSpec spec, Duration timeout) throws InstallerException {
        try (PcscSsCardReader reader = DeviceFactory.create(spec, PcscSsCardReader.class)) {
            reader.open();
            long start = System.nanoTime();
            SsCard card = DeviceCalls.await(reader.read(timeout), timeout.plus(DRIVER_GRACE).toMillis(), "社保卡读卡器");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new SsCardRead(reader.readerInUse(), card, card.expiredOn(LocalDate.now(clock)), millis);
        } catch (DeviceException e) {
            throw failure(timeout, e);
        }
    }

    private static InstallerException failure(Duration timeout, DeviceException e) {
        String why = e.getMessage();
        String message = switch (e.kind()) {
            case NO_MEDIA -> seconds(timeout) + " 秒内读卡器里没有社保卡：请把社保卡芯片朝上插入读卡器再试（--timeout 可延长等待）";
            case NOT_ANSWERING, DEVICE_FAULT -> why;
            case MEDIA_ERROR -> "读卡失败：" + why;
            case PROTOCOL -> "与社保卡通信出错：" + why;
            case CLOSED -> "读卡没有完成：" + why;
        };
        return new InstallerException(ExitCodes.of(e.kind()), message, e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }
}
