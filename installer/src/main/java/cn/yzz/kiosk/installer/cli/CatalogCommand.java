package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.CatalogCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kioskctl catalog …}: what the kiosks will make of a county's service catalogue. */
@Command(name = "catalog",
        mixinStandardHelpOptions = true,
        description = "县里的服务目录：发布前检查终端会提供哪些服务、哪些会被略去及原因。",
        subcommands = {CatalogCommand.Check.class})
final class CatalogCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "检查服务目录（文件，或后台正在提供的），逐项列出“提供”或“略去”及原因。",
            exitCodeListHeading = "%n退出码：%n",
            exitCodeList = {"0:每项服务都能提供", "1:后台拒绝（例如令牌失效）", "2:用法错误", "4:后台没有应答",
                    "7:目录整体无法使用（不是 JSON、没有 version 等）", "8:有服务会被略去"},
            footer = {"", "--json 输出 {\"version\", \"services\", \"offered\", \"leftOut\": [{\"code\", \"reason\"}]}"})
    static final class Check implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Option(names = "--file", paramLabel = "FILE", description = "要发布的目录文件（JSON）") Path file;
        @Option(names = "--backend", paramLabel = "URL", description = "后台地址：检查它正在提供的目录") String backend;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "已注册终端的数据目录：用它的令牌向后台取目录") Path dataDir;
        @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

        Check(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException {
            if ((file == null) == (backend == null && dataDir == null)) {
                throw new InstallerException(ExitCodes.USAGE, "请给出 --file FILE，或 --backend URL [--data-dir DIR]，二者选一");
            }
            if (file != null && dataDir != null) {
                throw new InstallerException(ExitCodes.USAGE, "--data-dir 只和 --backend 一起用");
            }
            Catalog c = file != null ? CatalogCheck.file(file) : CatalogCheck.backend(backend, dataDir, env.clock());
            PrintWriter out = spec.commandLine().getOut();
            int total = c.services().size() + c.leftOut().size();
            if (json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("version", c.version());
                root.put("services", total);
                root.put("offered", c.services().size());
                root.put("leftOut", c.leftOut().stream().map(l -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("code", l.code());
                    m.put("reason", l.path() + ": " + l.reason());
                    return m;
                }).toList());
                out.println(QueueCommand.write(root));
            } else {
                out.printf("服务目录 %s：共 %d 项，提供 %d 项，略去 %d 项%n", c.version(), total, c.services().size(), c.leftOut().size());
                for (Service s : c.services()) {
                    out.printf("  %-12s 提供  %s%n", s.code(), s.name());
                }
                for (Catalog.LeftOut l : c.leftOut()) {
                    out.printf("  %-12s 略去  %s: %s%n", l.code() == null ? "（无编码）" : l.code(), l.path(), l.reason());
                }
            }
            out.flush();
            return c.leftOut().isEmpty() ? ExitCodes.OK : ExitCodes.SOME_LEFT_OUT;
        }
    }
}
