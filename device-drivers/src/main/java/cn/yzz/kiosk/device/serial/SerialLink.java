package cn.yzz.kiosk.device.serial;

import java.io.IOException;

/**
 * A byte pipe to one device: a serial port, or one end of an in-memory pair.
 *
 * <p>Not thread-safe: one device thread owns a link. Every read has a timeout. A link that has
 * gone away (cable pulled, pty closed) throws {@link LinkLostException} from then on; the driver
 * closes it and opens a new one.
 */
public interface SerialLink extends AutoCloseable {

    /** The port as configured, e.g. {@code /dev/ttyUSB0}. */
    String port();

    /** Writes all bytes or throws. */
    void write(byte[] data, int offset, int length) throws IOException;

    default void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /**
     * Reads what has arrived, waiting at most {@code timeoutMillis} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing arrived in time
     */
    int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException;

    /** How many bytes have arrived and not been read yet, without waiting. */
    int available() throws IOException;

    /** Throws away whatever has arrived and not been read yet. */
    void discardInput() throws IOException;

    int baudRate();

    /** Changes the line speed; a no-op on links that have none (USB-CDC, pty) beyond remembering it. */
    void setBaudRate(int baud) throws IOException;

    @Override
    void close();
}
