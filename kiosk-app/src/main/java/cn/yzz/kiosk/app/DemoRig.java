package cn.yzz.kiosk.app;

import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.MemoryCable;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The demo's devices: an emulated ID card reader at the far end of an in-memory cable, timed like
 * a real one (wire time at the baud rate, radio and security module latency). The real driver
 * talks to it, so the demo exercises the same code as a kiosk with hardware.
 */
public final class DemoRig implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.demo");

    public static final int BAUD = 115200;

    private final MemoryCable cable;
    private final IdCardReaderEmulator emulator;

    private DemoRig(MemoryCable cable, IdCardReaderEmulator emulator) {
        this.cable = cable;
        this.emulator = emulator;
    }

    public static DemoRig start() throws IOException {
        MemoryCable cable = new MemoryCable("demo-id");
        IdCardReaderEmulator emulator = new IdCardReaderEmulator(cable::openDevice, BAUD);
        emulator.setPaced(true);
        emulator.setLatency(Duration.ofMillis(30), Duration.ofMillis(30), Duration.ofMillis(400));
        return new DemoRig(cable, emulator);
    }

    /** The kiosk's end of the cable, for the driver. */
    public LinkOpener hostSide() {
        return cable::openHost;
    }

    public IdCardReaderEmulator emulator() {
        return emulator;
    }

    public void placeCard(CardFixture card) {
        LOG.info(() -> "simulator: card placed (" + card.id() + ")");
        emulator.placeCard(card);
    }

    public void removeCard() {
        LOG.info("simulator: card taken away");
        emulator.removeCard();
    }

    /** The reader stops answering until {@link #clearFaults()}. */
    public void silence() {
        LOG.info("simulator: reader silent");
        emulator.inject(Fault.SILENCE, Integer.MAX_VALUE);
    }

    /** The next read fails once (the driver retries by itself). */
    public void readFailsOnce() {
        LOG.info("simulator: next read fails once");
        emulator.inject(Fault.READ_FAILS, 1);
    }

    /** The card is lifted during the next read. */
    public void cardRemovedMidRead() {
        LOG.info("simulator: card lifted during the next read");
        emulator.inject(Fault.CARD_REMOVED_MID_READ, 1);
    }

    public void unplug() {
        LOG.info("simulator: reader cable pulled");
        cable.unplug();
    }

    public void plugIn() {
        LOG.info("simulator: reader cable back in");
        cable.plugIn();
    }

    public boolean plugged() {
        return cable.plugged();
    }

    public void clearFaults() {
        LOG.info("simulator: faults cleared");
        emulator.clearFaults();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
