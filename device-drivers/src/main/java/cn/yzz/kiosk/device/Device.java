package cn.yzz.kiosk.device;

import java.util.Map;

/**
 * The contract every kiosk device follows, after UnifiedPOS: open, check health, report state and
 * events, count what happened, close.
 *
 * <p>Each device runs its I/O on one named thread of its own. Methods that talk to the hardware
 * block the caller until the device thread answers (always with a timeout), so they must not be
 * called on the JavaFX thread. {@link #state()}, {@link #statistics()} and listener registration
 * never block.
 */
public interface Device extends AutoCloseable {

    /** Short logical name, e.g. {@code id-reader}; also the name of the device thread. */
    String name();

    /**
     * Opens the link and makes the device ready. A device that does not answer is still opened:
     * its state becomes {@link DeviceState#OFFLINE} and the driver keeps trying to reach it.
     *
     * @throws DeviceException only when the configuration itself is unusable
     */
    void open() throws DeviceException;

    DeviceState state();

    /** Talks to the device and says, in plain words, whether it can serve villagers now. */
    Health checkHealth();

    void addListener(DeviceListener listener);

    void removeListener(DeviceListener listener);

    /** Counters such as {@code CommunicationErrorCount}; a snapshot, safe to keep. */
    Map<String, Long> statistics();

    /** Releases the link and stops the device thread. Idempotent. */
    @Override
    void close();
}
