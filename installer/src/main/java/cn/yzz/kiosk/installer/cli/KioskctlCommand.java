package cn.yzz.kiosk.installer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top command. It is not runnable by itself, so picocli answers a bare {@code kioskctl} with
 * "Missing required subcommand" and the usage. New groups (enroll, queue, sync, status,
 * install…) are added to {@code subcommands}; their commands take {@link Env} in the constructor,
 * keep their logic in {@code steps}, and fail by throwing
 * {@link cn.yzz.kiosk.installer.InstallerException}.
 */
@Command(name = "kioskctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "粤智助自助终端的现场工具：安装、检查和排查终端时使用。",
        subcommands = {DeviceCommand.class, EmulateCommand.class, BackendCommands.Enroll.class, QueueCommand.class,
                BackendCommands.Sync.class, SimulateCommand.class, BackendCommands.Status.class, ConfigCommand.class,
                CatalogCommand.class, CashCommand.class, BackendCommands.Group.class, InstallCommands.Install.class,
                InstallCommands.Uninstall.class, AcceptanceCommand.class,
                AdminCommands.Group.class, AdminCommands.Diagnostics.class, AdminCommands.Logs.class, AdminCommands.Audit.class},
        footer = {"", "每个子命令都有 --help，例如：kioskctl device read-id --help"})
public final class KioskctlCommand {

    /** The whole command line, wired the same way for {@code main} and for tests. */
    public static CommandLine commandLine(Env env) {
        CommandLine cli = new CommandLine(KioskctlCommand.class, new EnvFactory(env));
        cli.setExecutionStrategy(new QuietLogs(new CommandLine.RunLast()));
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        return cli;
    }
}
