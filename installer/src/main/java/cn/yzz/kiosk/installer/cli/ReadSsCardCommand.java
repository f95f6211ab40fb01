package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.steps.SsCardRead;
import cn.yzz.kiosk.installer.steps.SsCardReadStep;
import cn.yzz.kiosk.installer.steps.SsCardReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kioskctl device read-sscard}: read one social security card and print it. */
@Command(name = "read-sscard",
        mixinStandardHelpOptions = true,
        description = {
            "通过 PC/SC（pcscd）从读卡器读一张社会保障卡并打印。",
            "不加 --reveal 时遮盖个人信息：姓名只留姓，社会保障号码和社保卡号只留前 3 位和后 4 位，出生日期只留年份。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:读到了卡（卡已过期也是 0，输出里会注明）",
            "1:其他错误（内部错误）",
            "2:用法错误（缺少或写错了选项）",
            "3:在 --timeout 内读卡器里没有卡",
            "4:读卡器或读卡服务 pcscd 没有响应（没有读卡器、名称不对、pcscd 没有运行）",
            "5:卡片或通信出错（不是社保卡、卡在读取中被拔出、数据无法识别）"
        },
        footer = {
            "",
            "--json 输出一行 JSON 对象，字段固定为：cardNumber、idNumber、name、sex、nation、",
            "  birthDate、issueDate、expiryDate、specVersion（日期为 yyyy-MM-dd）。",
            "",
            "例：kioskctl device read-sscard",
            "    kioskctl device read-sscard --reader \"ACS ACR39U ICC Reader 00 00\" --json"
        })
final class ReadSsCardCommand implements Callable<Integer> {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--reader", paramLabel = "NAME",
            description = "PC/SC 读卡器名称（全名，或只对得上一个读卡器的开头部分）；不写则用第一个读卡器。名称不对时，报错会列出已接入的读卡器")
    String reader;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", converter = Converters.Seconds.class,
            description = "最多等多少秒让人插卡（默认 ${DEFAULT-VALUE}，最多 3600）")
    Duration timeout;

    @Option(names = "--json", description = "输出一行 JSON，供脚本使用")
    boolean json;

    @Option(names = "--reveal", description = "显示完整的个人信息（只在持卡人同意、身边没有旁人时使用）")
    boolean reveal;

    ReadSsCardCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        SsCardRead read = new SsCardReadStep(env.clock()).read(reader, timeout);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? SsCardReport.json(read, reveal) : SsCardReport.text(read, reveal));
        out.flush();
        return ExitCodes.OK;
    }
}
