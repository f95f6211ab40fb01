package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.CashJournal;
import java.util.List;

/**
 * What the kiosk reports in a heartbeat besides its queue (which the engine reads from the outbox).
 *
 * @param devices state of each device
 * @param cash    cash box state, null on kiosks without a cash acceptor
 */
public record HeartbeatSnapshot(List<Device> devices, Cash cash) {

    public HeartbeatSnapshot {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** @param state ok, warning, error or absent */
    public record Device(String kind, String state, String detail) {}

    /**
     * @param notes    how many notes are in the cash box
     * @param capacity how many notes it holds (the acceptor's configured limit)
     */
    public record Cash(long cashboxFen, int notes, int capacity) {

        /** The cash box as the journal sums it (its current period), with the acceptor's capacity. */
        public static Cash of(CashJournal.CashBox box, int capacity) {
            return new Cash(box.cashboxFen(), box.noteCount(), capacity);
        }
    }

    public static HeartbeatSnapshot empty() {
        return new HeartbeatSnapshot(List.of(), null);
    }
}
