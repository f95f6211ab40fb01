package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.ProfileException;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.DeviceCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kioskctl device check --config FILE}: every configured device, through the kiosk's own drivers. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = "按终端配置逐台打开设备（用终端程序自己的驱动），说明每台设备是否正常、有问题时怎么处理。",
        exitCodeListHeading = "%n退出码：%n",
        exitCodeList = {
            "0:所有有驱动的设备都正常",
            "2:用法错误",
            "4:有设备没有响应（端口、数据线、电源、波特率，或打印服务、读卡服务没有运行）",
            "6:有设备报告故障（缺纸、机盖打开、打印机暂停等），需要处理",
            "7:配置文件有误"
        },
        footer = {"", "--json 输出一行 JSON：{\"devices\": [{\"key\", \"kind\", \"driver\", \"target\", \"state\", \"status\", \"code\", \"detail\"}]}"})
final class DeviceCheckCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "终端配置文件（kioskctl config check 检查格式）")
    Path file;
    @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

    @Override
    public Integer call() throws InstallerException {
        DeviceProfile profile;
        try {
            profile = DeviceProfile.load(file);
        } catch (ProfileException e) {
            throw new InstallerException(ExitCodes.BAD_CONFIGURATION, "配置有误：" + e.getMessage(), e);
        }
        List<DeviceCheck.Result> results = DeviceCheck.run(profile);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = results.stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", r.spec().key());
                m.put("kind", r.spec().kind().id());
                m.put("driver", r.spec().driver());
                m.put("target", r.spec().target().orElse(null));
                m.put("state", r.state().name());
                m.put("status", r.health() == null ? "NO_DRIVER" : r.health().status().name());
                m.put("code", r.health() == null ? "no-driver" : r.health().code());
                m.put("detail", r.health() == null ? "这一版程序还没有这种设备的驱动" : r.health().detail());
                return m;
            }).toList();
            try {
                out.println(new ObjectMapper().writeValueAsString(Map.of("devices", list)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            for (DeviceCheck.Result r : results) {
                String mark = r.health() == null ? "－" : r.ok() ? "✔" : "✘";
                out.printf("%s %-16s %-22s %s%n", mark, r.spec().kind().id(), r.spec().target().orElse("（默认）"),
                        r.health() == null ? "这一版程序还没有这种设备的驱动" : r.health().detail());
            }
        }
        out.flush();
        return DeviceCheck.exitCode(results);
    }
}
