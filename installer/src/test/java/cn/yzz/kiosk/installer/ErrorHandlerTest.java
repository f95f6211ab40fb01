package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.installer.cli.Env;
import cn.yzz.kiosk.installer.cli.KioskctlCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bug is one plain line and exit 1; the stack trace only with --verbose. */
class ErrorHandlerTest {

    @Test
    void anUnexpectedExceptionIsOneLineUnlessVerbose() throws Exception {
        assertThat(fail(false)).isEqualTo("kioskctl: 内部错误（java.lang.IllegalStateException: boom）；加 --verbose 可看到详细信息，请转给开发人员\n");
        assertThat(fail(true)).startsWith("kioskctl: 内部错误（java.lang.IllegalStateException: boom）\njava.lang.IllegalStateException: boom\n\tat ");
    }

    private static String fail(boolean verbose) throws Exception {
        CommandLine cli = KioskctlCommand.commandLine(new Env(Cli.TODAY, InputStream.nullInputStream()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        CommandLine.ParseResult parsed = cli.parseArgs(verbose
                ? new String[] {"device", "read-id", "--port", "x", "--verbose"}
                : new String[] {"device", "read-id", "--port", "x"});
        int exit = cli.getExecutionExceptionHandler().handleExecutionException(new IllegalStateException("boom"), cli, parsed);
        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        return err.toString();
    }
}
