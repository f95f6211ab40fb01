package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.Simulation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kioskctl simulate --transactions N [--seed S]}: synthetic transactions through the real enqueue path. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"在离线队列里生成 N 条模拟业务（缴费、申请、打印、评价、钱箱核对各类型轮流），走真实的入队路径。",
                "用于验收和压力测试；人是编造的（身份证号以不存在的地区码 999999 开头）。"})
final class SimulateCommand implements Callable<Integer> {

    private final Env env;
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin QueueCommand.DataDir data;

    @Option(names = "--transactions", required = true, paramLabel = "N", description = "生成多少条（1 到 1000000）")
    int transactions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "随机种子，同一种子生成同样的内容（默认 ${DEFAULT-VALUE}）")
    long seed;

    @Option(names = "--kiosk-id", paramLabel = "ID", defaultValue = "SIM-0001", description = "凭条号里的终端编号（默认 ${DEFAULT-VALUE}）")
    String kioskId;

    SimulateCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InstallerException {
        if (transactions < 1 || transactions > 1_000_000) {
            throw new InstallerException(ExitCodes.USAGE, "--transactions 应在 1 到 1000000 之间，不是 " + transactions);
        }
        Map<Simulation.Type, Integer> counts = Simulation.run(data.dataDir, env.clock(), transactions, seed, kioskId);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("已写入 %d 条模拟业务：%s%n", transactions, counts);
        out.flush();
        return ExitCodes.OK;
    }
}
