package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import cn.yzz.kiosk.device.serial.SerialSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Asks one serial port every {@link Probe} at every speed of {@link SerialSettings#SPEEDS} (each probe's usual
 * speed first) until one recognises the answer. Blocks its caller: run ports on threads of their own.
 *
 * <p>Time: a question waits {@value #ANSWER_MILLIS} ms for a first byte, then until the line has been quiet
 * for {@value #QUIET_MILLIS} ms (at most {@value #MAX_ANSWER_MILLIS} ms more), so a silent port costs about
 * 6 probes × 5 speeds × {@value #ANSWER_MILLIS} ms ≈ 2.4 s (jSerialComm's reads wake every 100 ms: about 3 s), and a
 * device is usually found at its usual speed. A port that answered but was not recognised gets a second round with
 * {@value #SLOW_ANSWER_MILLIS} ms waits.
 */
public final class PortProbe {

    /** A device answers a status question within a few ms; a USB serial adapter may hold bytes back 16 ms more. */
    static final long ANSWER_MILLIS = 80;
    /**
     * The wait of the second round, for a port that said something no probe recognised: a device slow to answer
     * (a busy machine), or one that a wrong-speed question left waiting for the rest of a command.
     */
    static final long SLOW_ANSWER_MILLIS = 300;
    static final long QUIET_MILLIS = 20;
    static final long MAX_ANSWER_MILLIS = 400;

    /** What a port turned out to be: {@code probe} empty when nothing known answered. */
    public record Result(String port, Optional<Probe> probe, int baud, String detail) {
        public static Result unknown(String port, String detail) {
            return new Result(port, Optional.empty(), 0, detail);
        }
    }

    private final String port;
    private final IntFunction<LinkOpener> openers;
    private final List<Probe> probes;

    /** @param openers the port opened with the given number of stop bits */
    public PortProbe(String port, IntFunction<LinkOpener> openers, List<Probe> probes) {
        this.port = port;
        this.openers = openers;
        this.probes = List.copyOf(probes);
    }

    /** The real serial port (or pty) at {@code port}, every probe. */
    public static PortProbe of(String port) {
        return new PortProbe(port, stopBits -> LinkOpener.serialPort(port, stopBits), Probe.ALL);
    }

    public Result run() {
        Round first = round(ANSWER_MILLIS);
        if (first.result != null || !first.heard) {
            return first.result != null ? first.result : Result.unknown(port, "没有应答：没有接设备、设备没电，或不是支持的设备");
        }
        Round second = round(SLOW_ANSWER_MILLIS);
        return second.result != null ? second.result : Result.unknown(port, "有应答，但不是已知设备的协议（或波特率不在 "
                + SerialSettings.SPEEDS + " 之中）");
    }

    /** @param result null when no probe recognised anything */
    private record Round(Result result, boolean heard) {}

    private Round round(long answerMillis) {
        SerialLink link = null;
        int linkStopBits = 0;
        boolean heardAnything = false;
        try {
            for (Probe p : probes) {
                if (link == null || linkStopBits != p.stopBits()) {
                    if (link != null) {
                        link.close();
                        link = null;
                    }
                    try {
                        link = openers.apply(p.stopBits()).open(p.usualBaud());
                    } catch (IOException | RuntimeException e) {
                        return new Round(Result.unknown(port, "无法打开：" + e.getMessage()), false);
                    }
                    linkStopBits = p.stopBits();
                }
                for (int baud : speeds(p)) {
                    heardAnything |= late(link); // before the new speed's settings may flush it
                    link.setBaudRate(baud);
                    Exchange x = converse(link, p, answerMillis);
                    heardAnything |= x.heard;
                    if (x.found != null) {
                        return new Round(new Result(port, Optional.of(p), baud, x.found), true);
                    }
                }
            }
            heardAnything |= late(link);
        } catch (IOException e) {
            return new Round(Result.unknown(port, "读写出错：" + e.getMessage()), heardAnything);
        } finally {
            if (link != null) {
                link.close();
            }
        }
        return new Round(null, heardAnything);
    }

    /** The probe's usual speed, then the others fastest first. */
    static List<Integer> speeds(Probe p) {
        List<Integer> out = new ArrayList<>();
        out.add(p.usualBaud());
        for (int s : SerialSettings.SPEEDS) {
            if (s != p.usualBaud()) {
                out.add(s);
            }
        }
        return out;
    }

    private record Exchange(boolean heard, String found) {}

    private static Exchange converse(SerialLink link, Probe p, long answerMillis) throws IOException {
        Probe.Conversation c = p.start();
        byte[] question = c.question();
        boolean heard = false;
        for (int turn = 0; turn < 8; turn++) { // a conversation is a few questions; never a loop without end
            // An answer to the last question that came after its wait is still an answer: it earns the port the slow
            // second round (a device on a busy machine answered 300 ms late and the port was reported silent).
            heard |= late(link);
            link.discardInput();
            link.write(question);
            byte[] answer = listen(link, answerMillis);
            heard |= answer.length > 0;
            Probe.Verdict v = c.hear(answer);
            if (v instanceof Probe.Verdict.Found f) {
                if (f.farewell().length > 0) {
                    link.write(f.farewell());
                }
                return new Exchange(true, f.detail());
            }
            if (!(v instanceof Probe.Verdict.Ask a)) {
                break;
            }
            question = a.next();
        }
        return new Exchange(heard, null);
    }

    /** True when something arrived after the last listen gave up; what it was is dropped by the next question. */
    private static boolean late(SerialLink link) throws IOException {
        return link != null && link.available() > 0;
    }

    /** Everything that arrives until the line goes quiet. */
    private static byte[] listen(SerialLink link, long answerMillis) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        long start = System.nanoTime();
        long wait = answerMillis;
        while (true) {
            long left = answerMillis + MAX_ANSWER_MILLIS - (System.nanoTime() - start) / 1_000_000;
            if (left <= 0) {
                break;
            }
            int n = link.read(buf, 0, buf.length, Math.min(wait, left));
            if (n <= 0) {
                break;
            }
            got.write(buf, 0, n);
            wait = QUIET_MILLIS;
        }
        return got.toByteArray();
    }
}
