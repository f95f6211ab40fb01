package cn.yzz.kiosk.device.cash;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a note acceptor said about itself: never assumed, always read from the unit (essp.md §3).
 *
 * @param channelsFen the value of channels 1..n in fen (index 0 is channel 1); 0 for an unused channel
 * @param encrypted   whether the link runs eSSP (a negotiated key)
 */
public record UnitInfo(long serial, int protocolVersion, String firmware, String country, List<Long> channelsFen,
                       boolean encrypted) {

    public UnitInfo {
        channelsFen = List.copyOf(channelsFen);
    }

    /** The value of {@code channel} in fen, 0 when the channel is unused or unknown. */
    public long valueFen(int channel) {
        return channel >= 1 && channel <= channelsFen.size() ? channelsFen.get(channel - 1) : 0;
    }

    /** The note values this unit can take, in fen. */
    public Set<Long> valuesFen() {
        Set<Long> values = new TreeSet<>(channelsFen);
        values.remove(0L);
        return values;
    }
}
