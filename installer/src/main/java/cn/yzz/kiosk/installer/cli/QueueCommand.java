package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.Queue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kioskctl queue …}: the offline queue of transactions waiting for the county backend. */
@Command(name = "queue",
        mixinStandardHelpOptions = true,
        description = "查看和处理离线队列（等待上传到县里后台的业务）。",
        subcommands = {QueueCommand.Status.class, QueueCommand.ListEntries.class, QueueCommand.Unblock.class})
final class QueueCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Options of every queue command. */
    static final class DataDir {
        @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "终端的数据目录，例如 /var/lib/yzz-kiosk")
        Path dataDir;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "队列概况：待上传、已阻塞、被拒绝、已确认的条数，最早待上传的有多久。",
            footer = {"", "--json 的字段：pending、blocked、rejected、acknowledged、oldestPendingSec"})
    static final class Status implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin DataDir data;
        @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

        Status(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            QueueStatus s = Queue.status(data.dataDir, env.clock());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(write(json(s)));
            } else {
                out.printf("待上传 %d 条，已阻塞 %d 条，被拒绝 %d 条，已确认 %d 条%n", s.pending(), s.blocked(), s.rejected(), s.acknowledged());
                if (s.pending() > 0) {
                    out.printf("最早的一条已等待 %s%n", age(s.oldestPendingSec()));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "列出队列中的业务（最新的在前；个人信息已遮盖）。",
            footer = {"", "每行：业务编号、状态、类型、事项编码、县里的编号（确认后才有，申请类业务即办件编号；未确认为 -）、尝试次数、"
                    + "个人信息（已遮盖）、最近的错误。",
                    "--json 的字段：id、state、type、serviceCode、createdAt、attempts、amountFen、person、backendRef、lastError"})
    static final class ListEntries implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin DataDir data;
        @Option(names = "--json", description = "输出 JSON 数组，供脚本使用") boolean json;
        @Option(names = "--max", paramLabel = "N", defaultValue = "100", description = "最多列出多少条（默认 ${DEFAULT-VALUE}）") int max;

        ListEntries(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            List<OutboxEntry> entries = Queue.list(data.dataDir, env.clock(), max);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode a = JSON.createArrayNode();
                for (OutboxEntry e : entries) {
                    ObjectNode o = a.addObject();
                    o.put("id", e.transaction().id().toString());
                    o.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
                    o.put("type", e.transaction().type());
                    o.put("serviceCode", e.transaction().serviceCode());
                    o.put("createdAt", e.transaction().createdAt().toString());
                    o.put("attempts", e.attempts());
                    if (e.transaction().amountFen() != null) {
                        o.put("amountFen", e.transaction().amountFen());
                    }
                    o.put("person", e.transaction().person() == null ? null : e.transaction().person().toString());
                    o.put("backendRef", e.backendRef());
                    o.put("lastError", e.lastError());
                }
                out.println(write(a));
            } else {
                for (OutboxEntry e : entries) {
                    // The county's reference once acknowledged: for an application, the 办件编号 the villager can quote.
                    out.printf("%s  %-12s %-11s %-14s %-22s 尝试 %d 次  %s%s%n", e.transaction().id(), e.state(), e.transaction().type(),
                            e.transaction().serviceCode() == null ? "-" : e.transaction().serviceCode(),
                            e.backendRef() == null ? "-" : e.backendRef(), e.attempts(),
                            e.transaction().person() == null ? "" : e.transaction().person() + "  ",
                            e.lastError() == null ? "" : "（" + e.lastError() + "）");
                }
                out.printf("共 %d 条%n", entries.size());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "unblock", mixinStandardHelpOptions = true,
            description = "解除一条已阻塞业务的阻塞，让它马上重新上传。", exitCodeListHeading = "%n退出码：%n",
            exitCodeList = {"0:已解除", "1:没有这条已阻塞的业务，或数据库出错", "2:用法错误"})
    static final class Unblock implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin DataDir data;
        @Parameters(paramLabel = "ID", description = "业务编号（queue list 里的第一列）") String id;

        Unblock(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            UUID uuid;
            try {
                uuid = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new InstallerException(ExitCodes.USAGE, "业务编号的格式不对：" + id + "（应是 queue list 里的 UUID）");
            }
            if (!Queue.unblock(data.dataDir, env.clock(), uuid)) {
                throw new InstallerException(ExitCodes.FAILURE, "没有这条已阻塞的业务：" + id);
            }
            spec.commandLine().getOut().println("已解除阻塞，将马上重新上传：" + id);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    static String age(long seconds) {
        if (seconds < 120) {
            return seconds + " 秒";
        }
        if (seconds < 7200) {
            return seconds / 60 + " 分钟";
        }
        if (seconds < 172800) {
            return seconds / 3600 + " 小时";
        }
        return seconds / 86400 + " 天";
    }

    /** The queue as {@code queue status --json} and {@code status --json} write it; scripts read these keys. */
    static Map<String, Object> json(QueueStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pending", s.pending());
        m.put("blocked", s.blocked());
        m.put("rejected", s.rejected());
        m.put("acknowledged", s.acknowledged());
        m.put("oldestPendingSec", s.oldestPendingSec());
        return m;
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
