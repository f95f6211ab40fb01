package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.PaymentsContract;
import java.time.Clock;

class MemoryPaymentsTest extends PaymentsContract {

    @Override
    protected void create(Clock clock) {
        MemoryOutbox memory = new MemoryOutbox(50, clock);
        outbox = memory;
        payments = new MemoryPayments(memory, clock);
    }
}
