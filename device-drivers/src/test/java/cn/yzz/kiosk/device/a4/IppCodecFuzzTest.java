package cn.yzz.kiosk.device.a4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Whatever CUPS (or something pretending to be it) sends, decoding ends in a message or the codec's own error. */
class IppCodecFuzzTest {

    @Property(tries = 200)
    void randomBytesYieldOnlyTheCodecsOwnError(@ForAll @Size(max = 2000) byte[] noise) {
        decode(noise);
    }

    @Property(tries = 200)
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

    @Property(tries = 100)
    void anyEncodedMessageDecodesToItself(@ForAll @IntRange(min = 0, max = 0xFFFF) int code, @ForAll int requestId,
                                          @ForAll @Size(max = 6) List<@StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '\uD7FF') String> names,
                                          @ForAll @Size(max = 6) List<@StringLength(max = 300) @CharRange(from = ' ', to = '\uD7FF') String> texts,
                                          @ForAll @Size(max = 6) List<Integer> numbers) throws IppException {
        List<IppMessage.Attribute> attrs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<?> values = i % 2 == 0 ? texts : numbers;
            // An attribute without values is sent as "no value", the way IPP marks it.
            attrs.add(new IppMessage.Attribute(names.get(i), values.isEmpty() ? IppMessage.NO_VALUE : i % 2 == 0 ? IppMessage.NAME : IppMessage.INTEGER,
                    List.copyOf(values)));
        }
        IppMessage m = new IppMessage(IppMessage.VERSION_2_0, code, requestId, List.of(new IppMessage.Group(IppMessage.JOB, attrs)));
        assertThat(IppCodec.decode(IppCodec.encode(m))).isEqualTo(m);
    }

    private static void decode(byte[] bytes) {
        try {
            IppCodec.decode(bytes);
        } catch (IppException expected) {
            // the codec's own, plain-language error: the driver reports it and carries on
        }
    }
}
