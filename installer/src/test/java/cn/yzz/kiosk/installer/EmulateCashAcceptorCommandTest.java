package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.emu.AcceptorState;
import cn.yzz.kiosk.device.cash.emu.Credit;
import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.cash.ssp.SspFrameDecoder;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.serial.SerialLink;
import cn.yzz.kiosk.installer.cli.Env;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kioskctl emulate cash-acceptor} on its own thread, spoken to over its pty by a bare SSP host and
 * steered by control lines as a trainer (or the crash test) does.
 */
class EmulateCashAcceptorCommandTest {

    private static final Pattern PORT = Pattern.compile("^(?:device-)?port: (.+)$", Pattern.MULTILINE);
    private static final Pattern READY = Pattern.compile("输入 help 查看命令，quit 或 Ctrl-C 停止。|按 Ctrl-C 停止。");

    @TempDir Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Thread thread;
    CompletableFuture<Integer> exit;
    Writer control;
    SerialLink host;
    final SspFrameDecoder decoder = new SspFrameDecoder();
    boolean flag;

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        if (control != null) {
            control.close();
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    @Test
    void aTrainerInsertsANoteThatTheHostCreditsAndTheStateFileKeepsIt() throws Exception {
        Path state = dir.resolve("nv9.json");
        String port = start("--pty-dir", dir.resolve("pty").toString(), "--state", state.toString());
        assertThat(port).isEqualTo(dir.resolve("pty").resolve("cash-host").toString());
        assertThat(out.toString()).contains("面额：CNY 1:¥1 2:¥5 3:¥10 4:¥20 5:¥50 6:¥100").contains("钞箱：空");
        host = LinkOpener.serialPort(port).open(9600);

        assertThat(ask(SspCommand.SYNC)).isEqualTo("F0");
        say("insert 10", "识别器没有吸入纸币");
        assertThat(ask(SspCommand.SET_CHANNEL_INHIBITS, 0x3F, 0)).isEqualTo("F0");
        assertThat(ask(SspCommand.ENABLE)).isEqualTo("F0");
        assertThat(ask(SspCommand.POLL)).isEqualTo("F0 F1");
        say("insert 10", "已塞入 ¥10");
        assertThat(ask(SspCommand.POLL)).isEqualTo("F0 EF 00");
        assertThat(ask(SspCommand.POLL)).isEqualTo("F0 EF 03");
        assertThat(ask(SspCommand.POLL)).isEqualTo("F0");
        assertThat(ask(SspCommand.POLL)).isEqualTo("F0 CC");
        assertThat(ask(SspCommand.POLL)).isEqualTo("F0 EE 03 CC");
        assertThat(ask(SspCommand.POLL)).isEqualTo("F0 EB");
        say("credits", "共 1 张");
        assertThat(out.toString()).contains("1 ¥10 通道 3 credit ");
        say("status", "已启用；通道中：无；钞箱：¥10×1（¥10）；累计入账 1 张，共 ¥10");

        AcceptorState s = AcceptorState.read(state);
        assertThat(s.cashbox()).isEqualTo(Map.of(1000L, 1));
        assertThat(s.credits()).extracting(Credit::valueFen).containsExactly(1000L);

        say("fake", "已塞入一张假币");
        say("remove-box", "已取出钞箱");
        say("fault dance", "不认识的故障 'dance'，可用：lose-reply、garbage、corrupt-crc、safe-jam、unsafe-jam、fraud-attempt");
        say("fault safe-jam@note-credit", "@事件 只能用于 lose-reply、garbage、corrupt-crc");
        say("fly", "不认识的命令 'fly'");
        say("help", "power-cut-at 阶段");

        control.close();
        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(Path.of(port)).as("socat stopped").doesNotExist();
    }

    @Test
    void onAnExistingPortAPowerCutWithANoteInEscrowGivesItBackAndTheNextProcessCarriesOn() throws Exception {
        Path state = dir.resolve("nv9.json");
        try (PtyPair pair = PtyPair.open(dir, "ext")) {
            String port = start("--port", pair.deviceEnd().toString(), "--state", state.toString(), "--channels", "0,5,10,20,50,100");
            assertThat(port).isEqualTo(pair.deviceEnd().toString());
            assertThat(out.toString()).startsWith("device-port: ");
            assertThat(out.toString()).contains("1:不用 2:¥5");
            host = LinkOpener.serialPort(pair.hostEnd().toString()).open(9600);
            ask(SspCommand.SYNC);
            ask(SspCommand.SET_CHANNEL_INHIBITS, 0x3F, 0);
            ask(SspCommand.ENABLE);
            ask(SspCommand.POLL);
            say("insert 20", "已塞入 ¥20");
            ask(SspCommand.POLL);
            assertThat(ask(SspCommand.POLL)).isEqualTo("F0 EF 04");

            // The process ends with the note in escrow; a new one on the same file is the power coming back.
            control.close();
            assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
            thread.join(5000);
            start("--port", pair.deviceEnd().toString(), "--state", state.toString());
            assertThat(out.toString()).contains("1:不用 2:¥5"); // the file's dataset
            assertThat(ask(SspCommand.SYNC)).isEqualTo("F0");
            assertThat(ask(SspCommand.POLL)).isEqualTo("F0 F1 E8");
            assertThat(ask(SspCommand.POLL)).isEqualTo("F0 E1 04 E8");
            assertThat(AcceptorState.read(state).credits()).isEmpty();
        }
    }

    @Test
    void usageErrors() throws Exception {
        Cli.Result none = Cli.run("emulate", "cash-acceptor", "--state", dir.resolve("s.json").toString());
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("要写 --pty-dir=DIR 或 --port=PATH 中的一个");

        Cli.Result channels = Cli.run("emulate", "cash-acceptor", "--pty-dir", dir.toString(), "--state",
                dir.resolve("s.json").toString(), "--channels", "1,5,3000");
        assertThat(channels.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(channels.err()).contains("通道面额 '1,5,3000' 不对");
    }

    @Test
    void aStateFileThatIsNotOneIsRefusedInPlainWords() throws Exception {
        Path state = Files.writeString(dir.resolve("s.json"), "{\"hello\": 1}");
        Cli.Result r = Cli.run("emulate", "cash-acceptor", "--pty-dir", dir.resolve("pty").toString(), "--state", state.toString(), "--no-input");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith("kioskctl: 无法使用状态文件 " + state).hasLineCount(1);
        assertThat(dir.resolve("pty").resolve("cash-host")).doesNotExist();
    }

    // ---- helpers ----

    private String start(String... args) throws Exception {
        PipedInputStream pipe = new PipedInputStream();
        control = new OutputStreamWriter(new PipedOutputStream(pipe), StandardCharsets.UTF_8);
        String[] all = new String[args.length + 2];
        all[0] = "emulate";
        all[1] = "cash-acceptor";
        System.arraycopy(args, 0, all, 2, args.length);
        exit = new CompletableFuture<>();
        out.getBuffer().setLength(0);
        Env env = new Env(Cli.TODAY, pipe);
        thread = new Thread(() -> exit.complete(Cli.start(env, out, err).execute(all)), "test-emulate-cash");
        thread.start();
        String port = awaitOutput(PORT).group(1);
        awaitOutput(READY);
        return port;
    }

    private String ask(int... bytes) throws Exception {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        if (bytes[0] == SspCommand.SYNC) {
            flag = true;
        }
        host.write(SspFrame.of(flag, 0, data).encode());
        flag = !flag;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        byte[] buf = new byte[256];
        while (System.nanoTime() < end) {
            try {
                Optional<SspFrame> f = decoder.next();
                if (f.isPresent()) {
                    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(f.get().data());
                }
            } catch (SspException e) {
                continue;
            }
            int n = host.read(buf, 0, buf.length, 50);
            if (n > 0) {
                decoder.feed(buf, 0, n);
            }
        }
        throw new AssertionError("no reply to " + HexFormat.of().formatHex(data) + "; emulator said:\n" + out);
    }

    private void say(String line, String answer) throws Exception {
        control.write(line + "\n");
        control.flush();
        awaitOutput(Pattern.compile(Pattern.quote(answer)));
    }

    private Matcher awaitOutput(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(out.toString());
            if (m.find()) {
                return m;
            }
            assertThat(exit).as("emulator ended early: %s", err).isNotDone();
            Thread.sleep(10);
        }
        throw new AssertionError("no '" + pattern + "' in emulator output:\n" + out);
    }
}
