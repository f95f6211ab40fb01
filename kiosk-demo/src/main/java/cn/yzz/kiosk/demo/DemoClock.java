package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.admin.ClockSetter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The demo kiosk's clock: this computer's plus an offset the simulator can put wrong (终端时钟拨快 2 小时) and the console's
 * 校准时钟 corrects, since a demo must not change the clock of the computer it runs on. The kiosk reads every time it shows,
 * prints and checks from it.
 */
public final class DemoClock extends Clock implements ClockSetter {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.demo");

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public DemoClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneId.systemDefault());
    }

    private DemoClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** Puts the clock {@code by} away from this computer's (zero: right again). */
    public void putOff(Duration by) {
        offset.set(by);
        LOG.info(() -> "simulator: the kiosk's clock is " + by + " off");
    }

    @Override
    public void set(Instant now) {
        Duration by = Duration.between(Instant.now(), now);
        offset.set(by);
        LOG.info(() -> "demo clock set: " + by + " from this computer's");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new DemoClock(offset, z); // the same offset: one clock in every zone
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
