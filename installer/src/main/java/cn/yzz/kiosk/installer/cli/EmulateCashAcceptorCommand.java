package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.steps.CashAcceptorEmulation;
import cn.yzz.kiosk.installer.steps.CashAcceptorEmulation.FaultSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code kioskctl emulate cash-acceptor}: an emulated ITL note validator (SSP/eSSP) whose state outlives it. */
@Command(name = "cash-acceptor",
        mixinStandardHelpOptions = true,
        description = {
            "模拟纸币识别器（ITL NV9 USB 类，SSP/eSSP 协议，9600 8N2）。钞箱、计数、通道中的纸币和入账记录保存在状态文件里："
                    + "进程被杀等于断电，用同一个状态文件再启动就从断电处继续（上电报 SLAVE RESET，通道里的纸币退出或入钞箱）。",
            "用 --pty-dir 自建一对虚拟串口（打印主机端路径 port: …），或用 --port 在已有的串口上应答。",
            "一直运行，直到按 Ctrl-C、关闭标准输入或输入 quit。运行中可以从标准输入输入命令：insert 元、fake、power-cut、"
                    + "remove-box、replace-box、fault F[:N][@事件]、status、credits、help 等。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:正常停止",
            "1:无法启动（没有安装 socat、串口打不开、状态文件不能读写）或 socat 意外退出",
            "2:用法错误"
        },
        footer = {
            "",
            "例：kioskctl emulate cash-acceptor --pty-dir /tmp/kiosk-pty --state /tmp/nv9.json",
            "    然后在另一个终端：kioskctl device bill-test --port /tmp/kiosk-pty/cash-host",
            "放在后台运行时加 --no-input。"
        })
final class EmulateCashAcceptorCommand implements Callable<Integer> {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--pty-dir", paramLabel = "DIR", description = "自建虚拟串口，链接放在 DIR/cash-host（给主机）和 DIR/cash-device")
    Path ptyDir;

    @Option(names = "--port", paramLabel = "PATH", description = "在这个已有的串口（例如别人建的虚拟串口的设备端）上应答")
    Path port;

    @Option(names = "--state", paramLabel = "FILE", required = true,
            description = "识别器的状态文件（JSON）；不存在则新建一台识别器")
    Path state;

    @Option(names = "--channels", paramLabel = "YUAN,…", converter = ChannelsConverter.class,
            description = "各通道面额（元），不用的通道写 0；默认 1,5,10,20,50,100")
    Dataset channels;

    @Option(names = "--essp", description = "加密模式：协商密钥前对命令回复 KEY NOT SET")
    boolean essp;

    @Option(names = "--stacker-capacity", paramLabel = "N", defaultValue = "-1",
            description = "钞箱装到 N 张时报“钞箱已满”（0 不限；不写则保持状态文件里的设置）")
    int stackerCapacity;

    @Option(names = "--fault", paramLabel = "FAULT[:N][@EVENT]", converter = FaultConverter.class,
            completionCandidates = FaultConverter.class,
            description = "注入故障，可重复：${COMPLETION-CANDIDATES}。N 为次数（不写则一直有效）；"
                    + "@EVENT 只影响带这个事件的轮询回复，例如 lose-reply:1@note-credit")
    List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--paced", description = "按 9600 波特的传输时间发送回复（默认立即发送）")
    boolean paced;

    @Option(names = "--no-input", description = "不读标准输入，一直运行到 Ctrl-C 或被终止（放在后台时用）")
    boolean noInput;

    EmulateCashAcceptorCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if ((ptyDir == null) == (port == null)) {
            throw new ParameterException(spec.commandLine(), "要写 --pty-dir=DIR 或 --port=PATH 中的一个");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CashAcceptorEmulation emulation = CashAcceptorEmulation.start(ptyDir, port, state, channels, essp,
                stackerCapacity, faults, paced)) {
            out.print(emulation.banner(!noInput));
            out.flush();
            emulation.serve(noInput ? null : env.in(), out);
        }
        return ExitCodes.OK;
    }

    static final class ChannelsConverter implements ITypeConverter<Dataset> {
        @Override
        public Dataset convert(String value) {
            try {
                return CashAcceptorEmulation.parseChannels(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FaultConverter implements ITypeConverter<FaultSpec>, Iterable<String> {
        @Override
        public FaultSpec convert(String value) {
            try {
                return FaultSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return FaultSpec.names().iterator();
        }
    }
}
