package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.profile.ProfileException;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kioskctl config …}: the kiosk's configuration (its device list) before the kiosk starts with it. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        description = "终端配置（设备清单）：检查配置文件，或打印示例配置。",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Example.class})
final class ConfigCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "检查配置文件，列出其中的设备；有错时指出是哪一项、应该怎么写（退出码 7）。",
            footer = {"", "--json 输出 {\"model\", \"devices\": [{\"key\", \"kind\", \"driver\", \"target\", \"options\"}]}"})
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "配置文件，例如 /etc/yzz-kiosk/kiosk.json")
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
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> devices = profile.devices().stream().map(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", d.key());
                    m.put("kind", d.kind().id());
                    m.put("driver", d.driver());
                    m.put("target", d.target().orElse(null));
                    m.put("options", new java.util.TreeMap<>(d.options()));
                    return m;
                }).toList();
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("model", profile.model());
                root.put("devices", devices);
                try {
                    out.println(new ObjectMapper().writeValueAsString(root));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                out.printf("配置正确：%s 型终端，%d 台设备%n", profile.model().equals("enhanced") ? "增强" : "桌面",
                        profile.devices().size());
                for (DeviceSpec d : profile.devices()) {
                    out.printf("  %-16s %-8s %-22s %s%n", d.kind().id(), d.driver(), d.target().orElse("（默认）"),
                            new java.util.TreeMap<>(d.options()));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "example", mixinStandardHelpOptions = true,
            description = "打印随终端提供的示例配置（desktop 桌面型，enhanced 增强型），复制后改端口即可。")
    static final class Example implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Parameters(paramLabel = "MODEL", description = "desktop 或 enhanced") String model;

        @Override
        public Integer call() throws InstallerException {
            if (!DeviceProfile.EXAMPLES.contains(model)) {
                throw new InstallerException(ExitCodes.USAGE, "没有 " + model + " 型的示例；可选：" + DeviceProfile.EXAMPLES);
            }
            spec.commandLine().getOut().print(DeviceProfile.example(model));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
