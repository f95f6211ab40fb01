package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.DeviceDetect;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kioskctl device detect}: which device is on which port. */
@Command(name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "找出每台设备接在哪个端口：逐个串口（/dev/ttyS*、/dev/ttyUSB*、/dev/ttyACM*、/dev/serial/by-id/*，以及 --port 给的）"
                    + "以各种波特率发出各协议无害的查询（身份证读卡器 SAM_V 状态、扫码器查询、小票打印机 DLE EOT 状态、纸币识别器 SSP SYNC），"
                    + "并列出 PC/SC 社保卡读卡器和 CUPS 打印机。",
            "不打印、不收钞（从不启用纸币识别器）、不改设备设置。所有串口同时探测，没有应答的串口约 3 秒。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:探测完成（不论找到什么；没找到的端口列为 unknown）",
            "1:其他错误（内部错误，或 --write-config 的文件写不进去）",
            "2:用法错误",
            "7:用了 --write-config，但找到的设备组不成配置（没有身份证读卡器），文件没有写"
        },
        footer = {
            "",
            "--json 输出一行 JSON 数组：[{\"port\", \"kind\", \"driver\", \"baud\", \"detail\"}]。",
            "  kind 是配置里的设备类型（idcard-reader、qr-scanner、receipt-printer、cash-acceptor、sscard-reader、a4-printer），",
            "  认不出的端口为 unknown（driver 为 null）；baud 是设备应答的波特率，非串口设备和 unknown 为 null。",
            "  port 优先给 /dev/serial/by-id/ 下的稳定名称；社保卡读卡器是 PC/SC 读卡器名，A4 打印机是 CUPS 打印机名。",
            "",
            "--write-config FILE 按找到的设备写终端配置（与 kioskctl config example 同格式，写前已按 config check 检查），",
            "  每类设备取找到的第一台，有增强型设备时 model 为 enhanced；FILE 已存在时旧文件保留为 FILE.bak。",
            "",
            "例：kioskctl device detect",
            "    kioskctl device detect --write-config /etc/yzz-kiosk/kiosk.json",
            "    kioskctl device detect --port /dev/ttyXRUSB0 --json"
        })
final class DetectCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

    @Option(names = "--write-config", paramLabel = "FILE", description = "按找到的设备写终端配置文件")
    Path writeConfig;

    @Option(names = "--port", paramLabel = "PATH", description = "另外要探测的串口（可重复），例如不在常见位置的 USB 串口")
    List<String> ports = new ArrayList<>();

    /** For tests: a folder standing in for /dev (links to ptys), so that the machine's own ports are left alone. */
    @Option(names = "--dev", paramLabel = "DIR", hidden = true, defaultValue = "/dev")
    Path dev;

    @Override
    public Integer call() throws InstallerException {
        DeviceDetect.Report report = new DeviceDetect(dev).run(ports);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DeviceDetect.Found f : report.found()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("port", f.port());
                m.put("kind", f.kindId());
                m.put("driver", f.driver());
                m.put("baud", f.baud());
                m.put("detail", f.detail());
                rows.add(m);
            }
            try {
                out.println(new ObjectMapper().writeValueAsString(rows));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            report.notes().forEach(n -> err.println("注意：" + n));
        } else {
            table(out, report);
        }
        out.flush();
        if (writeConfig != null) {
            String text;
            try {
                text = DeviceDetect.configuration(report);
            } catch (IllegalStateException e) {
                throw new InstallerException(ExitCodes.BAD_CONFIGURATION, e.getMessage(), e);
            }
            try {
                DeviceDetect.write(writeConfig, text);
            } catch (IOException e) {
                throw new InstallerException(ExitCodes.FAILURE, "配置文件 " + writeConfig + " 写不进去：" + e.getMessage()
                        + "（检查目录是否存在、是否有写权限）", e);
            }
            (json ? err : out).println("已写配置 " + writeConfig + "；下一步：kioskctl config check --config " + writeConfig
                    + "，再 kioskctl device check --config " + writeConfig);
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }

    private static void table(PrintWriter out, DeviceDetect.Report report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"端口", "设备", "驱动", "波特率", "说明"});
        for (DeviceDetect.Found f : report.found()) {
            if (f.kind().isEmpty() && f.detail().startsWith("没有串口芯片")) {
                continue; // summed up in the notes below: a virtual machine may have 32 of them
            }
            rows.add(new String[] {f.port(), f.kind().map(k -> name(k.id()) + " " + k.id()).orElse("未知 unknown"),
                    f.driver() == null ? "-" : f.driver(), f.baud() == null ? "-" : String.valueOf(f.baud()), f.detail()});
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], columns(r[i]));
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                b.append(r[i]).append(" ".repeat(width[i] - columns(r[i]) + 2));
            }
            out.println(b.append(r[4]).toString().stripTrailing());
        }
        for (String n : report.notes()) {
            out.println("注意：" + n);
        }
        out.printf(Locale.ROOT, "查看了 %d 个串口，用时 %.1f 秒%n", report.serialPorts(), report.millis() / 1000.0);
    }

    private static String name(String kind) {
        return switch (kind) {
            case "idcard-reader" -> "身份证读卡器";
            case "qr-scanner" -> "扫码器";
            case "receipt-printer" -> "小票打印机";
            case "cash-acceptor" -> "纸币识别器";
            case "sscard-reader" -> "社保卡读卡器";
            case "a4-printer" -> "A4 打印机";
            default -> kind;
        };
    }

    /** Terminal columns: a Chinese character takes two. */
    private static int columns(String s) {
        return s.codePoints().map(c -> c >= 0x1100 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1).sum();
    }
}
