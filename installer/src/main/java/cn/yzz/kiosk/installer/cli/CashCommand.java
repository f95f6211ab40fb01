package cn.yzz.kiosk.installer.cli;

import static cn.yzz.kiosk.installer.steps.CashSteps.yuan;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cashin.CashDesk.Payment;
import cn.yzz.kiosk.cashin.CashDesk.Progress;
import cn.yzz.kiosk.cashin.CashDesk.Recovery;
import cn.yzz.kiosk.cashin.CashDesk.Result;
import cn.yzz.kiosk.cashin.CashPolicy;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.CashSteps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kioskctl cash …}: cash payments and the cash box, through the kiosk's own cash desk and journal. */
@Command(name = "cash",
        mixinStandardHelpOptions = true,
        description = "现金：用终端自己的收款、对账和找零券代码收一笔现金、对账、查看钱箱。",
        subcommands = {CashCommand.Pay.class, CashCommand.Recover.class, CashCommand.Status.class})
final class CashCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most one kioskctl payment may ask for (¥10 000): a typo of two zeros is caught, not collected. */
    static final long MAX_AMOUNT_FEN = 1_000_000;

    @Command(name = "pay", mixinStandardHelpOptions = true,
            description = {
                "收一笔现金（验收、培训用），与终端收款走同一套代码：先对账，再只收合适的面额，收够即停；多收的部分打找零券号。",
                "这笔钱进钱箱、记入日志，并作为一笔缴费排队上传（事项编码 KIOSKCTL-CASH）。按 Ctrl-C 取消：暂存的纸币退回，已收的开找零券。"
            },
            exitCodeListHeading = "%n退出码：%n",
            exitCodeList = {
                "0:收够了（多收的有找零券）",
                "1:其他错误（钱箱不在或快满、上一笔没有结清、数据库出错）",
                "2:用法错误",
                "3:--timeout 秒内没有再放纸币：已收的开了找零券，一张没收则取消",
                "4:识别器没有响应",
                "6:识别器报告故障或不能使用"
            },
            footer = {"", "--json 输出一行 JSON：status（paid、voucher 或 cancelled）、dueFen、insertedFen、"
                    + "notes（面额分 → 张数）、voucherFen、voucherNo、transactionId。",
                    "", "例：kioskctl cash pay --port /dev/ttyACM0 --amount-fen 30000 --data-dir /var/lib/yzz-kiosk"})
    static final class Pay implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--port", required = true, paramLabel = "PATH", description = "识别器所在的串口") String port;
        @Option(names = "--amount-fen", required = true, paramLabel = "N", description = "应收金额（分），例如 30000 是 300 元")
        long amountFen;
        @Option(names = "--timeout", paramLabel = "S", defaultValue = "120", converter = Converters.Seconds.class,
                description = "多少秒没有放纸币就结束（默认 ${DEFAULT-VALUE}）") Duration timeout;
        @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

        Pay(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            if (amountFen <= 0 || amountFen > MAX_AMOUNT_FEN) {
                throw new ParameterException(spec.commandLine(), "--amount-fen 应在 1 到 " + MAX_AMOUNT_FEN + " 之间（分）：" + amountFen);
            }
            PrintWriter out = spec.commandLine().getOut();
            AtomicReference<Payment> payment = new AtomicReference<>();
            // Ctrl-C: the note in escrow goes back and what was credited gets its voucher, as 取消 on the kiosk.
            Thread onCtrlC = new Thread(() -> {
                Payment p = payment.get();
                if (p != null) {
                    CompletableFuture.runAsync(() -> p.cancel(Ending.CANCELLED)).completeOnTimeout(null, 15, TimeUnit.SECONDS)
                            .join();
                }
            }, "kioskctl-cash-cancel");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            CashSteps.Paid paid;
            try {
                paid = CashSteps.pay(data.dataDir, env.clock(), port, amountFen, timeout,
                        p -> {
                            if (!json) {
                                out.println(words(p));
                                out.flush();
                            }
                        },
                        p -> {
                            payment.set(p);
                            if (!json) {
                                out.printf("请放入纸币：应收 %s，收 %s%n", yuan(p.dueFen()),
                                        String.join("、", p.acceptsFen().stream().map(CashSteps::yuan).toList()));
                                out.flush();
                            }
                        });
            } finally {
                payment.set(null);
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs
                }
            }
            Result r = paid.result();
            if (json) {
                ObjectNode o = result(r);
                out.println(JSON.writeValueAsString(o));
            } else {
                recovered(out, paid.recovery());
                out.println(summary(r, paid.timedOut()));
            }
            out.flush();
            return paid.timedOut() ? ExitCodes.NO_MEDIA : ExitCodes.OK;
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = "对账（终端启动时自动做的那一步）：听识别器上电后报告的纸币去向，结清日志里每一笔没有结束的现金缴费，并打印结果。",
            exitCodeListHeading = "%n退出码：%n",
            exitCodeList = {"0:已对账（包括没有要结清的）", "1:数据库出错", "2:用法错误", "4:识别器没有响应：未结清的留到下次",
                "6:识别器报告故障或不能使用"},
            footer = {"", "--json 的字段：ended（每笔：transactionId、status、dueFen、insertedFen、notes、voucherFen、voucherNo）、"
                    + "clearedFromFront、clearedToCashbox、unattributedFen（进了钱箱却不属于任何一笔的金额，分）"})
    static final class Recover implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--port", required = true, paramLabel = "PATH", description = "识别器所在的串口") String port;
        @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

        Recover(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            Recovery r = CashSteps.recover(data.dataDir, env.clock(), port);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                var ended = o.putArray("ended");
                r.ended().forEach(e -> ended.add(result(e)));
                o.put("clearedFromFront", r.clearedFromFront());
                o.put("clearedToCashbox", r.clearedToCashbox());
                o.put("unattributedFen", r.unattributedFen());
                out.println(JSON.writeValueAsString(o));
            } else {
                if (r.ended().isEmpty()) {
                    out.println("没有未结清的现金缴费");
                }
                recovered(out, r);
                out.printf("识别器上电时：从入口退出 %d 张，送入钱箱 %d 张；不属于任何一笔的 %s%n", r.clearedFromFront(),
                        r.clearedToCashbox(), yuan(r.unattributedFen()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "钱箱（按现金日志）：自上次换钱箱以来收进的金额和各面额张数、容量、未结清的缴费、不属于任何一笔的纸币。",
            footer = {"", "--json 的字段：cashboxFen、notes（面额分 → 张数）、capacity（张）、openPayments、"
                    + "unreconciled（不属于任何一笔的张数）、unreconciledFen、noteCount、periodStart"})
    static final class Status implements Callable<Integer> {
        private final Env env;
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;
        @Mixin QueueCommand.DataDir data;
        @Option(names = "--json", description = "输出一行 JSON，供脚本使用") boolean json;

        Status(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InstallerException, JsonProcessingException {
            CashJournal.CashBox box = CashSteps.status(data.dataDir, env.clock());
            int capacity = CashPolicy.defaults().capacityNotes();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("cashboxFen", box.cashboxFen());
                notes(o, box.notes());
                o.put("capacity", capacity);
                o.put("openPayments", box.openPayments());
                o.put("unreconciled", box.unattributedNotes());
                o.put("unreconciledFen", box.unattributedFen());
                o.put("noteCount", box.noteCount());
                o.put("periodStart", box.periodStart() == null ? null : box.periodStart().toString());
                out.println(JSON.writeValueAsString(o));
            } else {
                out.printf("钱箱 %s，共 %d 张（容量 %d 张）%n", yuan(box.cashboxFen()), box.noteCount(), capacity);
                box.notes().forEach((v, n) -> out.printf("  %s × %d%n", yuan(v), n));
                out.printf("未结清的现金缴费 %d 笔；不属于任何一笔的纸币 %d 张，%s%n", box.openPayments(), box.unattributedNotes(),
                        yuan(box.unattributedFen()));
                if (box.openPayments() > 0) {
                    out.println("有未结清的缴费：运行 kioskctl cash recover --port … 对账");
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    static ObjectNode result(Result r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", r.status());
        o.put("dueFen", r.dueFen());
        o.put("insertedFen", r.insertedFen());
        notes(o, r.notes());
        o.put("voucherFen", r.voucherFen());
        o.put("voucherNo", r.voucherNo());
        o.put("transactionId", r.transactionId().toString());
        return o;
    }

    private static void notes(ObjectNode o, Map<Long, Integer> notes) {
        ObjectNode n = o.putObject("notes");
        notes.forEach((v, count) -> n.put(String.valueOf(v), count));
    }

    static String words(Progress p) {
        if (p instanceof Progress.Reading r) {
            return r.valueFen() > 0 ? "识别到 " + yuan(r.valueFen()) : "正在识别…";
        } else if (p instanceof Progress.Credited c) {
            return "收到 " + yuan(c.valueFen()) + "，已收 " + yuan(c.insertedFen())
                    + (c.leftFen() > 0 ? "，还差 " + yuan(c.leftFen()) : "，已收够");
        } else if (p instanceof Progress.Returned r) {
            return "退回" + (r.valueFen() > 0 ? " " + yuan(r.valueFen()) : "") + "：" + r.why();
        } else if (p instanceof Progress.Trouble t) {
            return "故障：" + t.why() + "（按 Ctrl-C 取消）";
        } else {
            return "结束";
        }
    }

    static String summary(Result r, boolean timedOut) {
        String how = switch (r.status()) {
            case "paid" -> "已收够：应收 " + yuan(r.dueFen()) + "，收到 " + yuan(r.insertedFen());
            case "voucher" -> (timedOut ? "超时未收够" : "已取消") + "：应收 " + yuan(r.dueFen()) + "，收到 " + yuan(r.insertedFen());
            default -> (timedOut ? "超时，没有收到纸币" : "已取消，没有收到纸币");
        };
        String voucher = r.voucherFen() > 0 ? "；找零券 " + r.voucherNo() + "，" + yuan(r.voucherFen()) + "（凭此券到村委会领取找零）" : "";
        return how + voucher + (r.queued() == null ? "" : "；业务编号 " + r.transactionId());
    }

    static void recovered(PrintWriter out, Recovery r) {
        for (Result e : r.ended()) {
            out.println("对账结清上一笔：" + summary(e, false).replace("已取消", "未收够") + "（" + e.transactionId() + "）");
        }
    }
}
