package cn.yzz.kiosk.installer;

import cn.yzz.kiosk.installer.cli.Env;
import cn.yzz.kiosk.installer.cli.KioskctlCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code kioskctl}, the installers' field tool ({@code ./kiosk ctl ARGS…}). */
public final class Kioskctl {

    private Kioskctl() {}

    public static void main(String[] args) {
        CommandLine cli = KioskctlCommand.commandLine(Env.system());
        // Chinese output and JSON are UTF-8 whatever the platform default is.
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }
}
