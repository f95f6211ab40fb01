package cn.yzz.kiosk.device.cash.ssp;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A note validator's SETUP REQUEST reply (essp.md §3): offsets from the first byte after {@code F0}.
 * Multipliers are 3 bytes big-endian; v6+ expanded values are 4 bytes little-endian.
 *
 * @param channelBytes        the one-byte channel values (×{@code valueMultiplier} = whole currency units)
 * @param realValueMultiplier currency units → minor units (fen), 100 for a sane dataset
 * @param channelCountries    v6+: the country of each channel, else empty
 * @param expandedValues      v6+: each channel's value in whole currency units, else empty
 */
public record SetupReply(int unitType, String firmware, String country, int valueMultiplier, List<Integer> channelBytes,
                         int realValueMultiplier, int protocolVersion, List<String> channelCountries,
                         List<Long> expandedValues) {

    public SetupReply {
        channelBytes = List.copyOf(channelBytes);
        channelCountries = List.copyOf(channelCountries);
        expandedValues = List.copyOf(expandedValues);
    }

    /** Parses the body after {@code F0}. The layout depends on the protocol version the reply itself states. */
    public static SetupReply parse(byte[] b) throws SspException {
        if (b.length < 12) {
            throw bad("SETUP REQUEST reply of " + b.length + " bytes, shorter than any validator's");
        }
        int unitType = b[0] & 0xFF;
        if (unitType == 3) {
            throw bad("SETUP REQUEST reply from a SMART Hopper (unit type 3), not a note validator");
        }
        int n = b[11] & 0xFF;
        if (n < 1 || n > 16) {
            throw bad("SETUP REQUEST says " + n + " channels (1–16)");
        }
        if (b.length < 16 + 2 * n) {
            throw bad("SETUP REQUEST reply of " + b.length + " bytes for " + n + " channels");
        }
        int protocol = b[15 + 2 * n] & 0xFF;
        int expected = protocol >= 6 ? 16 + 9 * n : 16 + 2 * n;
        if (b.length != expected) {
            throw bad("SETUP REQUEST reply of " + b.length + " bytes; protocol " + protocol + " with " + n
                    + " channels has " + expected);
        }
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(b[12 + i] & 0xFF);
        }
        List<String> countries = new ArrayList<>();
        List<Long> expanded = new ArrayList<>();
        if (protocol >= 6) {
            for (int i = 0; i < n; i++) {
                countries.add(ascii(b, 16 + 2 * n + 3 * i, 3));
                expanded.add(le32(b, 16 + 5 * n + 4 * i));
            }
        }
        return new SetupReply(unitType, ascii(b, 1, 4), ascii(b, 5, 3), be24(b, 8), values, be24(b, 12 + 2 * n),
                protocol, countries, expanded);
    }

    /**
     * Each channel's value in minor units (fen for CNY), index 0 = channel 1, 0 = unused: the expanded
     * value where the reply has one (the only value when the multiplier is 0), else byte × multiplier,
     * times the real value multiplier.
     *
     * @throws SspException when the reply gives no way to know the values
     */
    public List<Long> channelValuesMinor() throws SspException {
        if (realValueMultiplier == 0) {
            throw bad("SETUP REQUEST real value multiplier is 0");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < channelBytes.size(); i++) {
            long units;
            if (!expandedValues.isEmpty()) {
                units = expandedValues.get(i);
            } else if (valueMultiplier != 0) {
                units = (long) channelBytes.get(i) * valueMultiplier;
            } else {
                throw bad("SETUP REQUEST below protocol 6 with value multiplier 0: no channel values");
            }
            out.add(units * realValueMultiplier);
        }
        return out;
    }

    static int be24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static String ascii(byte[] b, int at, int n) {
        return new String(b, at, n, StandardCharsets.US_ASCII);
    }

    private static SspException bad(String message) {
        return new SspException(Problem.BAD_REPLY, message);
    }
}
