package cn.yzz.kiosk.installer;

import cn.yzz.kiosk.installer.cli.Env;
import cn.yzz.kiosk.installer.cli.KioskctlCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import picocli.CommandLine;

/** Runs the whole kioskctl command line in-process, the way {@code main} wires it, with captured output. */
final class Cli {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** "Today" for card checks in tests: every fixture but the bad-check one is fine on this day. */
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-06-01T02:00:00Z"), CHINA);

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Cli() {}

    static LocalDate today() {
        return LocalDate.now(TODAY);
    }

    static Result run(String... args) {
        return run(new Env(TODAY, InputStream.nullInputStream()), args);
    }

    static Result run(Env env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = start(env, out, err).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** A command line writing into {@code out} and {@code err}, for commands that run on another thread. */
    static CommandLine start(Env env, StringWriter out, StringWriter err) {
        CommandLine cli = KioskctlCommand.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
