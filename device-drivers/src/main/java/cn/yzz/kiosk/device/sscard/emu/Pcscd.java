package cn.yzz.kiosk.device.sscard.emu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The system's PC/SC daemon, for tests and the demo: the virtual card needs pcscd with
 * vsmartcard-vpcd. {@code ./kiosk test} starts it; this starts it too when a test is run straight
 * from Maven, so a forgotten daemon is not a mysterious failure.
 */
public final class Pcscd {

    static final Path SOCKET = Path.of("/run/pcscd/pcscd.comm");
    static final Path PID_FILE = Path.of("/run/pcscd/pcscd.pid");
    private static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");

    private Pcscd() {}

    /** The daemon's process, if one runs. */
    private static Optional<ProcessHandle> running() {
        try {
            long pid = Long.parseLong(Files.readString(PID_FILE).replaceAll("[^0-9]", "")); // pcscd pads the file
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("pcscd")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops pcscd and waits until it is gone, for tests of the service going away; they restore it
     * with {@link #ensureRunning()}. Every JVM that talked to the old daemon loses PC/SC for good.
     */
    public static void stop() throws IOException, InterruptedException {
        Optional<ProcessHandle> p = running();
        if (p.isEmpty()) {
            return;
        }
        p.get().destroy();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (p.get().isAlive() || Files.exists(SOCKET)) {
            if (System.nanoTime() > end) {
                throw new IOException("pcscd 5 秒内没有退出");
            }
            Thread.sleep(20);
        }
    }

    /** Starts pcscd unless it runs, and waits until its socket is there. */
    public static void ensureRunning() throws IOException, InterruptedException {
        if (running().isPresent() && Files.exists(SOCKET)) {
            return;
        }
        if (!Files.exists(VPCD_DRIVER)) {
            throw new IOException("没有安装 pcscd 和 vsmartcard-vpcd：apt-get install --no-install-recommends pcscd vsmartcard-vpcd（./kiosk test 会自动安装）");
        }
        Process p = new ProcessBuilder("pcscd").redirectErrorStream(true).start(); // forks into the background and returns
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("无法启动 pcscd（需要 root）：" + new String(p.getInputStream().readAllBytes()).strip());
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(SOCKET) && running().isPresent())) {
            if (System.nanoTime() > end) {
                throw new IOException("pcscd 启动了，但 5 秒内没有出现 " + SOCKET);
            }
            Thread.sleep(20);
        }
    }
}
