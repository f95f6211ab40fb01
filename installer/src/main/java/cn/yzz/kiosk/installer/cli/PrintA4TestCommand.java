package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.steps.A4TestPrint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kioskctl device print-a4-test}: print the A4 test page and wait until it is out. */
@Command(name = "print-a4-test",
        mixinStandardHelpOptions = true,
        description = {
            "通过 CUPS 在 A4 打印机上打印一张测试页（中文、跨两页的表格、二维码、页码），等打印机完成后报告结果。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:测试页已打印完成",
            "1:其他错误（内部错误）",
            "2:用法错误（缺少或写错了选项）",
            "4:找不到打印机、打印服务（CUPS）没有运行，或在 --timeout 内没有打完",
            "5:打印服务应答异常",
            "6:打印机已暂停、不接受新任务、中止了任务，或没有中文字体"
        },
        footer = {
            "",
            "例：kioskctl device print-a4-test",
            "    kioskctl device print-a4-test --printer PDF --timeout 120"
        })
final class PrintA4TestCommand implements Callable<Integer> {

    private final Env env;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--printer", paramLabel = "NAME", description = "CUPS 中的打印机名（lpstat -v 可列出）；不写时用系统默认打印机")
    String printer;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", converter = Converters.Seconds.class,
            description = "最多等多少秒让打印机打完（默认 ${DEFAULT-VALUE}，最多 3600）；超时的任务会被取消")
    Duration timeout;

    PrintA4TestCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        A4Printer.PrintResult r = new A4TestPrint(env.clock()).print(printer, timeout);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "A4 测试页已打印：打印机 %s，任务 %d，共 %d 页，用时 %.1f 秒%n", r.printer(), r.jobId(), r.pages(), r.millis() / 1000.0);
        out.flush();
        return ExitCodes.OK;
    }
}
