package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.KioskInstall;
import cn.yzz.kiosk.installer.steps.KioskLayout;
import cn.yzz.kiosk.installer.steps.SystemCommands;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kioskctl install} and {@code uninstall}: the kiosk as a locked-down service that starts on boot. */
final class InstallCommands {

    private InstallCommands() {}

    private static final String ROOT_HELP = "写到这个目录下（制作系统镜像或测试时用），不创建用户、不运行 systemctl；不给则装到本机";

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"把终端装成开机自动启动、锁定的服务：系统用户 " + KioskLayout.USER + "（在 dialout 组）、数据目录 "
                    + KioskLayout.DATA_DIR + "（仅该用户可读）、配置 " + KioskLayout.CONFIG + "、systemd 服务（独立的 X 会话，"
                    + "没有窗口管理器，退出后 5 秒内重启）、禁止切换终端和组合键退出、串口设备的固定名称 /dev/yzz-…、日志轮转。",
                    "先像 config check 那样检查配置，有错时什么都不写（退出码 7）。再装一次结果相同。"},
            exitCodeListHeading = "%n退出码：%n",
            exitCodeList = {"0:已安装", "1:写文件或运行系统命令失败", "2:用法错误", "7:配置有误"})
    static final class Install implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "终端配置，例如 kioskctl device detect --write-config 写出的文件")
        Path config;
        @Option(names = "--root", paramLabel = "DIR", description = ROOT_HELP) Path root;

        @Override
        public Integer call() throws InstallerException {
            KioskInstall.Report r = installer(root).install(config);
            print(spec, "已安装", r);
            return ExitCodes.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "停止并删除 install 装的服务和设置。数据目录 " + KioskLayout.DATA_DIR + " 保留，加 --purge 才删除；用户保留。",
            exitCodeListHeading = "%n退出码：%n", exitCodeList = {"0:已卸载", "1:删除文件或运行系统命令失败", "2:用法错误"})
    static final class Uninstall implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Option(names = "--root", paramLabel = "DIR", description = ROOT_HELP) Path root;
        @Option(names = "--purge", description = "连数据目录（交易、现金记录、注册信息、日志）一起删除") boolean purge;

        @Override
        public Integer call() throws InstallerException {
            KioskInstall.Report r = installer(root).uninstall(purge);
            print(spec, "已删除", r);
            return ExitCodes.OK;
        }
    }

    private static KioskInstall installer(Path root) {
        return root == null ? new KioskInstall(Path.of("/"), Optional.of(SystemCommands.system()))
                : new KioskInstall(root, Optional.empty());
    }

    private static void print(CommandSpec spec, String heading, KioskInstall.Report r) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(heading + "：");
        r.paths().forEach(p -> out.println("  " + p));
        r.notes().forEach(n -> out.println("注意：" + n));
        out.flush();
    }
}
