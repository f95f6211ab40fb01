package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.device.receipt.PrinterStatus;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;

/**
 * 纸张与钱箱: the receipt printer's paper (正常, 快用完, 没纸, with how to load a roll), and on an enhanced kiosk the cash
 * box (notes by value, count, total, how full) and changing it step by step: no payment under way → no cash is taken →
 * take the box out (the unit reports it, or the administrator says so) → put an empty one in (the unit reports it) →
 * the reconciliation slip printed by the cash desk (shown here instead when the printer cannot) and the
 * {@code cash-audit} queued by the journal. Every step goes to the audit log.
 *
 * <p>Use on the JavaFX thread.
 */
public final class PaperCashPage implements ConsolePage {

    /** Where a box change stands. */
    public enum Change { NONE, CHECKING, BUSY, TAKE_OUT, PUT_IN, DONE }

    public static final String LOAD_PAPER = "换纸：打开打印机上盖，取出旧纸芯，把新纸卷放进去（纸从下面往前出），"
            + "拉出一段纸超过出纸口，合上上盖并按到“咔”一声，再按“打印测试小票”检查";

    private final ReceiptPrinter printer;
    private final CashDrawer cash;
    private final ConsoleAudit audit;
    private final Executor work;
    private final Executor fx;
    private Node view;

    private final ReadOnlyStringWrapper paper = new ReadOnlyStringWrapper(this, "paper", "");
    private final ReadOnlyStringWrapper paperTone = new ReadOnlyStringWrapper(this, "paperTone", "none");
    private final ReadOnlyStringWrapper paperAdvice = new ReadOnlyStringWrapper(this, "paperAdvice", "");
    private final ReadOnlyStringWrapper box = new ReadOnlyStringWrapper(this, "box", "");
    private final ReadOnlyDoubleWrapper fill = new ReadOnlyDoubleWrapper(this, "fill", 0);
    private final ReadOnlyObjectWrapper<Change> change = new ReadOnlyObjectWrapper<>(this, "change", Change.NONE);
    private final ReadOnlyStringWrapper changeWords = new ReadOnlyStringWrapper(this, "changeWords", "");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper(this, "report", "");
    private final ReadOnlyBooleanWrapper reportOnScreen = new ReadOnlyBooleanWrapper(this, "reportOnScreen", false);

    /**
     * @param printer the receipt printer's driver, or null when it has none
     * @param cash    the cash desk on an enhanced kiosk, or null
     */
    public PaperCashPage(ReceiptPrinter printer, CashDrawer cash, ConsoleAudit audit, Executor work, Executor fx) {
        this.printer = printer;
        this.cash = cash;
        this.audit = Objects.requireNonNull(audit, "audit");
        this.work = Objects.requireNonNull(work, "work");
        this.fx = Objects.requireNonNull(fx, "fx");
        if (cash != null) {
            cash.watch(new CashDrawer.BoxWatcher() {
                @Override
                public void removed() {
                    fx.execute(() -> boxOut("收钞机报告钱箱已取出"));
                }

                @Override
                public void replaced(CashDrawer.ReconciliationReport r, boolean printed, String why) {
                    fx.execute(() -> boxIn(r, printed, why));
                }
            });
        }
    }

