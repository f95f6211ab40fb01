package cn.yzz.kiosk.device.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two pseudo-terminals joined by socat, like a null-modem cable: whatever is written to one end
 * can be read from the other. The driver opens {@link #hostEnd()}, an emulator opens
 * {@link #deviceEnd()}. {@link #close()} kills socat, which to both sides looks like a pulled cable.
 *
 * <p>The two paths are links that appear only once socat has finished setting up both ptys.
 * socat's own {@code link=} option makes its link before it applies {@code raw}, and {@code raw}
 * sets the termios VMIN=1 VTIME=0: a port opened in that gap (jSerialComm sets VMIN=0 VTIME=1 for
 * its read timeout) got its timeout undone, so reads blocked until a byte came: 1 open in 70 made
 * just after both links appeared, 1 in 20 made the moment its link appeared; an emulator that was
 * to send a code unasked never did.
 *
 * <p>Needs the {@code socat} program ({@code ./kiosk test} installs it).
 */
public final class PtyPair implements AutoCloseable {

    private static final Pattern PTY_IS = Pattern.compile("PTY is (\\S+)");
    /** socat's notice once both addresses are open and set up; it touches neither pty's settings after it. */
    private static final String READY = "starting data transfer loop";

    private final Process socat;
    private final Path hostEnd;
    private final Path deviceEnd;
    private final Path log;

    private PtyPair(Process socat, Path hostEnd, Path deviceEnd, Path log) {
        this.socat = socat;
        this.hostEnd = hostEnd;
        this.deviceEnd = deviceEnd;
        this.log = log;
    }

    /** Creates {@code dir/name-host} and {@code dir/name-device} as links to a new pty pair. */
    public static PtyPair open(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path host = dir.resolve(name + "-host").toAbsolutePath();
        Path device = dir.resolve(name + "-device").toAbsolutePath();
        Files.deleteIfExists(host);
        Files.deleteIfExists(device);
        // socat's notices (the ptys it made, when it is ready, why it ended) go to a file: open reads
        // the pty names from it and diagnostics() quotes it.
        Path log = dir.resolve(name + "-socat.log").toAbsolutePath();
        Process p;
        try {
            p = new ProcessBuilder(List.of("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start socat (install the socat package): " + e.getMessage(), e);
        }
        try {
            List<String> ptys = awaitReady(p, log);
            Files.createSymbolicLink(host, Path.of(ptys.get(0)));
            Files.createSymbolicLink(device, Path.of(ptys.get(1)));
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            Files.deleteIfExists(host);
            throw e;
        }
        return new PtyPair(p, host, device, log);
    }

    /** Waits for socat to be ready; the two ptys in the order of its addresses. */
    private static List<String> awaitReady(Process p, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (text.contains(READY)) {
                List<String> ptys = new ArrayList<>();
                Matcher m = PTY_IS.matcher(text);
                while (m.find()) {
                    ptys.add(m.group(1));
                }
                if (ptys.size() != 2) {
                    throw new IOException("socat did not name two ptys: " + text.strip());
                }
                return ptys;
            }
            if (!p.isAlive()) {
                throw new IOException("socat exited with " + p.exitValue() + " before creating the pty pair: " + text.strip());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("socat did not create the pty pair within 5 s: " + text.strip());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for socat");
            }
        }
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

    /**
     * socat's state, each pty's read settings (a semi-blocking read needs min 0 and a time) and
     * socat's last log lines, for a failing test to quote.
     */
    public String diagnostics() {
        StringBuilder b = new StringBuilder("socat pid ").append(socat.pid())
                .append(socat.isAlive() ? " alive" : " exited with " + socat.exitValue())
                .append("; host ").append(describe(hostEnd)).append("; device ").append(describe(deviceEnd));
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            for (String line : lines.subList(Math.max(0, lines.size() - 8), lines.size())) {
                b.append("\n    ").append(line);
            }
        } catch (IOException e) {
            b.append("; no socat log: ").append(e.getMessage());
        }
        return b.toString();
    }

    private static String describe(Path link) {
        Path pty;
        try {
            pty = link.toRealPath();
        } catch (IOException e) {
            return link.getFileName() + " gone";
        }
        try {
            Process stty = new ProcessBuilder("stty", "-F", pty.toString(), "-a").redirectErrorStream(true).start();
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            stty.waitFor(2, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("min = \\d+; time = \\d+").matcher(out);
            return pty + (m.find() ? " (" + m.group() + ")" : " (stty: " + out.strip() + ")");
        } catch (IOException e) {
            return pty + " (no stty: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pty.toString();
        }
    }

    /**
     * Kills socat: both ends see the link go away, as when a cable is pulled. The links go first,
     * so that a driver trying to reconnect never reaches a pty number that another pair reuses.
     */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(hostEnd);
            Files.deleteIfExists(deviceEnd);
        } catch (IOException e) {
            // the temporary directory is going away anyway; socat must still be stopped
        }
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
