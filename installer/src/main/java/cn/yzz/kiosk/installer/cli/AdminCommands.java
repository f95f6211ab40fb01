package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.admin.LogBook;
import cn.yzz.kiosk.cache.store.AuditLog;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.AdminTools;
import cn.yzz.kiosk.installer.steps.KioskLayout;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** County IT's administrator commands over SSH: {@code admin set-pin}, {@code diagnostics}, {@code logs}, {@code audit}. */
final class AdminCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AdminCommands() {}

    @Command(name = "admin", mixinStandardHelpOptions = true, description = "管理员控制台的设置。", subcommands = SetPin.class)
    static final class Group {}

    @Command(name = "set-pin", mixinStandardHelpOptions = true,
            description = {"设置终端管理员控制台的密码（" + AdminPin.MIN_LENGTH + " 到 " + AdminPin.MAX_LENGTH + " 位数字，不能是同一个数字或顺序数字）。",
                "在终端上输入两次，不显示；没有终端时从标准输入读两行（可用管道），密码从不写在命令行上。设置后错误次数清零、锁定解除。"},
            exitCodeListHeading = "%n退出码：%n", exitCodeList = {"0:已设置", "1:两次不一致、太简单或写不了文件（密码没有改）", "2:用法错误"})
    static final class SetPin implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;

        SetPin(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            char[] first;
            char[] second;
            Console console = System.console();
            if (console != null && env.in() == System.in) {
                first = console.readPassword("请输入新的管理员密码（%d 到 %d 位数字）：", AdminPin.MIN_LENGTH, AdminPin.MAX_LENGTH);
                second = console.readPassword("请再输入一次：");
            } else {
                // No terminal: two lines from stdin (printf '%s\n%s\n' "$PIN" "$PIN" | kioskctl admin set-pin …).
                BufferedReader in = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8));
                try {
                    String a = in.readLine();
                    String b = in.readLine();
                    first = a == null ? null : a.strip().toCharArray();
                    second = b == null ? null : b.strip().toCharArray();
                } catch (IOException e) {
                    throw new InstallerException(ExitCodes.FAILURE, "读不了标准输入（" + e.getMessage() + "）", e);
                }
            }
            if (first == null || second == null) {
                throw new InstallerException(ExitCodes.FAILURE, "没有读到两次密码：在终端上运行时按提示输入两次；用管道时给两行，每行一次。密码没有改");
            }
            AdminTools.setPin(data.dataDir, env.clock(), first, second);
            PrintWriter out = spec.commandLine().getOut();
            out.println("管理员密码已设置，控制台的错误次数已清零。");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "diagnostics", mixinStandardHelpOptions = true,
            description = {"导出诊断包（zip，最大 5 MB）：日志（已遮盖）、配置（不含令牌和密钥）、设备状态、队列条数、最近的审计记录、版本和清单。",
                "包里没有完整的身份证号、姓名、令牌和密钥；日志太大时只保留最新的部分，清单里会注明。"},
            exitCodeListHeading = "%n退出码：%n", exitCodeList = {"0:已写出", "1:写不了（目录不存在、没有权限、磁盘满）", "2:用法错误"})
    static final class Diagnostics implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "写到这个文件；给一个目录则用 yzz-diagnostics-<终端编号>-<时间>.zip 命名")
        Path out;
        @Option(names = "--config", paramLabel = "FILE", description = "终端配置文件（默认 " + KioskLayout.CONFIG + "，存在时）") Path config;

        Diagnostics(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            Path cfg = config != null ? config : Files.isRegularFile(Path.of(KioskLayout.CONFIG)) ? Path.of(KioskLayout.CONFIG) : null;
            AdminTools.Written w = AdminTools.diagnostics(data.dataDir, cfg, out, env.clock(), new VersionProvider().getVersion()[0]);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("诊断包已写到 %s（%.1f KB）%n", w.file().toAbsolutePath(), w.bytes() / 1024.0);
            if (w.logsTrimmed()) {
                o.println("日志太大，只放了最新的部分（manifest.json 里写明了放了多少条）。");
            }
            o.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "显示终端的日志（个人信息已遮盖），最早的在前。",
            footer = {"", "例如：kioskctl logs --since 2h --level 警告 --data-dir /var/lib/yzz-kiosk"})
    static final class Logs implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--since", paramLabel = "DURATION", converter = Since.class, description = "只看最近这段时间的，例如 30m、2h、1d")
        Duration since;
        @Option(names = "--level", paramLabel = "LEVEL", converter = LevelWord.class,
                description = "只看这个级别及以上的：SEVERE、WARNING、INFO、FINE，或 错误、警告、信息")
        Level level;

        Logs(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            LogBook.Filter filter = new LogBook.Filter(level, since == null ? null : env.clock().instant().minus(since));
            List<LogBook.Entry> entries = AdminTools.logs(data.dataDir, env.clock(), filter);
            PrintWriter out = spec.commandLine().getOut();
            for (LogBook.Entry e : entries) {
                out.println(e.text());
            }
            if (entries.isEmpty()) {
                out.println("（没有符合条件的日志）");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "显示审计记录：谁在什么时候做了什么、结果如何（控制台和 kioskctl 的操作），最早的在前。",
            footer = {"", "--json 输出 JSON 数组，每项：at、who、what、result"})
    static final class Audit implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--json", description = "输出 JSON 数组，供脚本使用") boolean json;
        @Option(names = "--max", paramLabel = "N", defaultValue = "200", description = "最多显示最新的多少条（默认 ${DEFAULT-VALUE}）") int max;

        Audit(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            if (max < 1) {
                throw new InstallerException(ExitCodes.USAGE, "--max 应是正整数，不是 " + max);
            }
            List<AuditLog.Entry> entries = AdminTools.audit(data.dataDir, env.clock(), max);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode a = mapper.createArrayNode();
                for (AuditLog.Entry e : entries) {
                    ObjectNode o = a.addObject();
                    o.put("at", e.at().toString());
                    o.put("who", e.who());
                    o.put("what", e.what());
                    o.put("result", e.result());
                }
                out.println(QueueCommand.write(a));
            } else {
                for (AuditLog.Entry e : entries) {
                    out.printf("%s  %-20s %s  %s%n", TIME.format(e.at().atZone(env.clock().getZone())), e.who(), e.what(), e.result());
                }
                out.printf("共 %d 条%n", entries.size());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** 30m, 2h, 1d (also 90s): how far back. */
    static final class Since implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*([smhd])");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TypeConversionException("'" + value + "' 不是一段时间：写数字加单位，例如 30m（分钟）、2h（小时）、1d（天）");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }

    /** SEVERE/WARNING/INFO/FINE or 错误/警告/信息. */
    static final class LevelWord implements ITypeConverter<Level> {
        @Override
        public Level convert(String value) {
            return LogBook.level(value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' 不是日志级别：可用 SEVERE、WARNING、INFO、FINE，或 错误、警告、信息"));
        }
    }
}
