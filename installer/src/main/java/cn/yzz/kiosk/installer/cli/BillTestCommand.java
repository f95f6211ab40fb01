package cn.yzz.kiosk.installer.cli;

import static cn.yzz.kiosk.installer.steps.CashSteps.yuan;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.steps.CashSteps;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kioskctl device bill-test}: read notes into escrow and hand every one back. */
@Command(name = "bill-test",
        mixinStandardHelpOptions = true,
        description = {
            "测试纸币识别器（ITL NV9 USB / NV200，SSP）：在 --seconds 秒内放入的纸币读到暂存位置后报告面额，然后全部退回，一张也不收。",
            "面额从识别器读出（SETUP REQUEST），不靠猜。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:至少放入了一张纸币（认出的已退回；认不出的也算）",
            "1:其他错误（内部错误）",
            "2:用法错误（缺少或写错了选项）",
            "3:在 --seconds 内没有放入纸币",
            "4:识别器没有响应（端口不存在、没有权限、数据线、电源）",
            "5:与识别器通信出错，重试后仍失败",
            "6:识别器报告故障或不能使用（例如需要加密密钥、不是人民币数据集）"
        },
        footer = {
            "",
            "--json 输出一行 JSON 对象：serial、protocolVersion、channelsFen（各通道面额，分；0 为不用的通道）、"
                    + "notes（每张：valueFen、channel）、rejected（识别器认不出而退回的张数）。",
            "",
            "例：kioskctl device bill-test --port /dev/ttyACM0 --seconds 60"
        })
final class BillTestCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", required = true, paramLabel = "PATH", description = "识别器所在的串口，例如 /dev/ttyACM0")
    String port;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "30", converter = Converters.Seconds.class,
            description = "测试多少秒（默认 ${DEFAULT-VALUE}，最多 3600）")
    Duration seconds;

    @Option(names = "--json", description = "输出一行 JSON，供脚本使用")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("请在 %d 秒内放入纸币，读出面额后会退回%n", seconds.toSeconds());
            out.flush();
        }
        CashSteps.BillTest t = CashSteps.billTest(port, seconds);
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("serial", t.unit().serial());
            o.put("protocolVersion", t.unit().protocolVersion());
            t.unit().channelsFen().forEach(o.putArray("channelsFen")::add);
            var notes = o.putArray("notes");
            t.notes().forEach(n -> notes.addObject().put("valueFen", n.valueFen()).put("channel", n.channel()));
            o.put("rejected", t.rejected());
            out.println(JSON.writeValueAsString(o));
        } else {
            out.printf("识别器序列号 %d，协议版本 %d，固件 %s，%s%n", t.unit().serial(), t.unit().protocolVersion(),
                    t.unit().firmware(), t.unit().encrypted() ? "加密（eSSP）" : "不加密（SSP）");
            StringBuilder ch = new StringBuilder();
            for (int i = 0; i < t.unit().channelsFen().size(); i++) {
                long v = t.unit().channelsFen().get(i);
                ch.append(i == 0 ? "" : "，").append("通道 ").append(i + 1).append(' ').append(v == 0 ? "不用" : yuan(v));
            }
            out.println(ch);
            t.notes().forEach(n -> out.printf("读到 %s（通道 %d），已退回%n", yuan(n.valueFen()), n.channel()));
            out.printf("共读到 %d 张，认不出退回 %d 张%n", t.notes().size(), t.rejected());
        }
        out.flush();
        if (t.notes().isEmpty() && t.rejected() == 0) {
            spec.commandLine().getErr().println(ErrorHandler.PREFIX + "在 " + seconds.toSeconds() + " 秒内没有放入纸币");
            spec.commandLine().getErr().flush();
            return ExitCodes.NO_MEDIA;
        }
        return ExitCodes.OK;
    }
}
