package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.util.concurrent.CompletableFuture;

/** The receipt printer as a run sees it: whether it can print now, and printing (off the JavaFX thread). */
public interface ReceiptOut {

    boolean ready();

    /** Why it cannot print now, in plain words; empty when it can. */
    String why();

    Paper paper();

    /** Completes when the receipt is cut, or fails with a {@link cn.yzz.kiosk.device.DeviceException} in plain words. */
    CompletableFuture<?> print(Receipt receipt);

    /** No receipt printer fitted. */
    ReceiptOut NONE = new ReceiptOut() {
        @Override
        public boolean ready() {
            return false;
        }

        @Override
        public String why() {
            return "";
        }

        @Override
        public Paper paper() {
            return Paper.MM80;
        }

        @Override
        public CompletableFuture<?> print(Receipt receipt) {
            return CompletableFuture.failedFuture(new IllegalStateException("no receipt printer"));
        }
    };
}
