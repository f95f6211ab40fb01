package cn.yzz.kiosk.device.serial;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A device played by a test's script on the far end of a real pty pair: what a device written by others from devices.md
 * may do and our emulators do not (the {@code *DocConformanceTest}s). The script hears whatever arrives, in the chunks it
 * arrives in, on its own thread, and answers on the link it is given; closing ends the thread, then the link and the pty.
 */
public final class ScriptedDevice implements AutoCloseable {

    /** Hears {@code n} bytes of {@code bytes} and may answer on {@code device}; may sleep to play a slow device. */
    @FunctionalInterface
    public interface Script {
        void heard(byte[] bytes, int n, SerialLink device) throws Exception;
    }

    private final PtyPair pty;
    private final SerialLink device;
    private final Thread thread;

    private ScriptedDevice(PtyPair pty, SerialLink device, Script script, String name) {
        this.pty = pty;
        this.device = device;
        this.thread = new Thread(() -> play(script), "scripted-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A pty pair under {@code dir}, the device's end opened at {@code baud}, and the script playing it. */
    public static ScriptedDevice start(Path dir, String name, int baud, Script script) throws IOException {
        PtyPair pty = PtyPair.open(dir, name);
        try {
            return new ScriptedDevice(pty, LinkOpener.serialPort(pty.deviceEnd().toString()).open(baud), script, name);
        } catch (IOException | RuntimeException e) {
            pty.close();
            throw e;
        }
    }

    /** Where the driver under test connects. */
    public LinkOpener host() {
        return LinkOpener.serialPort(pty.hostEnd().toString());
    }

    private void play(Script script) {
        byte[] buf = new byte[512];
        try {
            while (!Thread.currentThread().isInterrupted()) {
                int n = device.read(buf, 0, buf.length, 100);
                if (n > 0) {
                    script.heard(buf, n, device);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the pty went away at the end of the test
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5000);
        device.close();
        pty.close();
    }
}