    @Override
    public String title() {
        return cash == null ? "纸张" : "纸张与钱箱";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new cn.yzz.kiosk.app.view.console.PaperCashView(this);
        }
        return view;
    }

    public boolean hasCash() {
        return cash != null;
    }

    public ReadOnlyStringProperty paperProperty() {
        return paper.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paperToneProperty() {
        return paperTone.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paperAdviceProperty() {
        return paperAdvice.getReadOnlyProperty();
    }

    /** The box in words: notes by value, count, total, capacity. */
    public ReadOnlyStringProperty boxProperty() {
        return box.getReadOnlyProperty();
    }

    /** How full the box is, 0 to 1. */
    public ReadOnlyDoubleProperty fillProperty() {
        return fill.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Change> changeProperty() {
        return change.getReadOnlyProperty();
    }

    /** What to do now in the box change, in plain words. */
    public ReadOnlyStringProperty changeWordsProperty() {
        return changeWords.getReadOnlyProperty();
    }

    /** The reconciliation slip's words once the box is back. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The slip could not be printed: it is shown on the page instead. */
    public ReadOnlyBooleanProperty reportOnScreenProperty() {
        return reportOnScreen.getReadOnlyProperty();
    }

    @Override
    public void shown() {
        refreshPaper();
        refreshBox();
    }

    @Override
    public void hidden() {
        // A box change under way stays where it is: the unit's reports still come, and the page shows them when opened again.
    }

    public void refreshPaper() {
        if (printer == null) {
            paper.set("未接");
            paperTone.set("none");
            paperAdvice.set("没有小票打印机，或这一版程序没有它的驱动：请联系县里运维");
            return;
        }
        paper.set("正在查看…");
        paperTone.set("busy");
        paperAdvice.set("");
        printer.status().whenComplete((s, error) -> fx.execute(() -> paper(s, error)));
    }

    private void paper(PrinterStatus s, Throwable error) {
        if (error != null) {
            Throwable c = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            paper.set("没有响应");
            paperTone.set("bad");
            paperAdvice.set("打印机没有回答：" + c.getMessage() + "。请检查打印机电源和数据线");
            return;
        }
        if (s.paperEnd()) {
            paper.set("没纸");
            paperTone.set("bad");
            paperAdvice.set("打印机没纸了，村民拿不到凭条。" + LOAD_PAPER);
        } else if (s.paperNearEnd()) {
            paper.set("快用完");
            paperTone.set("busy");
            paperAdvice.set("纸卷快用完了，请准备新纸卷并尽快更换。" + LOAD_PAPER);
        } else if (!s.ready()) {
            paper.set("不能打印");
            paperTone.set("bad");
            paperAdvice.set(s.detail());
        } else {
            paper.set("正常");
            paperTone.set("good");
            paperAdvice.set("");
        }
    }

    private void refreshBox() {
        if (cash == null) {
            return;
        }
        work.execute(() -> {
            try {
                CashJournal.CashBox b = cash.box();
                int capacity = cash.capacityNotes();
                fx.execute(() -> box(b, capacity));
            } catch (Exception e) {
                fx.execute(() -> box.set("钱箱读不出来：" + e.getMessage()));
            }
        });
    }

    private void box(CashJournal.CashBox b, int capacity) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Long, Integer> e : b.notes().entrySet()) {
            sb.append(DevicesPage.yuan(e.getKey())).append(" 元 × ").append(e.getValue()).append(" 张\n");
        }
        if (b.notes().isEmpty()) {
            sb.append("钱箱里没有纸币\n");
        }
        sb.append("共 ").append(b.noteCount()).append(" 张，合计 ").append(DevicesPage.yuan(b.cashboxFen())).append(" 元");
        if (b.unattributedFen() > 0) {
            sb.append("（其中 ").append(DevicesPage.yuan(b.unattributedFen())).append(" 元未归属，请核对）");
        }
        double f = capacity <= 0 ? 0 : Math.min(1, (double) b.noteCount() / capacity);
        sb.append("\n已装 ").append(Math.round(f * 100)).append("%（最多约 ").append(capacity).append(" 张）");
        box.set(sb.toString());
        fill.set(f);
    }

    /** 取出钱箱: the first step. */
    public void startChange() {
        if (cash == null || change.get() != Change.NONE && change.get() != Change.DONE && change.get() != Change.BUSY) {
            return;
        }
        change.set(Change.CHECKING);
        changeWords.set("正在确认没有村民在缴现金…");
        report.set("");
        reportOnScreen.set(false);
        work.execute(() -> {
            boolean busy;
            try {
                busy = cash.paymentUnderWay();
            } catch (Exception e) {
                busy = true;
            }
            boolean under = busy;
            fx.execute(() -> {
                if (under) {
                    change.set(Change.BUSY);
                    changeWords.set("有一笔现金缴费还没有结束，现在不能取钱箱：请等它结束再来");
                    audit.record("取出钱箱", "不能开始：有一笔现金缴费没有结束");
                    return;
                }
                cash.stopTaking(true);
                change.set(Change.TAKE_OUT);
                changeWords.set("收钞机已停止收钱。第 1 步：用钥匙打开收钞机，把钱箱向外拉出");
                audit.record("取出钱箱", "开始：收钞机已停止收钱");
            });
        });
    }

    /** 我已取出: the administrator says the box is out when the unit does not report it. */
    public void confirmOut() {
        if (change.get() == Change.TAKE_OUT) {
            boxOut("管理员确认已取出（收钞机没有报告）");
        }
    }

    /** 取消: the box was not taken out after all; cash is offered again. */
    public void cancelChange() {
        if (change.get() == Change.TAKE_OUT || change.get() == Change.BUSY) {
            cash.stopTaking(false);
            change.set(Change.NONE);
            changeWords.set("");
            audit.record("取出钱箱", "取消，没有取出");
        }
    }

    private void boxOut(String how) {
        if (change.get() == Change.PUT_IN || change.get() == Change.DONE && how.startsWith("管理员")) {
            return;
        }
        audit.record("钱箱已取出", how);
        change.set(Change.PUT_IN);
        changeWords.set("第 2 步：把钱箱里的现金取出清点，然后把空钱箱推回收钞机，推到底听到“咔”一声");
    }

    private void boxIn(CashDrawer.ReconciliationReport r, boolean printed, String why) {
        String words = report(r);
        report.set(words);
        reportOnScreen.set(!printed);
        change.set(Change.DONE);
        if (cash != null) {
            cash.stopTaking(false);
        }
        changeWords.set(printed ? "第 3 步：钱箱已放回，对账单已打印。请把现金与对账单核对后签字留存"
                : "第 3 步：钱箱已放回。对账单没有打印出来（" + why + "），请照下面抄写核对");
        audit.record("放回钱箱", "对账：" + r.noteCount() + " 张，合计 " + DevicesPage.yuan(r.totalFen()) + " 元"
                + (r.unattributedFen() > 0 ? "，未归属 " + DevicesPage.yuan(r.unattributedFen()) + " 元" : "")
                + (printed ? "，已打印" : "，没有打印：" + why));
        refreshBox();
    }

    static String report(CashDrawer.ReconciliationReport r) {
        StringBuilder sb = new StringBuilder("钱箱清点单\n");
        sb.append("终端：").append(r.kioskId() == null || r.kioskId().isEmpty() ? "未登记" : r.kioskId()).append('\n');
        sb.append("起：").append(r.from().isEmpty() ? "上次清点" : r.from()).append("　止：").append(r.to()).append('\n');
        for (Map.Entry<Long, Integer> e : r.notes().entrySet()) {
            sb.append(DevicesPage.yuan(e.getKey())).append(" 元 × ").append(e.getValue()).append(" 张 = ")
                    .append(DevicesPage.yuan(e.getKey() * e.getValue())).append(" 元\n");
        }
        sb.append("合计 ").append(r.noteCount()).append(" 张，").append(DevicesPage.yuan(r.totalFen())).append(" 元\n");
        if (r.unattributedFen() > 0) {
            sb.append("其中未归属 ").append(DevicesPage.yuan(r.unattributedFen())).append(" 元（请核对）\n");
        }
        if (!r.journalHash().isEmpty()) {
            sb.append("账目校验码：").append(r.journalHash(), 0, Math.min(16, r.journalHash().length()));
        }
        return sb.toString().strip();
    }
}
