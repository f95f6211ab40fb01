package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.steps.FaultSpec;
import cn.yzz.kiosk.installer.steps.IdReaderEmulation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kioskctl emulate id-reader}: an emulated SAM_V reader on a pty pair. */
@Command(name = "id-reader",
        mixinStandardHelpOptions = true,
        description = {
            "用 socat 建一对虚拟串口，在一端模拟身份证读卡器，打印另一端的路径（port: …）给 device read-id 使用。",
            "一直运行，直到按 Ctrl-C、关闭标准输入或输入 quit。运行中可以从标准输入输入命令：place ID、remove、"
                    + "fault F[:N][@CMD]、clear、cards、status、help。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:正常停止",
            "1:无法启动（例如没有安装 socat）或 socat 意外退出",
            "2:用法错误"
        },
        footer = {
            "",
            "例：kioskctl emulate id-reader --pty-dir /tmp/kiosk-pty --card elder-yao",
            "    然后在另一个终端：",
            "    kioskctl device read-id --port /tmp/kiosk-pty/idreader-host",
            "放在后台运行时加 --no-input（否则读终端会让它停住，或读到空输入立即退出）。"
        })
final class EmulateIdReaderCommand implements Callable<Integer> {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--pty-dir", paramLabel = "DIR", description = "虚拟串口的链接放在这个目录：DIR/idreader-host 和 DIR/idreader-device")
    Path ptyDir;

    @Option(names = "--card", paramLabel = "ID", converter = Converters.Card.class, completionCandidates = Converters.Card.class,
            description = "开始时放在读卡器上的测试卡：${COMPLETION-CANDIDATES}（不写则没有卡）")
    CardFixture card;

    @Option(names = "--fault", paramLabel = "FAULT[:N][@CMD]", converter = Converters.Faults.class,
            completionCandidates = Converters.Faults.class,
            description = "注入故障，可重复：${COMPLETION-CANDIDATES}。N 为次数（不写则一直有效），"
                    + "@CMD 只影响某条 SAM_V 命令的回复，例如 bad-checksum@read-text-photo")
    List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--paced", description = "按真实波特率的传输时间发送回复（默认立即发送）")
    boolean paced;

    @Option(names = "--no-input", description = "不读标准输入，一直运行到 Ctrl-C 或被终止（放在后台时用）")
    boolean noInput;

    @Option(names = "--list-cards", description = "列出测试卡的 ID 和说明，然后退出")
    boolean listCards;

    EmulateIdReaderCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listCards) {
            out.print(IdReaderEmulation.cardList());
            out.flush();
            return ExitCodes.OK;
        }
        if (ptyDir == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--pty-dir=DIR'（或用 --list-cards）");
        }
        try (IdReaderEmulation emulation = IdReaderEmulation.start(ptyDir, card, faults, paced)) {
            out.print(emulation.banner(!noInput));
            out.flush();
            emulation.serve(noInput ? null : env.in(), out);
        }
        return ExitCodes.OK;
    }
}
