package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.steps.IdCardRead;
import cn.yzz.kiosk.installer.steps.IdCardReadStep;
import cn.yzz.kiosk.installer.steps.IdCardReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kioskctl device read-id}: read one card and print it. */
@Command(name = "read-id",
        mixinStandardHelpOptions = true,
        description = {
            "从串口读卡器读一张身份证（居民身份证、港澳台居民居住证、外国人永久居留身份证）并打印。",
            "不加 --reveal 时遮盖个人信息：姓名和英文姓名只留姓（第一个字），证件号码和通行证号码只留前 3 位和后 4 位，"
                    + "住址只留前 6 个字，出生日期只留年份（如 1950-**-**）。性别、民族、国籍、签发机关和有效期限照常显示。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:读到了卡",
            "1:其他错误（内部错误）",
            "2:用法错误（缺少或写错了选项）",
            "3:在 --timeout 内读卡器上没有卡",
            "4:读卡器没有响应（端口不存在、没有权限、数据线、电源或波特率不对）",
            "5:卡片或通信出错，重试后仍失败（卡被移开、无法识别、回复反复损坏）",
            "6:读卡器报告硬件或安全模块（SAM）故障：需要维修或更换"
        },
        footer = {
            "",
            "--json 输出一行 JSON 对象。以下字段总是有（证件没有的项为空字符串）：",
            "  cardType（resident、hkmotw、foreign2017、foreign2023）、name、",
            "  englishName、sex、nation、birthDate、address、idNumber、issuer、",
            "  validFrom、validTo（yyyy-MM-dd 或 长期）；",
            "只在证件有时出现：passNumber、nationality、issueCount、cardVersion；",
            "另有 checks（证件问题）、masked、port、baud、readMillis。",
            "",
            "例：kioskctl device read-id --port /dev/ttyUSB0",
            "    kioskctl device read-id --port /dev/serial/by-id/usb-… --json --timeout 30"
        })
final class ReadIdCommand implements Callable<Integer> {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", required = true, paramLabel = "PATH",
            description = "读卡器所在的串口，例如 /dev/ttyUSB0 或 /dev/serial/by-id/…")
    String port;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "115200",
            converter = Converters.Baud.class, completionCandidates = Converters.Baud.class,
            description = "波特率（默认 ${DEFAULT-VALUE}）：${COMPLETION-CANDIDATES}；读卡器不应答时自动试其他波特率")
    int baud;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", converter = Converters.Seconds.class,
            description = "最多等多少秒让人放卡（默认 ${DEFAULT-VALUE}，最多 3600）")
    Duration timeout;

    @Option(names = "--json", description = "输出一行 JSON，供脚本使用")
    boolean json;

    @Option(names = "--reveal", description = "显示完整的个人信息（只在持卡人同意、身边没有旁人时使用）")
    boolean reveal;

    ReadIdCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        IdCardRead read = new IdCardReadStep(env.clock()).read(port, baud, timeout);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? IdCardReport.json(read, reveal) : IdCardReport.text(read, reveal));
        out.flush();
        return ExitCodes.OK;
    }
}
