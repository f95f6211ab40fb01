package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.profile.ProfileException;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.Acceptance;
import cn.yzz.kiosk.installer.steps.Acceptance.Item;
import cn.yzz.kiosk.installer.steps.Acceptance.Outcome;
import cn.yzz.kiosk.installer.steps.Acceptance.Result;
import cn.yzz.kiosk.installer.steps.AcceptanceReport;
import cn.yzz.kiosk.installer.steps.KioskLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kioskctl acceptance}: the installer's sign-off, with a PDF report to sign and a summary receipt. */
@Command(name = "acceptance",
        mixinStandardHelpOptions = true,
        description = {
            "验收：逐项检查终端并实际使用每台设备，按屏幕提示操作（放身份证、出示二维码、插社保卡、放一张纸币，纸币会退还），"
                    + "打印测试凭条和 A4 测试页；再检查注册、后台连接、时钟、磁盘空间和终端服务。",
            "最后写出 PDF 验收报告（打印后由安装人员和村委会签字），并在凭条打印机上打印验收结果。",
            "检查项目：" + "enrollment、backend、clock、disk、service、id-card、qr-scan、receipt、a4、ss-card、bill"
                    + "（设备项目只在配置里有该设备时检查）。"
        },
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:全部通过",
            "1:有项目未通过（其他原因，如未注册、后台不可达、服务没有安装），或报告写不出来",
            "2:用法错误",
            "3:有设备在 --timeout 内没有等到卡、码或纸币",
            "4:有设备没有响应（端口、数据线、电源、打印服务）",
            "5:卡片、纸币或通信出错",
            "6:有设备报告故障",
            "7:配置文件有误",
            "9:其余都通过，但有项目被跳过（不算验收通过）"
        },
        footer = {
            "",
            "有多项未通过时，退出码取第一项未通过的；标准错误上写明每一项未通过的项目。",
            "--json 输出一行 JSON：{\"accepted\", \"kioskId\", \"report\", \"items\": [{\"id\", \"title\", \"result\", \"detail\", \"device\", \"identity\", \"millis\"}]}，"
                    + "操作提示改到标准错误。",
            "",
            "例：kioskctl acceptance --config /etc/yzz-kiosk/kiosk.json --installer 张三 --report 验收报告.pdf",
            "    kioskctl acceptance --config kiosk.json --installer 张三 --skip ss-card=社保卡读卡器待更换"
        })
final class AcceptanceCommand implements Callable<Integer> {

