package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cashin.CashDesk;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Cash on this kiosk as a service run reaches it: the cash desk once it is ready (after the start-up
 * reconciliation), and the thread its blocking calls run on, never the JavaFX thread.
 *
 * @param desk   the desk, or null while this kiosk takes no cash (none fitted, the store not open, not recovered)
 * @param work   runs the desk's blocking calls ({@code kiosk-cash})
 * @param queued the desk queued a transaction (a payment or a voucher): sync soon rather than at the next poll
 */
public record Till(Supplier<CashDesk> desk, Executor work, Runnable queued) {

    /** A kiosk without a note acceptor. */
    public static final Till NONE = new Till(() -> null, Runnable::run, () -> { });

    public Till {
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(queued, "queued");
    }
}
