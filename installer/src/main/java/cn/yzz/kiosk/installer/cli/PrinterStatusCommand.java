package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.serial.SerialSettings;
import cn.yzz.kiosk.installer.steps.PrinterStatusReport;
import cn.yzz.kiosk.installer.steps.ReceiptPrinterStep;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code kioskctl device printer-status}: ask the receipt printer how it is. */
@Command(name = "printer-status",
        mixinStandardHelpOptions = true,
        description = "询问串口凭条打印机的实时状态（DLE EOT）：是否联机、缺纸、纸将用完、机盖打开、切刀故障。不打印任何东西。",
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:打印机可以打印（纸将用完时也是 0，但会提示）",
            "1:其他错误（内部错误）",
            "2:用法错误（缺少或写错了选项）",
            "4:打印机没有响应（端口不存在、没有权限、数据线、电源或波特率不对）",
            "5:缺纸或机盖打开，或状态回复一直无法识别",
            "6:切刀故障或其他打印机故障：需要处理或维修"
        },
        footer = {
            "",
            "--json 输出一行 JSON：online、ready、paperEnd、paperNearEnd、coverOpen、cutterError、otherError、detail、port、baud。",
            "",
            "例：kioskctl device printer-status --port /dev/ttyS1 --json"
        })
final class PrinterStatusCommand implements Callable<Integer> {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", required = true, paramLabel = "PATH", description = "打印机所在的串口，例如 /dev/ttyS1 或 /dev/serial/by-id/…")
    String port;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "115200", converter = Baud.class, completionCandidates = Baud.class,
            description = "波特率（默认 ${DEFAULT-VALUE}）：${COMPLETION-CANDIDATES}，须与打印机设置一致")
    int baud;

    @Option(names = "--json", description = "输出一行 JSON，供脚本使用")
    boolean json;

    PrinterStatusCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        ReceiptPrinterStep.StatusRead read = new ReceiptPrinterStep(env.clock()).status(port, baud);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? PrinterStatusReport.json(read) : PrinterStatusReport.text(read));
        out.flush();
        return ReceiptPrinterStep.exitCode(read.status());
    }

    /** The speeds kiosk printers are set to. */
    static final class Baud implements ITypeConverter<Integer>, Iterable<String> {
        private static final List<String> SPEEDS = SerialSettings.SPEEDS.stream().map(String::valueOf).toList();

        @Override
        public Integer convert(String value) {
            if (!SPEEDS.contains(value.trim())) {
                throw new TypeConversionException("'" + value + "' 不是打印机常用的波特率，可用：" + String.join("、", SPEEDS));
            }
            return Integer.parseInt(value.trim());
        }

        @Override
        public Iterator<String> iterator() {
            return SPEEDS.iterator();
        }
    }
}
