package cn.yzz.kiosk.device.sscard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.sscard.emu.VpcdCard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real pcscd stopped and started under the driver. The driver runs in a JVM of its own
 * ({@link OutageProbe}); this JVM never talks PC/SC here, so the other PC/SC tests in it keep
 * working whichever order they run in. pcscd is a shared system daemon: every test leaves it running.
 */
class PcscdOutageTest {

    /** The PC/SC code after it depends on what the driver was doing when pcscd went (SCARD_E_NO_SERVICE, SCARD_W_INSERTED_CARD…). */
    static final String SERVICE_DOWN = "读卡服务（pcscd）没有运行或已停止：请重启读卡服务或重启终端（SCARD_";

    private final VpcdCard card = new VpcdCard(VpcdCard.FIRST_PORT);

    @AfterEach
    void restore() throws Exception {
        card.close();
        Pcscd.ensureRunning();
    }

    @Test
    void aReaderOpenedWhilePcscdIsDownConnectsOnceItStarts() throws Exception {
        Pcscd.stop();
        try (Probe kiosk = new Probe()) {
            kiosk.expectStart("STATE OFFLINE " + SERVICE_DOWN);
            Pcscd.ensureRunning();
            kiosk.expect("STATE IDLE 社保卡读卡器已连接（Virtual PCD 00 00）");
            card.insert(SsCardFixtures.GEN2);
            kiosk.send("read");
            kiosk.expect("READ " + SsCardFixtures.GEN2.expected());
        }
    }

    @Test
    void pcscdStoppingUnderTheReaderIsNoticedAndItsRestartAsksForAProgramRestart() throws Exception {
        Pcscd.ensureRunning();
        try (Probe kiosk = new Probe()) {
            kiosk.expect("STATE IDLE 社保卡读卡器已连接（Virtual PCD 00 00）");
            Pcscd.stop();
            kiosk.expectStart("STATE OFFLINE " + SERVICE_DOWN);
            Pcscd.ensureRunning();
            kiosk.expect("STATE FAILED 读卡服务（pcscd）重启过，本程序与它的连接已断开，无法自动恢复：请重启终端程序（SCARD_E_NO_SERVICE）");
        }
    }

    /** The driver in a child JVM, speaking {@link OutageProbe}'s line protocol. */
    private static final class Probe implements AutoCloseable {
        private final Process process;
        private final PrintStream in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Probe() throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-Djava.util.logging.config.file=/dev/null",
                    "-cp", System.getProperty("java.class.path"), OutageProbe.class.getName(), "Virtual PCD 00 00")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(lines::add);
                } catch (java.io.IOException e) {
                    lines.add("EOF " + e);
                }
            }, "outage-probe-out");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String command) {
            in.println(command);
        }

        /** Waits up to 10 s for {@code line}, skipping other lines. */
        void expect(String line) throws InterruptedException {
            expect(line, line::equals);
        }

        void expectStart(String prefix) throws InterruptedException {
            expect(prefix + "…", l -> l.startsWith(prefix));
        }

        private void expect(String what, Predicate<String> wanted) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                String next = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(next).as("waiting for \"%s\"; the driver said %s", what, seen).isNotNull();
                seen.add(next);
                if (wanted.test(next)) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            send("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
