package cn.yzz.kiosk.device.bench;

import cn.yzz.kiosk.device.cash.SspNoteAcceptor;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the note acceptor's poll loop costs while the kiosk waits with nobody paying: CPU time of the driver's
 * threads (the poll loop, with its eSSP key, POLL WITH ACK and the link's reads) over 30 s against the emulated
 * validator on a pty, as a share of one core. A kiosk polls all day, so this is paid all day.
 */
@Tag("bench")
class PollIdleBench {

    /** One percent of one core: what a kiosk doing nothing may spend on waiting for a note, all day. */
    static final double LIMIT_PERCENT = 1.0;
    static final long SECONDS = 30;

    @TempDir Path dir;

    @Test
    void idlePollLoopCpu() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (PtyPair pty = PtyPair.open(dir, "bench-cash");
             NoteAcceptorEmulator emu = new NoteAcceptorEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()),
                     dir.resolve("nv9.json"), Dataset.CNY);
             SspNoteAcceptor acceptor = new SspNoteAcceptor("cash-acceptor",
                     LinkOpener.serialPort(pty.hostEnd().toString()), 9600, SspNoteAcceptor.Options.defaults())) {
            acceptor.open();
            long until = System.nanoTime() + 15_000_000_000L;
            while (acceptor.unit().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            acceptor.enable(Set.of(1000L, 2000L, 5000L, 10000L)); // waiting for a villager's note: enabled, idle
            Thread.sleep(2_000);
            long polls0 = polls(acceptor);
            long cpu0 = driverCpuNanos(threads);
            long wall0 = System.nanoTime();
            Thread.sleep(SECONDS * 1000);
            long cpu = driverCpuNanos(threads) - cpu0;
            long wall = System.nanoTime() - wall0;
            long polls = polls(acceptor) - polls0;
            double percent = 100.0 * cpu / wall;
            Bench.report("note acceptor poll loop, idle and enabled, CPU of the driver's threads (% of one core)",
                    percent, LIMIT_PERCENT, "%");
            Bench.report("  its polls per second (ITL: 1 to 5)", polls * 1e9 / wall, 5, "/s");
            Bench.report("  CPU per poll", cpu / 1e3 / Math.max(1, polls), 1000, "us");
        }
    }

    private static long polls(SspNoteAcceptor acceptor) {
        var s = acceptor.statistics();
        return s.getOrDefault("PollCount", 0L) + s.getOrDefault("PollWithAckCount", 0L);
    }

    private static long driverCpuNanos(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("kiosk-cash-acceptor")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }
}
