package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become stderr lines and exit codes. Steps throw
 * {@link InstallerException} with plain words; anything else is a bug, reported in one line
 * (the stack trace only with {@code --verbose}).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final String PREFIX = "kioskctl: ";

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = CommonOptions.verbose(parsed);
        if (e instanceof InstallerException failure) {
            err.println(PREFIX + failure.getMessage());
            if (verbose && failure.getCause() != null) {
                failure.getCause().printStackTrace(err);
            }
            err.flush();
            return failure.exitCode();
        }
        err.println(PREFIX + "内部错误（" + e + "）" + (verbose ? "" : "；加 --verbose 可看到详细信息，请转给开发人员"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }
}
