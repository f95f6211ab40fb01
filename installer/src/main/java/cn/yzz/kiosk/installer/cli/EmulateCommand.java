package cn.yzz.kiosk.installer.cli;

import picocli.CommandLine.Command;

/** {@code kioskctl emulate …}: stand-in devices for training and for trying commands without hardware. */
@Command(name = "emulate",
        mixinStandardHelpOptions = true,
        description = "在虚拟串口上模拟设备，没有硬件时用来练习和试用其他命令。",
        subcommands = {EmulateIdReaderCommand.class, EmulateCashAcceptorCommand.class})
final class EmulateCommand {
}
