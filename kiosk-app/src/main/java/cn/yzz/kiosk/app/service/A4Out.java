package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.device.a4.A4Document;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * The A4 printer as a run sees it: whether it can print now, and printing a document to its end (off the
 * JavaFX thread). The future completes with the pages printed once the printer reports the job done, or fails
 * with a {@link cn.yzz.kiosk.device.DeviceException} whose message says why in plain words.
 */
public interface A4Out {

    boolean ready();

    /** Why it cannot print now, in plain words; empty when it can. */
    String why();

    /**
     * Prints {@code document} and follows the job.
     *
     * @param pagesDone told the pages finished so far as the printer reports them, on a printing thread
     */
    CompletableFuture<Integer> print(A4Document document, IntConsumer pagesDone);

    /** No A4 printer fitted. */
    A4Out NONE = new A4Out() {
        @Override
        public boolean ready() {
            return false;
        }

        @Override
        public String why() {
            return "";
        }

        @Override
        public CompletableFuture<Integer> print(A4Document document, IntConsumer pagesDone) {
            return CompletableFuture.failedFuture(new IllegalStateException("no A4 printer"));
        }
    };
}
