package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.SyncReport;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.Backend;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The commands that talk to the county backend: enroll, sync, status, backend pin. */
final class BackendCommands {

    private BackendCommands() {}

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = {"用一次性注册码把终端注册到县里的后台，把后台地址、公钥指纹、终端编号和令牌存进数据目录（只有终端用户可读）。",
                "https 后台必须给 --pin：终端只认这些公钥，注册请求本身也一样；指纹不符就不注册，数据目录不动。"},
            exitCodeListHeading = "%n退出码：%n", exitCodeList = {"0:已注册", "1:注册失败（网络、注册码或后台）", "2:用法错误"})
    static final class Enroll implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--backend", required = true, paramLabel = "URL", description = "县里后台的地址，例如 https://county.example/kiosk") String backend;
        @Option(names = "--pin", paramLabel = "sha256/BASE64",
                description = "后台的公钥指纹（县里给的，或用 kioskctl backend pin 查看后核对）；可重复，如现用和备用密钥各一个")
        List<String> pins = new ArrayList<>();
        @Option(names = "--code", required = true, paramLabel = "CODE", description = "一次性注册码，例如 7K3Q-92XD") String code;
        @Option(names = "--model", required = true, paramLabel = "desktop|enhanced", description = "终端型号：desktop 或 enhanced") String model;
        @Option(names = "--village-code", required = true, paramLabel = "NNNNNNNNNNNN", description = "12 位行政区划代码（村）") String villageCode;

        Enroll(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            if (!model.equals("desktop") && !model.equals("enhanced")) {
                throw new InstallerException(ExitCodes.USAGE, "--model 应是 desktop 或 enhanced，不是 " + model);
            }
            if (!villageCode.matches("\\d{12}")) {
                throw new InstallerException(ExitCodes.USAGE, "--village-code 应是 12 位数字，不是 " + villageCode);
            }
            java.nio.file.Path dir = data.dataDir;
            Enrollment e = Backend.enroll(dir, backend, pins, code, model, villageCode, env.clock());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("已注册：终端编号 %s，令牌已存入 %s（仅终端用户可读）%n", e.kioskId(), dir.resolve("enrollment.properties"));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, description = "立即把所有待上传的离线业务上传到后台（不等各自的重试间隔；已阻塞的除外，见 queue unblock）。",
            exitCodeListHeading = "%n退出码：%n",
            exitCodeList = {"0:没有待上传的业务了", "1:还有业务没上传（网络或后台的问题，稍后再试）", "2:用法错误"})
    static final class Sync implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--once", required = true, description = "上传一轮后退出（目前只支持这种方式）") boolean once;
        @Option(names = "--backend", paramLabel = "URL", description = "改用这个后台地址（覆盖注册时的地址）") String backend;

        Sync(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            SyncReport r = Backend.syncOnce(data.dataDir, backend, env.clock());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("上传 %d 条：确认 %d 条，被拒绝 %d 条；还剩 %d 条待上传%s%n", r.sent(), r.acknowledged(), r.rejected(), r.remaining(),
                    r.error() == null ? "" : "（" + r.error() + "）");
            if (r.waitUntil() != null) {
                long sec = Math.max(1, (java.time.Duration.between(env.clock().instant(), r.waitUntil()).toMillis() + 999) / 1000);
                out.printf("后台繁忙，要求 %d 秒后再试（%s 之后）%n", sec, r.waitUntil());
            }
            out.flush();
            return r.remaining() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "终端概况：注册、后台是否可达、离线队列、时钟偏差。",
            footer = {"", "--json 的字段：enrolled、kioskId、backend、reachable、error、queue（同 queue status）、clockSkewSec"})
    static final class Status implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;
        @Option(names = "--backend", paramLabel = "URL", description = "改用这个后台地址（覆盖注册时的地址）") String backend;

        Status(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            Backend.Status s = Backend.status(data.dataDir, backend, env.clock());
            QueueStatus q = s.queue();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("enrolled", s.enrollment().isPresent());
                m.put("kioskId", s.enrollment().map(e -> e.kioskId()).orElse(null));
                m.put("backend", backend != null ? backend : s.enrollment().map(e -> e.backendUrl()).orElse(null));
                m.put("reachable", s.reachable());
                m.put("error", s.reachError().isEmpty() ? null : s.reachError());
                m.put("queue", QueueCommand.json(q)); // the same object as queue status --json
                m.put("clockSkewSec", s.clockSkew().map(d -> d.toSeconds()).orElse(null));
                out.println(QueueCommand.write(m));
            } else {
                out.println(s.enrollment().map(e -> "已注册：" + e.kioskId() + "，后台 " + e.backendUrl()).orElse("未注册"));
                out.println(s.reachable() ? "后台可达" : "后台不可达：" + s.reachError());
                out.printf("离线队列：待上传 %d 条，已阻塞 %d 条，被拒绝 %d 条%n", q.pending(), q.blocked(), q.rejected());
                s.clockSkew().ifPresent(d -> out.printf("时钟偏差 %d 秒%s%n", d.toSeconds(),
                        Math.abs(d.toSeconds()) > 300 ? "（超过 5 分钟：凭条上的时间会不准，请校正时钟）" : ""));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "backend", mixinStandardHelpOptions = true, description = "县里后台的身份。",
            subcommands = {BackendCommands.Pin.class})
    static final class Group {}

    @Command(name = "pin", mixinStandardHelpOptions = true,
            description = {"显示后台出示的证书的公钥指纹（只看不信任，不发送任何内容），供与县里给的指纹核对。",
                "第一行是后台本身的；核对一致后用 kioskctl enroll --pin 注册。"},
            exitCodeListHeading = "%n退出码：%n", exitCodeList = {"0:已显示", "2:用法错误", "4:连不上后台"})
    static final class Pin implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Option(names = "--backend", required = true, paramLabel = "URL", description = "后台地址，例如 https://county.example/kiosk") String backend;

        @Override
        public Integer call() throws InstallerException {
            List<Backend.ShownKey> keys = Backend.shownKeys(backend, Duration.ofSeconds(10));
            PrintWriter out = spec.commandLine().getOut();
            out.println("后台 " + backend + " 出示的公钥指纹（与县里给的核对，一致才用 --pin 注册）：");
            for (int i = 0; i < keys.size(); i++) {
                out.printf("  %s  %s %s%n", keys.get(i).pin(), i == 0 ? "后台本身" : "上级证书", keys.get(i).subject());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
