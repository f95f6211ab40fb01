package cn.yzz.kiosk.installer.cli;

import picocli.CommandLine.Command;

/** {@code kioskctl device …}: talk to the kiosk's devices. */
@Command(name = "device",
        mixinStandardHelpOptions = true,
        description = "检查终端上的设备（读卡器等）。",
        subcommands = {DetectCommand.class, DeviceCheckCommand.class, ReadIdCommand.class, ScanCommand.class, ReadSsCardCommand.class, PrintTestCommand.class,
                PrinterStatusCommand.class, PrintA4TestCommand.class, BillTestCommand.class})
final class DeviceCommand {
}
