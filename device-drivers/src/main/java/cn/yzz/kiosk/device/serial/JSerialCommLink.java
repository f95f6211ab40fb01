package cn.yzz.kiosk.device.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * The one class that imports jSerialComm. Reads are semi-blocking with a short native timeout,
 * repeated until the caller's deadline, so that a pulled cable is noticed within
 * {@value #POLL_MILLIS} ms even during a long wait.
 */
final class JSerialCommLink implements SerialLink {

    private static final int POLL_MILLIS = 100;

    private final SerialPort port;
    private final String name;
    private volatile boolean open;

    private JSerialCommLink(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    static JSerialCommLink open(SerialSettings settings) throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(settings.port());
        } catch (RuntimeException e) { // jSerialComm throws SerialPortInvalidPortException for unknown paths
            throw new IOException("no serial port " + settings.port() + ": " + e.getMessage(), e);
        }
        p.setComPortParameters(settings.baudRate(), 8,
                settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, POLL_MILLIS, 1000);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + settings.port() + " (error " + p.getLastErrorCode()
                    + "): it does not exist, is in use, or the kiosk user lacks permission (dialout group)");
        }
        JSerialCommLink link = new JSerialCommLink(p, settings.port());
        link.open = true;
        return link;
    }

    @Override
    public String port() {
        return name;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ensureOpen();
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(data, length - done, offset + done);
            if (n < 0) {
                lost("write failed");
            }
            if (n == 0) {
                throw new IOException(name + ": write timed out (device not taking data)");
            }
            done += n;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
        ensureOpen();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            int n = port.readBytes(buffer, length, offset);
            if (n < 0) {
                lost("read failed");
            }
            if (n > 0) {
                return n;
            }
            if (System.nanoTime() - deadline >= 0) {
                return 0;
            }
        }
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        int n = port.bytesAvailable();
        if (n < 0) {
            lost("read failed");
        }
        return Math.max(0, n);
    }

    @Override
    public void discardInput() throws IOException {
        ensureOpen();
        // Bounded: a faulty device that never stops sending must not hold the device thread here.
        byte[] sink = new byte[512];
        for (int i = 0; i < 64; i++) {
            int available = port.bytesAvailable();
            if (available < 0) {
                lost("read failed");
            }
            if (available == 0) {
                return;
            }
            if (port.readBytes(sink, Math.min(sink.length, available)) < 0) {
                lost("read failed");
            }
        }
    }

    @Override
    public int baudRate() {
        return port.getBaudRate();
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        ensureOpen();
        if (!port.setBaudRate(baud)) {
            throw new IOException(name + ": the port refused baud rate " + baud);
        }
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            port.closePort();
        }
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new LinkLostException(name + ": link is closed");
        }
    }

    private void lost(String what) throws LinkLostException {
        // errno and the native source line, read before close() so they are the failing call's
        String errno = " (errno " + port.getLastErrorCode() + " at line " + port.getLastErrorLocation() + ")";
        close();
        throw new LinkLostException(name + ": " + what + errno + ", the device is gone (cable pulled or port closed)");
    }
}
