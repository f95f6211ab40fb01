package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.installer.ExitCodes;
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

/** {@code kioskctl device print-test}: print a Chinese test receipt with a QR code. */
@Command(name = "print-test",
        mixinStandardHelpOptions = true,
        description = {
            "在串口凭条打印机上打印一张中文测试凭条（含对齐的金额和一个二维码），然后切纸。",
            "打印前先查询打印机状态：缺纸、机盖打开、切刀故障或没有响应时不发送任何打印内容；"
                    + "打印后再查询一次，中途缺纸或出错时报告失败。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:测试凭条已打印",
            "1:其他错误（内部错误）",
            "2:用法错误（缺少或写错了选项）",
            "4:打印机没有响应（端口不存在、没有权限、数据线、电源或波特率不对）",
            "5:缺纸或机盖打开（打印前或打印中），或状态回复一直无法识别",
            "6:切刀故障或其他打印机故障：需要处理或维修"
        },
        footer = {"", "例：kioskctl device print-test --port /dev/ttyS1 --paper 58"})
final class PrintTestCommand implements Callable<Integer> {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", required = true, paramLabel = "PATH", description = "打印机所在的串口，例如 /dev/ttyS1 或 /dev/serial/by-id/…")
    String port;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "115200", converter = PrinterStatusCommand.Baud.class,
            completionCandidates = PrinterStatusCommand.Baud.class,
            description = "波特率（默认 ${DEFAULT-VALUE}）：${COMPLETION-CANDIDATES}，须与打印机设置一致")
    int baud;

    @Option(names = "--paper", paramLabel = "MM", defaultValue = "80", converter = PaperWidth.class, completionCandidates = PaperWidth.class,
            description = "纸宽，毫米（默认 ${DEFAULT-VALUE}）：${COMPLETION-CANDIDATES}")
    Paper paper;

    PrintTestCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        ReceiptPrinterStep.PrintTest t = new ReceiptPrinterStep(env.clock()).printTest(port, baud, paper);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("测试凭条已打印：%d 字节，用时 %d 毫秒（%s，%d 波特，%s 毫米纸）%n", t.job().bytes(), t.job().millis(), t.port(), t.baud(),
                paper == Paper.MM80 ? "80" : "58");
        out.println("二维码内容：" + t.qr());
        if (t.job().after().paperNearEnd()) {
            out.println("注意：" + t.job().after().detail());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** 80 or 58 (mm). */
    static final class PaperWidth implements ITypeConverter<Paper>, Iterable<String> {
        @Override
        public Paper convert(String value) {
            return switch (value.trim()) {
                case "80" -> Paper.MM80;
                case "58" -> Paper.MM58;
                default -> throw new TypeConversionException("'" + value + "' 不是纸宽，可用：80、58");
            };
        }

        @Override
        public Iterator<String> iterator() {
            return List.of("80", "58").iterator();
        }
    }
}
