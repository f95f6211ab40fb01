package cn.yzz.kiosk.installer.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** Options every leaf command takes; {@link QuietLogs} and {@link ErrorHandler} read them from the parse result. */
final class CommonOptions {

    static final String VERBOSE = "--verbose";

    @Option(names = {"-v", VERBOSE}, description = "把驱动日志和出错细节打印到标准错误（个人信息始终遮盖）")
    boolean verbose;

    /** True when the command that runs (the deepest subcommand) was given {@code --verbose}. */
    static boolean verbose(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption(VERBOSE);
    }
}
