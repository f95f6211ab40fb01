package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxContract;
import java.time.Clock;

class MemoryOutboxTest extends OutboxContract {

    @Override
    protected Outbox create(int maxAttempts, Clock clock) {
        return new MemoryOutbox(maxAttempts, clock);
    }
}
