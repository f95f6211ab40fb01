package cn.yzz.kiosk.device.cash.ssp;

import cn.yzz.kiosk.device.cash.ssp.SspEventCode.Layout;
import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One event of a POLL reply.
 *
 * @param code    which event
 * @param channel for {@link Layout#CHANNEL} events (and FRAUD on a validator) the channel byte, else 0
 * @param data    the event's data bytes as they were, without the code
 */
public record SspEvent(SspEventCode code, int channel, byte[] data) {

    /** Unit types whose FRAUD ATTEMPT carries values, not a channel: SMART Hopper 3, SMART Payout 6. */
    private static boolean smartPayIn(int unitType) {
        return unitType == 3 || unitType == 6;
    }

    public SspEvent {
        data = data.clone();
    }

    public static SspEvent of(SspEventCode code, int channel) {
        return code.layout == Layout.CHANNEL || code.layout == Layout.FRAUD
                ? new SspEvent(code, channel, new byte[] {(byte) channel})
                : new SspEvent(code, 0, new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The event's bytes as in a poll reply: the code, then its data. */
    public byte[] encode() {
        byte[] out = new byte[data.length + 1];
        out[0] = (byte) code.code;
        System.arraycopy(data, 0, out, 1, data.length);
        return out;
    }

    /**
     * Reads every event of a POLL reply body (the bytes after {@code F0}), in the order the unit gave them.
     *
     * @param protocol the HOST PROTOCOL VERSION in force (layouts of payout events change at 6 and 7)
     * @param unitType from SETUP REQUEST (0 = note validator)
     * @throws SspException for an event code no manual defines (naming the byte), or a reply that ends
     *     inside an event's data
     */
    public static List<SspEvent> decode(byte[] body, int protocol, int unitType) throws SspException {
        List<SspEvent> events = new ArrayList<>();
        decode(body, protocol, unitType, events);
        return events;
    }

    /**
     * As {@link #decode(byte[], int, int)}, adding to {@code events} as it goes: when it throws, the events
     * before the bad byte are already there (a credit before a byte it cannot read is never lost).
     */
    public static void decode(byte[] body, int protocol, int unitType, List<SspEvent> events) throws SspException {
        int at = 0;
        while (at < body.length) {
            int raw = body[at] & 0xFF;
            SspEventCode code = SspEventCode.of(raw);
            if (code == null) {
                throw new SspException(Problem.BAD_EVENT, String.format(
                        "unknown poll event %02X at byte %d of %s", raw, at, HexFormat.of().withUpperCase().formatHex(body)));
            }
            int n = dataLength(code, body, at + 1, protocol, unitType);
            if (at + 1 + n > body.length) {
                throw new SspException(Problem.BAD_EVENT, String.format(
                        "poll event %02X (%s) needs %d data bytes, the reply has %d", raw, code, n, body.length - at - 1));
            }
            byte[] data = Arrays.copyOfRange(body, at + 1, at + 1 + n);
            boolean hasChannel = code.layout == Layout.CHANNEL || (code.layout == Layout.FRAUD && n == 1);
            events.add(new SspEvent(code, hasChannel ? data[0] & 0xFF : 0, data));
            at += 1 + n;
        }
    }

    private static int dataLength(SspEventCode code, byte[] body, int at, int protocol, int unitType) throws SspException {
        return switch (code.layout) {
            case NONE -> 0;
            case CHANNEL, ONE_BYTE -> 1;
            case FRAUD -> smartPayIn(unitType) ? values(code, body, at, protocol, 7, 4) : 1;
            case VALUES -> values(code, body, at, protocol, 7, 4);
            case INCOMPLETE -> values(code, body, at, protocol, 11, 8);
            case PAYOUT_ERROR -> protocol >= 7 ? counted(code, body, at, 7) + 1 : 1;
            case VALUE_FROM_6 -> protocol >= 6 ? 7 : 0;
            case VALUE_FROM_8 -> protocol >= 8 ? 7 : 0;
        };
    }

    private static int values(SspEventCode code, byte[] body, int at, int protocol, int each, int old) throws SspException {
        return protocol >= 6 ? counted(code, body, at, each) : old;
    }

    private static int counted(SspEventCode code, byte[] body, int at, int each) throws SspException {
        if (at >= body.length) {
            throw new SspException(Problem.BAD_EVENT, String.format("poll event %02X (%s) lacks its count byte", code.code, code));
        }
        return 1 + (body[at] & 0xFF) * each;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SspEvent e && e.code == code && e.channel == channel && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return code.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length == 0 ? code.name() : code + "(" + HexFormat.of().withUpperCase().formatHex(data) + ")";
    }
}
