package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.device.receipt.EscPos;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;

/** For the benchmarks: the ESC/POS bytes of the receipt a receipt step prints (the engine's own {@link Receipts}). */
public final class BenchReceipts {

    private BenchReceipts() {}

    public static int escPosBytes(ReceiptStep step, Paper paper) {
        return EscPos.encode(paper(step, paper)).length;
    }

    public static Receipt paper(ReceiptStep step, Paper paper) {
        return Receipts.paper(step.content(), paper);
    }
}
