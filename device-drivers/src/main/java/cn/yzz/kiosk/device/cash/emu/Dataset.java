package cn.yzz.kiosk.device.cash.emu;

import java.util.List;
import java.util.Objects;

/**
 * The notes an emulated validator knows: its country and the value of each channel in fen (index 0 is
 * channel 1; 0 leaves a channel unused, as real datasets do, essp.md §8).
 */
public record Dataset(String country, List<Long> channelsFen) {

    /**
     * The Renminbi dataset the emulator starts with: channels 1–6 = ¥1, 5, 10, 20, 50, 100, ascending as in
     * the one public CNY controller (essp.md §8). No ITL CNY dataset sheet is public; this is our choice.
     */
    public static final Dataset CNY = new Dataset("CNY", List.of(100L, 500L, 1000L, 2000L, 5000L, 10000L));

    public Dataset {
        Objects.requireNonNull(country, "country");
        if (country.length() != 3) {
            throw new IllegalArgumentException("country must be 3 letters: " + country);
        }
        channelsFen = List.copyOf(channelsFen);
        if (channelsFen.isEmpty() || channelsFen.size() > 16) {
            throw new IllegalArgumentException("1 to 16 channels, not " + channelsFen.size());
        }
        for (long v : channelsFen) {
            // One byte per channel in whole yuan (value multiplier 1), as SETUP REQUEST carries it.
            if (v < 0 || v % 100 != 0 || v / 100 > 255) {
                throw new IllegalArgumentException("channel value must be 0 or whole yuan up to ¥255: " + v + " fen");
            }
        }
    }

    /** The channel of a note of {@code valueFen}, 0 when the dataset does not know that value. */
    public int channelOf(long valueFen) {
        if (valueFen <= 0) {
            return 0;
        }
        int i = channelsFen.indexOf(valueFen);
        return i < 0 ? 0 : i + 1;
    }

    public long valueFen(int channel) {
        return channel >= 1 && channel <= channelsFen.size() ? channelsFen.get(channel - 1) : 0;
    }
}
