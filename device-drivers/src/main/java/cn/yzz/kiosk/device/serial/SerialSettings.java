package cn.yzz.kiosk.device.serial;

import java.util.Objects;

/** Where a serial device is and how fast it talks. Always 8 data bits, no parity, 1 stop bit. */
public record SerialSettings(String port, int baudRate) {

    public SerialSettings {
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
