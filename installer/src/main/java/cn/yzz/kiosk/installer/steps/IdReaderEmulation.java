package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An emulated SAM_V ID card reader on a socat pty pair, so that installers and trainers can try
 * {@code kioskctl device read-id} without hardware. The emulator answers on the device end; the
 * host end is the port to read from. Control lines (place, remove, fault, …) change what the
 * reader does while it runs.
 */
public final class IdReaderEmulation implements AutoCloseable {

    /** The pair is {@code DIR/idreader-host} and {@code DIR/idreader-device}. */
    private static final String PTY_NAME = "idreader";
    /** Emulated readers start at the SAM_V default speed; a pty carries any speed anyway. */
    private static final int BAUD = 115200;
    /** How often the serve loop looks at socat while waiting for input. */
    private static final long CHECK_MILLIS = 250;

    private final PtyPair pty;
    private final IdCardReaderEmulator emulator;
    private final String startedWith;
    private volatile boolean closing;
    private boolean closed; // guarded by this

    /** Closes the emulation when the JVM stops (Ctrl-C, kill) so that socat is not left behind. */
    private final Thread stopOnExit = new Thread(this::close, "kioskctl-stop-emulator");

    private IdReaderEmulation(PtyPair pty, IdCardReaderEmulator emulator, String startedWith) {
        this.pty = pty;
        this.emulator = emulator;
        this.startedWith = startedWith;
    }

    /**
     * Starts socat and the emulator.
     *
     * @param card the card on the reader at the start, or null for none
     */
    public static IdReaderEmulation start(Path dir, CardFixture card, List<FaultSpec> faults, boolean paced)
            throws InstallerException {
        PtyPair pty;
        try {
            pty = PtyPair.open(dir, PTY_NAME);
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.FAILURE, "无法创建虚拟串口：" + e.getMessage(), e);
        }
        IdCardReaderEmulator emulator;
        try {
            emulator = new IdCardReaderEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), BAUD);
        } catch (IOException e) {
            pty.close();
            throw new InstallerException(ExitCodes.FAILURE, "无法打开虚拟串口的设备端：" + e.getMessage(), e);
        }
        emulator.setPaced(paced);
        if (card != null) {
            emulator.placeCard(card);
        }
        faults.forEach(f -> f.applyTo(emulator));
        StringBuilder startedWith = new StringBuilder("读卡器上：")
                .append(card == null ? "没有卡（输入 place ID 放卡）" : card.id() + "，" + card.description()).append('\n');
        faults.forEach(f -> startedWith.append("故障：").append(f).append('\n'));
        IdReaderEmulation emulation = new IdReaderEmulation(pty, emulator, startedWith.toString());
        Runtime.getRuntime().addShutdownHook(emulation.stopOnExit);
        return emulation;
    }

    /** The port to give {@code read-id --port}. */
    public Path port() {
        return pty.hostEnd();
    }

    /** What to tell the person who started it: the port first, as {@code port: PATH}, for scripts. */
    public String banner(boolean interactive) {
        return "port: " + port() + "\n" + startedWith
                + (interactive ? "输入 help 查看命令，quit 或 Ctrl-C 停止。\n" : "按 Ctrl-C 停止。\n");
    }

    /**
     * Answers control lines from {@code input} until it ends or says {@code quit}; with no input,
     * runs until the thread is interrupted or the JVM stops (Ctrl-C).
     *
     * @throws InstallerException when socat dies underneath
     */
    public void serve(InputStream input, PrintWriter out) throws InstallerException {
        BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>(); // empty: the input has ended
        if (input != null) {
            Thread reader = new Thread(() -> readLines(input, lines), "kioskctl-input");
            reader.setDaemon(true); // a read on a terminal cannot be interrupted; it must not hold the JVM
            reader.start();
        }
        try {
            while (true) {
                Optional<String> line = lines.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (closing || (line != null && line.isEmpty())) {
                    return;
                }
                if (!pty.isAlive() && !stopping()) {
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

    /** Carries out one control line and prints the answer; false for quit. */
    private boolean control(String line, PrintWriter out) {
        String[] words = line.trim().split("\\s+", 2);
        String arg = words.length > 1 ? words[1] : "";
        try {
            switch (words[0]) {
                case "" -> { /* blank line */ }
                case "place" -> {
                    CardFixture card = fixture(arg);
                    emulator.placeCard(card);
                    out.println("已放置 " + card.id() + "：" + card.description());
                }
                case "remove" -> {
                    emulator.removeCard();
                    out.println("已取走身份证");
                }
                case "fault" -> {
                    FaultSpec f = FaultSpec.parse(arg);
                    f.applyTo(emulator);
                    out.println("已注入故障 " + f);
                }
                case "clear" -> {
                    emulator.clearFaults();
                    out.println("已清除所有故障");
                }
                case "cards" -> out.print(cardList());
                case "status" -> out.println("读卡器上：" + emulator.card().map(CardFixture::id).orElse("没有卡")
                        + "；已收到 " + emulator.commandsReceived() + " 条命令");
                case "help", "?" -> out.print(HELP);
                case "quit", "exit" -> {
                    return false;
                }
                default -> out.println("不认识的命令 '" + words[0] + "'，输入 help 查看可用命令");
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
              place ID          放上一张测试卡（ID 见 cards）；读过的卡要重新放置才会再被读到
              remove            取走身份证
              fault F[:N][@CMD] 注入故障 F（N 次，不写则直到 clear），可只影响某条命令的回复
              clear             清除所有故障
              cards             列出测试卡
              status            读卡器上的卡和收到的命令数
              quit              停止模拟（Ctrl-C 或关闭输入也可以）
            """;

    /**
     * Ctrl-C reaches socat too (same process group) and it may die before the JVM's shutdown hook
     * has run {@link #close()}: give the hook a moment before calling socat's death unexpected.
     */
    private boolean stopping() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!closing && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return closing;
    }

    /** Fixture ids and descriptions, one a line. */
    public static String cardList() {
        StringBuilder sb = new StringBuilder();
        for (CardFixture f : CardFixtures.all()) {
            sb.append(String.format("%-22s%s%n", f.id(), f.description()));
        }
        return sb.toString();
    }

    /**
     * Stops the emulator and socat; socat removes the port links. Idempotent and serialised: a
     * signal can start the shutdown hook while the command is closing, and the JVM halts as soon
     * as the hook returns, so the hook must wait for the command's close to finish.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            // An interrupt (how an in-process run without input ends) would cut short the bounded
            // waits for the emulator thread and socat, leaving the port links behind for a moment.
            boolean interrupted = Thread.interrupted();
            try {
                emulator.close();
                pty.close();
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
                // the JVM is already stopping; the hook finds the work done
            }
        }
    }

    /** The test card with this id. */
    public static CardFixture fixture(String id) {
        String wanted = id.trim();
        return CardFixtures.all().stream().filter(f -> f.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("没有叫 '" + wanted + "' 的测试卡，可用："
                        + String.join("、", CardFixtures.all().stream().map(CardFixture::id).toList())));
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
