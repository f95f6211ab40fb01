package cn.yzz.kiosk.device.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined by socat, like a null-modem cable: whatever is written to one end
 * can be read from the other. The driver opens {@link #hostEnd()}, an emulator opens
 * {@link #deviceEnd()}. {@link #close()} kills socat, which to both sides looks like a pulled cable.
 *
 * <p>Needs the {@code socat} program ({@code ./kiosk test} installs it).
 */
public final class PtyPair implements AutoCloseable {

    private final Process socat;
    private final Path hostEnd;
    private final Path deviceEnd;

    private PtyPair(Process socat, Path hostEnd, Path deviceEnd) {
        this.socat = socat;
        this.hostEnd = hostEnd;
        this.deviceEnd = deviceEnd;
    }

    /** Creates {@code dir/name-host} and {@code dir/name-device} as links to a new pty pair. */
    public static PtyPair open(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path host = dir.resolve(name + "-host").toAbsolutePath();
        Path device = dir.resolve(name + "-device").toAbsolutePath();
        Files.deleteIfExists(host);
        Files.deleteIfExists(device);
        Process p;
        try {
            p = new ProcessBuilder(List.of("socat",
                    "pty,raw,echo=0,link=" + host,
                    "pty,raw,echo=0,link=" + device))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start socat (install the socat package): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(host) && Files.exists(device))) {
            if (!p.isAlive()) {
                throw new IOException("socat exited with " + p.exitValue() + " before creating the pty pair");
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("socat did not create the pty pair within 5 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for socat");
            }
        }
        return new PtyPair(p, host, device);
    }

    public Path hostEnd() {
        return hostEnd;
    }

    public Path deviceEnd() {
        return deviceEnd;
    }

    public boolean isAlive() {
        return socat.isAlive();
    }

    /** Kills socat: both ends see the link go away, as when a cable is pulled. */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
