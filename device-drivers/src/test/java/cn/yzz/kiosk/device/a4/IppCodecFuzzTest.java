package cn.yzz.kiosk.device.a4;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever CUPS (or something pretending to be it) sends, decoding ends in a message or the codec's own error. */
class IppCodecFuzzTest {

    @Property(tries = 400)
    void randomBytesYieldOnlyTheCodecsOwnError(@ForAll @Size(max = 2000) byte[] noise) {
        decode(noise);
    }

    @Property(tries = 400)
    void mutatedCapturesYieldOnlyTheCodecsOwnError(@ForAll @Size(min = 1, max = 8) List<Integer> positions,
                                                   @ForAll @Size(min = 8, max = 8) byte[] values) throws IOException {
        for (String name : List.of("get-printer-attributes-paused.ipp", "get-jobs.ipp")) {
            byte[] bytes = IppCodecTest.capture(name);
            for (int i = 0; i < positions.size(); i++) {
                bytes[Math.floorMod(positions.get(i), bytes.length)] = values[i];
            }
            decode(bytes);
        }
    }

    private static void decode(byte[] bytes) {
        try {
            IppCodec.decode(bytes);
        } catch (IppException expected) {
            // the codec's own, plain-language error: the driver reports it and carries on
        }
    }
}
