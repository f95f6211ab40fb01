package cn.yzz.kiosk.installer;

import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.MemoryCable;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.serial.SerialLink;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A socat pty pair whose far end behaves like a wire at a speed: a pty ignores the baud rate, so bytes the host
 * sends at a speed the device is not set to would arrive intact, and any speed would "work". Here the host end's
 * speed is read from its termios (the one jSerialComm set) for every chunk, and the chunk crosses a
 * {@link MemoryCable} to the emulator, which garbles it when the two speeds differ, both ways, as a real line does.
 * The emulator opens {@link #deviceSide()} at its own speed.
 */
final class WiredPty implements AutoCloseable {

    private interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int open(String path, int flags);

        int close(int fd);

        int tcgetattr(int fd, Memory termios);

        int cfgetospeed(Memory termios);
    }

    private static final int O_NOCTTY = 0400;
    private static final int O_NONBLOCK = 04000;

    final PtyPair pty;
    private final MemoryCable cable;
    /** The host end, held open only to read its settings (it never reads, so it takes no bytes). */
    private final int hostFd;
    private final SerialLink far;
    private final SerialLink cableHost;
    private final Memory termios = new Memory(256);
    private volatile boolean running = true;
    private final Thread toDevice;
    private final Thread toHost;

    WiredPty(Path dir, String name) throws IOException {
        pty = PtyPair.open(dir, name);
        cable = new MemoryCable(name);
        hostFd = LibC.C.open(pty.hostEnd().toRealPath().toString(), O_NOCTTY | O_NONBLOCK);
        if (hostFd < 0) {
            pty.close();
            throw new IOException("cannot open " + pty.hostEnd() + " to read its speed");
        }
        far = LinkOpener.serialPort(pty.deviceEnd().toString()).open(9600);
        cableHost = cable.openHost(9600);
        toDevice = new Thread(() -> pump(true), "wire-" + name + "-to-device");
        toHost = new Thread(() -> pump(false), "wire-" + name + "-to-host");
        toDevice.setDaemon(true);
        toHost.setDaemon(true);
        toDevice.start();
        toHost.start();
    }

    /** Where the detecting host connects. */
    String port() {
        return pty.hostEnd().toString();
    }

    /** Where the emulator connects, at its own speed. */
    LinkOpener deviceSide() {
        return cable::openDevice;
    }

    /** The speed the host end is set to now. */
    synchronized int hostSpeed() {
        if (LibC.C.tcgetattr(hostFd, termios) != 0) {
            return 0;
        }
        int code = LibC.C.cfgetospeed(termios);
        return switch (code) { // <termios.h> Bnnn codes
            case 0000015 -> 9600;
            case 0000016 -> 19200;
            case 0000017 -> 38400;
            case 0010001 -> 57600;
            case 0010002 -> 115200;
            default -> -code;
        };
    }

    private void pump(boolean hostToDevice) {
        byte[] buf = new byte[4096];
        SerialLink from = hostToDevice ? far : cableHost;
        SerialLink to = hostToDevice ? cableHost : far;
        try {
            while (running) {
                int n = from.read(buf, 0, buf.length, 100);
                if (n > 0) {
                    cableHost.setBaudRate(hostSpeed());
                    to.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            toDevice.join(2000);
            toHost.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        far.close();
        cableHost.close();
        LibC.C.close(hostFd);
        pty.close();
    }
}
