package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.installer.cli.Env;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kioskctl emulate id-reader} running on its own thread, read from by {@code read-id} as an installer would. */
class EmulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORT = Pattern.compile("^port: (.+)$", Pattern.MULTILINE);
    private static final Pattern READY = Pattern.compile("输入 help 查看命令，quit 或 Ctrl-C 停止。|按 Ctrl-C 停止。");

    @TempDir Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Thread thread;
    CompletableFuture<Integer> exit;
    Writer control;

    @AfterEach
    void stop() throws Exception {
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
    void listsTheTestCards() {
        Cli.Result r = Cli.run("emulate", "id-reader", "--list-cards");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(CardFixtures.all().size());
        for (CardFixture f : CardFixtures.all()) {
            assertThat(r.out()).containsPattern("(?m)^" + Pattern.quote(f.id()) + " +" + Pattern.quote(f.description()) + "$");
        }
    }

    @Test
    void aTrainerPlacesCardsAndFaultsWhileInstallersRead() throws Exception {
        String port = startEmulator(true, "--card", "resident");
        assertThat(out.toString()).contains("读卡器上：resident，" + CardFixtures.RESIDENT.description());

        assertThat(name(readRevealed(port))).isEqualTo("陈志强");
        assertThat(readRevealed(port).exit()).as("a card that was read is not found again").isEqualTo(ExitCodes.NO_MEDIA);

        say("place elder-yao", "已放置 elder-yao");
        assertThat(name(readRevealed(port))).isEqualTo("盘秀英");

        say("fault sam-failure", "已注入故障 sam-failure（直到清除）");
        assertThat(readRevealed(port).exit()).isEqualTo(ExitCodes.DEVICE_FAULT);

        say("clear", "已清除所有故障");
        say("place hkmotw", "已放置 hkmotw");
        assertThat(name(readRevealed(port))).isEqualTo("黄嘉欣");

        say("remove", "已取走身份证");
        say("status", "读卡器上：没有卡；已收到 ");
        say("cards", "resident-bad-check    居民身份证，号码校验位错误");
        say("help", "place ID          放上一张测试卡");
        say("dance", "不认识的命令 'dance'");
        say("place nobody", "没有叫 'nobody' 的测试卡");

        control.close();
        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(Path.of(port)).as("socat stopped and removed its links").doesNotExist();
    }

    @Test
    void quitStopsTheEmulator() throws Exception {
        String port = startEmulator(true);
        control.write("quit\n");
        control.flush();

        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(Path.of(port)).doesNotExist();
    }

    @Test
    void faultsGivenAtTheStartApplyAsManyTimesAsAsked() throws Exception {
        String port = startEmulator(true, "--card", "resident", "--fault", "card-removed-mid-read:1");
        assertThat(out.toString()).contains("故障：card-removed-mid-read（1 次）");

        assertThat(readRevealed(port).exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        say("place resident", "已放置 resident");
        assertThat(name(readRevealed(port))).isEqualTo("陈志强");
    }

    @Test
    void withoutInputItRunsUntilStopped() throws Exception {
        String port = startEmulator(false, "--card", "foreign2017", "--paced");
        assertThat(out.toString()).contains("按 Ctrl-C 停止。");

        Cli.Result r = readRevealed(port);
        assertThat(JSON.readTree(r.out()).get("englishName").asText()).isEqualTo("ANDERSON, JOHN MICHAEL");
        assertThat(exit).isNotDone();

        thread.interrupt();
        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(Path.of(port)).doesNotExist();
    }

    @Test
    void socatDyingUnderneathIsAnError() throws Exception {
        String port = startEmulator(true);
        // The pty pair's socat makes no links itself (PtyPair does, once the ptys are set up): the newest socat child is it.
        ProcessHandle socat = ProcessHandle.current().children()
                .filter(p -> p.info().command().orElse("").endsWith("socat"))
                .max(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.EPOCH)))
                .orElseThrow(() -> new AssertionError("no socat under this JVM for " + port));
        socat.destroy();

        assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).isEqualTo("kioskctl: socat 意外退出，虚拟串口已断开\n");
    }

    @Test
    void aPtyDirThatCannotBeCreatedIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "");
        Cli.Result r = Cli.run("emulate", "id-reader", "--pty-dir", file.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith("kioskctl: 无法创建虚拟串口：").hasLineCount(1);
    }

    /** Starts the emulator on a thread and returns the port it prints. */
    private String startEmulator(boolean withInput, String... more) throws Exception {
        InputStream in = InputStream.nullInputStream();
        if (withInput) {
            PipedInputStream pipe = new PipedInputStream();
            control = new OutputStreamWriter(new PipedOutputStream(pipe), StandardCharsets.UTF_8);
            in = pipe;
        }
        String[] args = new String[4 + more.length + (withInput ? 0 : 1)];
        args[0] = "emulate";
        args[1] = "id-reader";
        args[2] = "--pty-dir";
        args[3] = dir.resolve("pty").toString();
        System.arraycopy(more, 0, args, 4, more.length);
        if (!withInput) {
            args[args.length - 1] = "--no-input";
        }
        exit = new CompletableFuture<>();
        Env env = new Env(Cli.TODAY, in);
        thread = new Thread(() -> exit.complete(Cli.start(env, out, err).execute(args)), "test-emulate");
        thread.start();
        String port = awaitOutput(PORT).group(1);
        awaitOutput(READY); // the header is complete
        assertThat(port).isEqualTo(dir.resolve("pty").resolve("idreader-host").toString());
        assertThat(Path.of(port)).exists();
        return port;
    }

    /** Sends a control line and waits for the emulator's answer. */
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

    private static Cli.Result readRevealed(String port) {
        return Cli.run("device", "read-id", "--port", port, "--json", "--reveal", "--timeout", "1");
    }

    private static String name(Cli.Result r) throws IOException {
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out()).get("name").asText();
    }
}
