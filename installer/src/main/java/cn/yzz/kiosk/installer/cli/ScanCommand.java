package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.SerialQrScanner;
import cn.yzz.kiosk.device.qr.Suffix;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.steps.ScanReport;
import cn.yzz.kiosk.installer.steps.ScanStep;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code kioskctl device scan}: take one code from a serial scanner and print it. */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "从串口扫码器（USB 虚拟串口或 RS-232）读一个二维码或条码并打印。",
            "不加 --reveal 时遮盖内容，只显示前 4 个和后 2 个字符及总长度：粤省事码等于一张凭证，完整内容不应出现在屏幕或记录里。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:扫到了码",
            "1:其他错误（内部错误）",
            "2:用法错误（缺少或写错了选项）",
            "3:在 --timeout 内没有扫到码",
            "4:扫码器没有响应（端口不存在、没有权限、数据线、电源，或 --mode 选错）",
            "5:与扫码器通信出错，重试后仍失败（扫码器拒绝命令、回复反复损坏）"
        },
        footer = {
            "",
            "--json 输出一行 JSON 对象：text、masked、charset（UTF-8 或 GBK）、bytes、chars、family、port、baud、scanMillis。",
            "",
            "例：kioskctl device scan --port /dev/ttyACM0",
            "    kioskctl device scan --port /dev/serial/by-id/usb-… --mode newland --json --timeout 30"
        })
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", required = true, paramLabel = "PATH",
            description = "扫码器所在的串口，例如 /dev/ttyACM0 或 /dev/serial/by-id/…")
    String port;

    @Option(names = "--mode", paramLabel = "FAMILY", defaultValue = "generic", converter = Family.class,
            completionCandidates = Family.class,
            description = "扫码模组的命令集（默认 ${DEFAULT-VALUE}）：${COMPLETION-CANDIDATES}"
                    + "（generic：GM65 等国产模组；newland：新大陆 NLS；ssi：斑马/讯宝 SSI）")
    ScannerFamily family;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "9600",
            description = "波特率（默认 ${DEFAULT-VALUE}；USB 虚拟串口忽略此项）")
    int baud;

    @Option(names = "--suffix", paramLabel = "SUFFIX", defaultValue = "CR",
            description = "扫码器在每个码后加的结束符（默认 ${DEFAULT-VALUE}）：${COMPLETION-CANDIDATES}；ssi 不用")
    Suffix suffix;

    @Option(names = "--presentation", description = "感应模式：不发触发命令，等人把码放到扫码器前（默认由本命令触发扫码）")
    boolean presentation;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", converter = Converters.Seconds.class,
            description = "最多等多少秒扫码（默认 ${DEFAULT-VALUE}，最多 3600）")
    Duration timeout;

    @Option(names = "--json", description = "输出一行 JSON，供脚本使用")
    boolean json;

    @Option(names = "--reveal", description = "显示完整内容（只在码的主人同意、身边没有旁人时使用）")
    boolean reveal;

    @Override
    public Integer call() throws Exception {
        if (baud <= 0) {
            throw new ParameterException(spec.commandLine(), "--baud 应为正整数：" + baud);
        }
        SerialQrScanner.Options options = new SerialQrScanner.Options(family,
                presentation ? SerialQrScanner.Mode.PRESENTATION : SerialQrScanner.Mode.HOST_TRIGGER,
                suffix, Duration.ofMillis(50), 4096);
        ScanStep.Result r = new ScanStep().scan(port, options, baud, timeout);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ScanReport.json(r, reveal) : ScanReport.text(r, reveal));
        out.flush();
        return ExitCodes.OK;
    }

    /** A scanner family by its id. */
    static final class Family implements ITypeConverter<ScannerFamily>, Iterable<String> {
        @Override
        public ScannerFamily convert(String value) {
            try {
                return ScannerFamily.of(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' 不是支持的扫码器型号，可用：" + String.join("、", this));
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ScannerFamily.values()).map(ScannerFamily::id).iterator();
        }
    }
}
