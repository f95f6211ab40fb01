package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.cash.emu.AcceptorFault;
import cn.yzz.kiosk.device.cash.emu.AcceptorState;
import cn.yzz.kiosk.device.cash.emu.Credit;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.cash.emu.NoteStage;
import cn.yzz.kiosk.device.cash.ssp.SspEventCode;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An emulated ITL note validator (SSP / eSSP) for training, trying {@code kioskctl cash …} without hardware,
 * and the crash test, which kills this process as a power cut: the unit's state lives in its state file and
 * a new process on the same file starts where the killed one stopped. It answers either on a pty pair of its
 * own ({@code --pty-dir}) or on a port someone else made ({@code --port}, e.g. the device end of a pair that
 * must outlive this process). Control lines (insert, power-cut, remove-box, fault, …) act while it runs.
 */
public final class CashAcceptorEmulation implements AutoCloseable {

    private static final String PTY_NAME = "cash";
    private static final long CHECK_MILLIS = 250;

    /** A fault to inject, written {@code FAULT[:TIMES][@EVENT]}, e.g. {@code lose-reply:1@note-credit}. */
    public record FaultSpec(AcceptorFault fault, int times, SspEventCode event) {

        public static final int ALWAYS = Integer.MAX_VALUE;

        public static FaultSpec parse(String text) {
            String rest = text.trim();
            SspEventCode event = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                event = lookup(SspEventCode.values(), rest.substring(at + 1), "事件");
                rest = rest.substring(0, at);
            }
            int times = ALWAYS;
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                times = positive(rest.substring(colon + 1), "故障次数");
                rest = rest.substring(0, colon);
            }
            AcceptorFault fault = lookup(AcceptorFault.values(), rest, "故障");
            if (event != null && fault != AcceptorFault.LOSE_REPLY && fault != AcceptorFault.GARBAGE
                    && fault != AcceptorFault.CORRUPT_CRC) {
                throw new IllegalArgumentException("@事件 只能用于 lose-reply、garbage、corrupt-crc");
            }
            return new FaultSpec(fault, times, event);
        }

        public static List<String> names() {
            return Arrays.stream(AcceptorFault.values()).map(CashAcceptorEmulation::spelling).toList();
        }

        void applyTo(NoteAcceptorEmulator emulator) {
            emulator.inject(fault, times, event == null ? -1 : event.code);
        }

        @Override
        public String toString() {
            return spelling(fault) + "（" + (times == ALWAYS ? "直到清除" : times + " 次")
                    + (event == null ? "" : "，只影响带 " + spelling(event) + " 的回复") + "）";
        }
    }

    private final PtyPair pty;
    private final NoteAcceptorEmulator emulator;
    /** The host's end of our own pair, or the port we answer on when someone else made it. */
    private final Path port;
    private final Path stateFile;
    private final String startedWith;
    private volatile boolean closing;
    private boolean closed; // guarded by this
    private final Thread stopOnExit = new Thread(this::close, "kioskctl-stop-emulator");

    private CashAcceptorEmulation(PtyPair pty, NoteAcceptorEmulator emulator, Path port, Path stateFile, String startedWith) {
        this.pty = pty;
        this.emulator = emulator;
        this.port = port;
        this.stateFile = stateFile;
        this.startedWith = startedWith;
    }

    /**
     * Starts the emulator on its own pty pair in {@code ptyDir}, or on the existing {@code port}.
     *
     * @param dataset the notes of a new unit (null: ¥1–¥100 on channels 1–6), or to change an existing one's
     */
    public static CashAcceptorEmulation start(Path ptyDir, Path port, Path stateFile, Dataset dataset, boolean essp,
                                              int stackerCapacity, List<FaultSpec> faults, boolean paced)
            throws InstallerException {
        PtyPair pty = null;
        Path hostPort = port;
        Path devicePort = port;
        if (ptyDir != null) {
            try {
                pty = PtyPair.open(ptyDir, PTY_NAME);
            } catch (IOException e) {
                throw new InstallerException(ExitCodes.FAILURE, "无法创建虚拟串口：" + e.getMessage(), e);
            }
            hostPort = pty.hostEnd();
            devicePort = pty.deviceEnd();
        }
        NoteAcceptorEmulator emulator;
        try {
            emulator = new NoteAcceptorEmulator(LinkOpener.serialPort(devicePort.toString(), 2), stateFile,
                    dataset == null ? Dataset.CNY : dataset);
        } catch (IOException e) {
            if (pty != null) {
                pty.close();
            }
            throw new InstallerException(ExitCodes.FAILURE, "无法打开串口 " + devicePort + "：" + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (pty != null) {
                pty.close();
            }
            throw new InstallerException(ExitCodes.FAILURE, "无法使用状态文件 " + stateFile + "：" + e.getCause().getMessage(), e);
        }
        if (dataset != null) {
            emulator.setDataset(dataset);
        }
        emulator.setEssp(essp);
        if (stackerCapacity >= 0) {
            emulator.setStackerCapacity(stackerCapacity);
        }
        emulator.setPaced(paced);
        faults.forEach(f -> f.applyTo(emulator));
        AcceptorState s = emulator.state();
        StringBuilder b = new StringBuilder("状态文件：").append(stateFile).append('\n')
                .append("面额：").append(values(s.dataset())).append('\n')
                .append("钞箱：").append(box(s)).append("；累计入账 ").append(s.notesCredited()).append(" 张\n")
                .append(essp ? "加密模式（eSSP）：协商密钥前对命令回复 KEY NOT SET\n" : "");
        faults.forEach(f -> b.append("故障：").append(f).append('\n'));
        CashAcceptorEmulation emulation = new CashAcceptorEmulation(pty, emulator, hostPort, stateFile, b.toString());
        Runtime.getRuntime().addShutdownHook(emulation.stopOnExit);
        return emulation;
    }

    /** The port the host opens. */
    public Path port() {
        return port;
    }

    /** {@code port: PATH} (the host's end) for a pair of our own; {@code device-port: PATH} on someone else's port. */
    public String banner(boolean interactive) {
        return (pty != null ? "port: " : "device-port: ") + port + "\n" + startedWith
                + (interactive ? "输入 help 查看命令，quit 或 Ctrl-C 停止。\n" : "按 Ctrl-C 停止。\n");
    }

    /** Answers control lines until the input ends or says quit; without input, until interrupted or killed. */
    public void serve(InputStream input, PrintWriter out) throws InstallerException {
        BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
        if (input != null) {
            Thread reader = new Thread(() -> readLines(input, lines), "kioskctl-input");
            reader.setDaemon(true);
            reader.start();
        }
        try {
            while (true) {
                Optional<String> line = lines.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (closing || (line != null && line.isEmpty())) {
                    return;
                }
                if (pty != null && !pty.isAlive() && !stopping()) {
                    throw new InstallerException(ExitCodes.FAILURE, "socat 意外退出，虚拟串口已断开");
                }
                if (line != null && !control(line.get(), out)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean control(String line, PrintWriter out) {
        String[] w = line.trim().split("\\s+");
        try {
            switch (w[0].toLowerCase(Locale.ROOT)) {
                case "" -> { /* blank */ }
                case "insert" -> {
                    long yuan = positive(arg(w, 1, "insert 要写面额（元），例如 insert 10"), "面额");
                    out.println(emulator.insert(yuan * 100) ? "已塞入 ¥" + yuan
                            : "识别器没有吸入纸币（未启用、通道里已有纸币、钞箱取出、钞箱已满或卡钞）");
                }
                case "fake" -> out.println(emulator.insertFake() ? "已塞入一张假币" : "识别器没有吸入纸币");
                case "power-cut" -> {
                    Duration off = seconds(w, 1);
                    emulator.cutPower(off);
                    out.println("已断电 " + off.toMillis() / 1000.0 + " 秒");
                }
                case "power-cut-at" -> {
                    NoteStage stage = lookup(NoteStage.values(), arg(w, 1, "power-cut-at 要写阶段：" + names(NoteStage.values())), "阶段");
                    emulator.cutPowerWhen(stage, seconds(w, 2));
                    out.println("纸币到 " + spelling(stage) + " 时断电");
                }
                case "remove-box" -> {
                    emulator.removeCashbox();
                    out.println("已取出钞箱");
                }
                case "replace-box" -> {
                    emulator.replaceCashbox();
                    out.println("已放回清空的钞箱");
                }
                case "stacker" -> {
                    int n = (int) nonNegative(arg(w, 1, "stacker 要写张数（0 表示不限）"));
                    emulator.setStackerCapacity(n);
                    out.println(n == 0 ? "钞箱容量不限" : "钞箱容量 " + n + " 张");
                }
                case "silence" -> {
                    Duration d = seconds(w, 1);
                    emulator.silence(d);
                    out.println("静默 " + d.toMillis() / 1000.0 + " 秒");
                }
                case "essp" -> {
                    boolean on = !"off".equalsIgnoreCase(w.length > 1 ? w[1] : "on");
                    emulator.setEssp(on);
                    out.println(on ? "加密模式：协商密钥前回复 KEY NOT SET" : "已关闭加密要求");
                }
                case "fault" -> {
                    FaultSpec f = FaultSpec.parse(String.join(" ", Arrays.copyOfRange(w, 1, w.length)));
                    f.applyTo(emulator);
                    out.println("已注入故障 " + f);
                }
                case "clear" -> {
                    emulator.clearFaults();
                    out.println("已清除所有故障");
                }
                case "clear-jam" -> out.println(emulator.clearJam() ? "已排除卡钞，识别器重新启动" : "没有卡钞");
                case "status" -> out.println(status(emulator.state()));
                case "credits" -> {
                    List<Credit> credits = emulator.credits();
                    credits.forEach(c -> out.println(c.seq() + " ¥" + c.valueFen() / 100 + " 通道 " + c.channel() + " "
                            + c.via().name().toLowerCase(Locale.ROOT) + " " + c.at()));
                    out.println("共 " + credits.size() + " 张");
                }
                case "help", "?" -> out.print(HELP);
                case "quit", "exit" -> {
                    return false;
                }
                default -> out.println("不认识的命令 '" + w[0] + "'，输入 help 查看可用命令");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        } finally {
            out.flush();
        }
        return true;
    }

    private static final String HELP = """
            可用命令：
              insert 元           塞入一张真币，例如 insert 100
              fake                塞入一张假币（会被退回）
              power-cut [秒]      立即断电，若干秒后来电（不写为立即来电）
              power-cut-at 阶段 [秒]  纸币到达某阶段（reading、escrow、stacking、credited）时断电
              remove-box          取出钞箱
              replace-box         放回清空的钞箱（计数清零）
              stacker N           钞箱容量 N 张后报“钞箱已满”（0 表示不限）
              silence 秒          若干秒内不收不答，像拔了线
              essp [on|off]       加密模式：协商密钥前回复 KEY NOT SET
              fault F[:N][@事件]  注入故障 F（N 次，不写则直到 clear），例如 lose-reply:1@note-credit
              clear               清除所有故障
              clear-jam           排除卡钞（识别器重新启动）
              status              识别器状态
              credits             识别器入账过的每一张纸币
              quit                停止模拟（Ctrl-C 或关闭输入也可以）
            """;

    static String status(AcceptorState s) {
        return (s.enabled() ? "已启用" : "未启用") + "；通道中：" + s.note().map(n -> spelling(n.stage()) + " ¥" + n.valueFen() / 100).orElse("无")
                + "；钞箱：" + box(s) + "；累计入账 " + s.notesCredited() + " 张，共 ¥" + s.creditedFen() / 100;
    }

    private static String box(AcceptorState s) {
        if (!s.cashboxIn()) {
            return "已取出";
        }
        if (s.cashbox().isEmpty()) {
            return "空";
        }
        return s.cashbox().entrySet().stream().map(e -> "¥" + e.getKey() / 100 + "×" + e.getValue())
                .collect(Collectors.joining(" ")) + "（¥" + s.cashboxFen() / 100 + "）";
    }

    private static String values(Dataset d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.channelsFen().size(); i++) {
            long v = d.channelsFen().get(i);
            out.add((i + 1) + ":" + (v == 0 ? "不用" : "¥" + v / 100));
        }
        return d.country() + " " + String.join(" ", out);
    }

    /** Channel values in yuan separated by commas, 0 for an unused channel: {@code 1,5,10,20,50,100}. */
    public static Dataset parseChannels(String text) {
        List<Long> fen = new ArrayList<>();
        for (String part : text.split(",")) {
            fen.add(nonNegative(part.trim()) * 100);
        }
        try {
            return new Dataset("CNY", fen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("通道面额 '" + text + "' 不对：要 1 到 16 个整数元（不用的通道写 0），最大 255");
        }
    }

    private static String arg(String[] w, int i, String missing) {
        if (w.length <= i) {
            throw new IllegalArgumentException(missing);
        }
        return w[i];
    }

    private static Duration seconds(String[] w, int i) {
        if (w.length <= i) {
            return Duration.ZERO;
        }
        try {
            double s = Double.parseDouble(w[i]);
            if (s >= 0 && s <= 3600) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("秒数 '" + w[i] + "' 应为 0 到 3600 的数");
    }

    private static int positive(String text, String what) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            if (text.trim().equalsIgnoreCase("always")) {
                return FaultSpec.ALWAYS;
            }
        }
        throw new IllegalArgumentException(what + " '" + text.trim() + "' 应为正整数");
    }

    private static long nonNegative(String text) {
        try {
            long n = Long.parseLong(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("'" + text.trim() + "' 应为不小于 0 的整数");
    }

    private static <E extends Enum<E>> E lookup(E[] values, String name, String what) {
        String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : values) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("不认识的" + what + " '" + name.trim() + "'，可用：" + names(values));
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(CashAcceptorEmulation::spelling).collect(Collectors.joining("、"));
    }

    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private boolean stopping() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!closing && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return closing;
    }

    public Path stateFile() {
        return stateFile;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            boolean interrupted = Thread.interrupted();
            try {
                emulator.close();
                if (pty != null) {
                    pty.close();
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already stopping
            }
        }
    }

    private static void readLines(InputStream input, BlockingQueue<Optional<String>> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            // input gone: same as closed
        } finally {
            lines.add(Optional.empty());
        }
    }
}
