package cn.yzz.kiosk.device.cash.ssp;

import static cn.yzz.kiosk.device.cash.ssp.SspCodecTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Line noise, cut frames and bad CRCs: each gives the codec's own error and the next good frame survives. */
class SspFrameDecoderTest {

    static List<String> decodeAll(SspFrameDecoder d, byte[] input, int chunk) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < input.length; i += chunk) {
            d.feed(input, i, Math.min(chunk, input.length - i));
            for (int guard = 0; ; guard++) {
                assertThat(guard).as("decoder made no progress").isLessThanOrEqualTo(input.length + 2);
                try {
                    Optional<SspFrame> f = d.next();
                    if (f.isEmpty()) {
                        break;
                    }
                    out.add(hex(f.get().encode()));
                } catch (SspException e) {
                    out.add(e.problem().name());
                }
            }
        }
        return out;
    }

    static List<String> decodeAll(byte[] input, int chunk) {
        return decodeAll(new SspFrameDecoder(), input, chunk);
    }

    @Test
    void garbageBeforeAFrameIsReportedThenTheFrameComes() {
        assertThat(decodeAll(hex("00 11 22 7F 80 01 F0 23 80"), 100)).containsExactly("GARBAGE", "7F 80 01 F0 23 80");
        // Fed a byte at a time, each chunk of garbage is reported as it is skipped.
        assertThat(decodeAll(hex("00 11 22 7F 80 01 F0 23 80"), 1)).containsExactly("GARBAGE", "GARBAGE", "GARBAGE", "7F 80 01 F0 23 80");
    }

    @Test
    void aLoneStxMidFrameRestartsWithTheNextByteAsAddress() {
        assertThat(decodeAll(hex("7F 80 05 F0 00 1C 7F 80 01 F0 23 80"), 3)).containsExactly("CUT_SHORT", "7F 80 01 F0 23 80");
    }

    @Test
    void badCrcIsAnErrorAndTheNextFrameSurvives() {
        assertThat(decodeAll(hex("7F 80 01 F0 23 81 7F 80 01 F0 23 80"), 5)).containsExactly("BAD_CRC", "7F 80 01 F0 23 80");
    }

    @Test
    void lenZeroAndImpossibleAddressAreBadHeaders() {
        assertThat(decodeAll(hex("7F 80 00 7F 80 01 F0 23 80"), 9)).containsExactly("BAD_HEADER", "7F 80 01 F0 23 80");
        assertThat(decodeAll(hex("7F 7E 01 7F 80 01 F0 23 80"), 9)).containsExactly("BAD_HEADER", "GARBAGE", "7F 80 01 F0 23 80");
        assertThat(decodeAll(hex("7F 7F 7F 01 7F 80 01 F0 23 80"), 9)).containsExactly("BAD_HEADER", "GARBAGE", "7F 80 01 F0 23 80");
    }

    @Test
    void aTrailing7fOfNoiseBeforeAFrameDoesNotCostTheFrameWhenHunting() {
        // 7F (noise) 7F 80 …: the noise STX, a stuffing check, then 80 ≠ 7F restarts with 80 as the address.
        assertThat(decodeAll(hex("7F 7F 80 01 F0 23 80"), 1)).containsExactly("CUT_SHORT", "7F 80 01 F0 23 80");
    }

    @Test
    void theLongestFrameDecodes() {
        byte[] data = new byte[255];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (0x7F + i % 2);
        }
        SspFrame f = SspFrame.of(true, 0x7D, data);
        assertThat(decodeAll(f.encode(), 7)).containsExactly(hex(f.encode()));
    }

    @Test
    void resetForgetsAFrameInProgress() throws SspException {
        SspFrameDecoder d = new SspFrameDecoder();
        d.feed(hex("7F 80 05 F0 00"));
        assertThat(d.next()).isEmpty();
        assertThat(d.inFrame()).isTrue();
        d.reset();
        assertThat(d.inFrame()).isFalse();
        d.feed(hex("7F 80 01 F0 23 80"));
        assertThat(d.next()).isPresent();
    }
}
