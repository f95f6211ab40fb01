package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.installer.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors: the problem, suggestions for a mistyped option, and the synopsis, so the problem
 * is not buried under a page of help. Groups show their full usage, which lists their commands.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(ErrorHandler.PREFIX + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        if (cmd.getSubcommands().isEmpty()) {
            err.print(cmd.getHelp().fullSynopsis());
            err.println("完整说明：" + cmd.getCommandSpec().qualifiedName() + " --help");
        } else {
            cmd.usage(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }
}
