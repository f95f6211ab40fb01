package cn.yzz.kiosk.device.cash.ssp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever arrives on the line, the decoder says "frame", "need more" or its own error, and never loses a good frame. */
class SspFrameDecoderFuzzTest {

    @Property(tries = 500)
    void randomBytesYieldOnlyTheCodecsOwnError(@ForAll @Size(max = 3000) byte[] noise, @ForAll @IntRange(min = 1, max = 300) int chunk) {
        SspFrameDecoderTest.decodeAll(noise, chunk);
    }

    @Property(tries = 500)
    void noiseRichIn7fYieldsOnlyTheCodecsOwnError(@ForAll("stxNoise") byte[] noise, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        SspFrameDecoderTest.decodeAll(noise, chunk);
    }

    @Property(tries = 500)
    void aGoodFrameAfterAnyNoiseNotEndingIn7fIsDecoded(@ForAll("stxNoise") byte[] noise, @ForAll("frames") SspFrame frame,
                                                        @ForAll @IntRange(min = 1, max = 40) int chunk) {
        byte[] n = noise;
        if (n.length > 0 && n[n.length - 1] == 0x7F) {
            n = java.util.Arrays.copyOf(n, n.length + 1); // a trailing unpaired 7F would make the STX data, by SSP's own rule
        }
        byte[] wire = frame.encode();
        byte[] all = concat(n, wire);
        List<String> out = SspFrameDecoderTest.decodeAll(all, chunk);
        assertThat(out).isNotEmpty();
        assertThat(out.get(out.size() - 1)).isEqualTo(SspCodecTest.hex(wire));
    }

    @Property(tries = 300)
    void mutatedStreamsNeverCostTheFrameAfterTheDamage(@ForAll("frameLists") List<SspFrame> frames, @ForAll int at,
                                                      @ForAll byte value, @ForAll @IntRange(min = 1, max = 40) int chunk) {
        // Damage one byte of the first frame; every later frame still comes through (the damaged frame can at
        // worst swallow bytes up to its LEN, but never past the next lone STX).
        byte[] first = frames.get(0).encode();
        int i = Math.floorMod(at, first.length);
        first[i] = value;
        if (first[first.length - 1] == 0x7F) {
            return; // an unpaired 7F at the end turns the next STX into data; SSP itself cannot tell
        }
        List<byte[]> parts = new ArrayList<>();
        parts.add(first);
        for (SspFrame f : frames.subList(1, frames.size())) {
            parts.add(f.encode());
        }
        List<String> out = SspFrameDecoderTest.decodeAll(concat(parts.toArray(new byte[0][])), chunk);
        List<String> expected = frames.subList(1, frames.size()).stream().map(f -> SspCodecTest.hex(f.encode())).toList();
        assertThat(out.subList(Math.max(0, out.size() - expected.size()), out.size())).containsExactlyElementsOf(expected);
    }

    @Property(tries = 300)
    void anyChunkingGivesTheSameFrames(@ForAll("frameLists") List<SspFrame> frames, @ForAll @IntRange(min = 1, max = 50) int chunk) {
        byte[] all = concat(frames.stream().map(SspFrame::encode).toArray(byte[][]::new));
        List<String> expected = frames.stream().map(f -> SspCodecTest.hex(f.encode())).toList();
        assertThat(SspFrameDecoderTest.decodeAll(all, chunk)).containsExactlyElementsOf(expected);
    }

    @Property(tries = 300)
    void pollBodiesDecodeOrThrowTheCodecsError(@ForAll @Size(max = 60) byte[] body, @ForAll @IntRange(min = 0, max = 9) int protocol,
                                               @ForAll("unitTypes") int unitType) {
        try {
            List<SspEvent> events = SspEvent.decode(body, protocol, unitType);
            int length = events.stream().mapToInt(e -> e.encode().length).sum();
            assertThat(length).isEqualTo(body.length);
        } catch (SspException expected) {
            assertThat(expected.problem()).isEqualTo(SspException.Problem.BAD_EVENT);
        }
    }

    @Property(tries = 300)
    void setupBodiesParseOrThrowTheCodecsError(@ForAll @Size(max = 200) byte[] body) {
        try {
            SetupReply.parse(body).channelValuesMinor();
        } catch (SspException expected) {
            assertThat(expected.problem()).isEqualTo(SspException.Problem.BAD_REPLY);
        }
    }

    @Provide
    Arbitrary<Integer> unitTypes() {
        return Arbitraries.of(0, 3, 6, 7);
    }

    @Provide
    Arbitrary<byte[]> stxNoise() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) 0x7F)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) 0x80, (byte) 0x00, (byte) 0x01, (byte) 0xF0)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.bytes()))
                .array(byte[].class).ofMaxSize(80);
    }

    @Provide
    Arbitrary<SspFrame> frames() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 0x7D),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just((byte) 0x7F)),
                                net.jqwik.api.Tuple.of(3, Arbitraries.bytes())).array(byte[].class).ofMinSize(1).ofMaxSize(255))
                .as(SspFrame::of);
    }

    @Provide
    Arbitrary<List<SspFrame>> frameLists() {
        return frames().list().ofMinSize(2).ofMaxSize(5);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
