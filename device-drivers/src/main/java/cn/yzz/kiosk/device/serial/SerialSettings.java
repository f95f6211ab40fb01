package cn.yzz.kiosk.device.serial;

import java.util.List;
import java.util.Objects;

/**
 * Where a serial device is and how fast it talks. Always 8 data bits and no parity; 1 stop bit unless the
 * protocol says 2 (ITL SSP: 9600 8N2).
 */
public record SerialSettings(String port, int baudRate, int stopBits) {

    /**
     * The speeds kiosk devices are set to, fastest first: the one list the configuration, kioskctl's
     * options, the drivers' speed detection and {@code device detect} use.
     */
    public static final List<Integer> SPEEDS = List.of(115200, 57600, 38400, 19200, 9600);

    public SerialSettings(String port, int baudRate) {
        this(port, baudRate, 1);
    }

    public SerialSettings {
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits must be 1 or 2: " + stopBits);
        }
        Objects.requireNonNull(port, "port");
        if (port.isBlank()) {
            throw new IllegalArgumentException("port must not be blank");
        }
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baudRate);
        }
    }

    /** Wire time of {@code bytes} at this speed on an 8N1 line (10 bits per byte), in nanoseconds. */
    public static long wireNanos(long bytes, int baud) {
        return bytes * 10L * 1_000_000_000L / baud;
    }
}