    private final Env env;

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "终端配置文件（kioskctl config check 检查格式）")
    Path config;

    @Option(names = "--installer", required = true, paramLabel = "NAME", description = "安装人员姓名，写进报告和验收凭条")
    String installer;

    @Option(names = "--report", paramLabel = "FILE.pdf",
            description = "PDF 验收报告写到这里（默认：当前目录下的 acceptance-终端编号-时间.pdf）")
    Path report;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = KioskLayout.DATA_DIR,
            description = "终端的数据目录（默认 ${DEFAULT-VALUE}）")
    Path dataDir;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "在这个目录下找终端服务（与 kioskctl install --root 相同；默认 /，即本机）")
    Path root;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", converter = Converters.Seconds.class,
            description = "每一步最多等多少秒（放卡、扫码、放纸币、打印；默认 ${DEFAULT-VALUE}）")
    Duration timeout;

    @Option(names = "--skip", paramLabel = "ITEM=REASON",
            description = "跳过一项，必须写明原因，例如 --skip ss-card=社保卡读卡器待更换；可以写多次。跳过的项目不算通过")
    List<String> skip = new ArrayList<>();

    @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

    AcceptanceCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InstallerException {
        DeviceProfile profile;
        try {
            profile = DeviceProfile.load(config);
        } catch (ProfileException e) {
            throw new InstallerException(ExitCodes.BAD_CONFIGURATION, "配置有误：" + e.getMessage(), e);
        }
        Map<Item, String> skips = skips(profile);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter say = json ? err : out;
        say.println("开始验收：共 " + Acceptance.items(profile).size() + " 项，每一步最多等 " + timeout.toSeconds() + " 秒");
        say.flush();
        Acceptance.Run run = Acceptance.run(new Acceptance.Settings(profile, dataDir, root, timeout, skips, env.clock(),
                line -> {
                    say.println("  → " + line);
                    say.flush();
                }, r -> {
                    if (!json) {
                        out.printf("%-4s %s（%s，%s）：%s%n", r.outcome(), r.item().title(), r.item().id(), r.tookText(),
                                r.detail());
                        out.flush();
                    }
                }));

        Path pdf = report != null ? report : Path.of("acceptance-" + run.kioskId() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").format(run.ended().atZone(run.zone())) + ".pdf");
        int exit = run.exitCode();
        String written = "";
        try {
            AcceptanceReport.write(run, installer, pdf);
            written = pdf.toAbsolutePath().toString();
            say.println("验收报告已写到 " + written + "：打印后由安装人员和村委会签字");
        } catch (InstallerException e) {
            err.println(ErrorHandler.PREFIX + e.getMessage());
            exit = exit == ExitCodes.OK ? e.exitCode() : exit;
        }
        Optional<DeviceSpec> printer = profile.device(DeviceKind.RECEIPT_PRINTER);
        boolean printerOk = run.results().stream().anyMatch(r -> r.item() == Item.RECEIPT && r.passed());
        if (printer.isPresent() && printerOk) {
            try {
                Acceptance.printSummary(run, printer.get(), installer, written.isEmpty() ? "" : pdf.getFileName().toString());
                say.println("验收结果凭条已打印");
            } catch (InstallerException e) {
                err.println(ErrorHandler.PREFIX + e.getMessage());
                exit = exit == ExitCodes.OK ? e.exitCode() : exit;
            }
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accepted", run.accepted());
            m.put("kioskId", run.enrollment().map(e -> e.kioskId()).orElse(null));
            m.put("report", written.isEmpty() ? null : written);
            List<Map<String, Object>> items = new ArrayList<>();
            for (Result r : run.results()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("id", r.item().id());
                i.put("title", r.item().title());
                i.put("result", r.outcome().name());
                i.put("detail", r.detail());
                i.put("device", r.device().flatMap(DeviceSpec::target).orElse(null));
                i.put("identity", r.identity().isEmpty() ? null : r.identity());
                i.put("millis", r.took().toMillis());
                items.add(i);
            }
            m.put("items", items);
            out.println(QueueCommand.write(m));
        } else {
            out.println(run.accepted() ? "验收通过：全部 " + run.results().size() + " 项通过" : "验收没有通过");
        }
        out.flush();
        for (Result r : run.results()) {
            if (r.outcome() == Outcome.FAIL) {
                err.println(ErrorHandler.PREFIX + "未通过：" + r.item().title() + "（" + r.item().id() + "）：" + r.detail());
            } else if (r.outcome() == Outcome.SKIP) {
                err.println(ErrorHandler.PREFIX + "已跳过，不算通过：" + r.item().title() + "（" + r.item().id() + "）：" + r.detail());
            }
        }
        err.flush();
        return exit;
    }

    /** {@code --skip ITEM=REASON}: a known item this configuration has, and a reason. */
    private Map<Item, String> skips(DeviceProfile profile) {
        Map<Item, String> skips = new EnumMap<>(Item.class);
        for (String s : skip) {
            int eq = s.indexOf('=');
            String id = eq < 0 ? s : s.substring(0, eq);
            String reason = eq < 0 ? "" : s.substring(eq + 1).strip();
            Item item = Item.byId(id).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "没有检查项目「" + id + "」，可跳过的有：" + Item.allIds()));
            if (reason.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "跳过 " + item.id() + " 必须写明原因，例如 --skip "
                        + item.id() + "=设备待更换（原因会写进验收报告）");
            }
            if (!Acceptance.items(profile).contains(item)) {
                throw new ParameterException(spec.commandLine(), "配置里没有「" + item.title() + "」要用的设备，不必跳过 " + item.id());
            }
            skips.put(item, reason);
        }
        return skips;
    }
}
