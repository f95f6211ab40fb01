package cn.yzz.kiosk.installer;

import cn.yzz.kiosk.device.DeviceException;

/**
 * kioskctl's exit codes. Installers and county IT script against these numbers, so a code never
 * changes meaning; new situations get new numbers.
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Anything not covered below: socat missing, an internal error. */
    public static final int FAILURE = 1;
    /** Wrong options or arguments; the usage is printed. */
    public static final int USAGE = 2;
    /** Nothing to work on before the timeout (no card placed). */
    public static final int NO_MEDIA = 3;
    /** The device did not answer: missing port, no permission, cable, power or speed. */
    public static final int NOT_ANSWERING = 4;
    /** The card or the link stayed broken after the driver's retries. */
    public static final int MEDIA_OR_PROTOCOL = 5;
    /** The device reports a hardware or security-module fault and needs repair. */
    public static final int DEVICE_FAULT = 6;
    /** The kiosk configuration is wrong: the message names the key and what is expected there. */
    public static final int BAD_CONFIGURATION = 7;
    /** A catalogue the kiosks can use, but some of its services they will leave out (the output says which and why). */
    public static final int SOME_LEFT_OUT = 8;
    /** The acceptance test found nothing wrong, but the installer skipped items: the kiosk is not fully accepted. */
    public static final int NOT_ALL_CHECKED = 9;

    private ExitCodes() {}

    /** The exit code for a device failure of {@code kind}. */
    public static int of(DeviceException.Kind kind) {
        return switch (kind) {
            case NO_MEDIA -> NO_MEDIA;
            case NOT_ANSWERING -> NOT_ANSWERING;
            case MEDIA_ERROR, PROTOCOL -> MEDIA_OR_PROTOCOL;
            case DEVICE_FAULT -> DEVICE_FAULT;
            case CLOSED -> FAILURE;
        };
    }
}
