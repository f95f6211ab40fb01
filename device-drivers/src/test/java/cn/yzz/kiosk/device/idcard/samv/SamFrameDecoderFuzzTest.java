package cn.yzz.kiosk.device.idcard.samv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever arrives on the line, the decoder only ever says "frame", "need more" or its own error, and always finishes. */
class SamFrameDecoderFuzzTest {

    @Property(tries = 500)
    void randomBytesYieldOnlyTheCodecsOwnError(@ForAll @Size(max = 5000) byte[] noise, @ForAll @IntRange(min = 1, max = 300) int chunk) {
        decodeAll(noise, chunk);
    }

    @Property(tries = 500)
    void mutatedFramesYieldOnlyTheCodecsOwnError(@ForAll("validStreams") byte[] stream, @ForAll("mutations") List<int[]> mutations,
                                                 @ForAll @IntRange(min = 1, max = 64) int chunk) {
        byte[] bytes = stream.clone();
        for (int[] m : mutations) {
            int at = Math.floorMod(m[0], bytes.length);
            bytes[at] = (byte) m[1];
        }
        decodeAll(bytes, chunk);
    }

    @Property(tries = 300)
    void anyChunkingGivesTheSameFrames(@ForAll("validStreams") byte[] stream, @ForAll @IntRange(min = 1, max = 97) int chunk) {
        List<String> whole = decodeAll(stream, stream.length);
        assertThat(decodeAll(stream, chunk)).isEqualTo(whole);
        assertThat(whole).isNotEmpty();
    }

    @Property(tries = 200)
    void validFramesSurviveLeadingGarbage(@ForAll("validStreams") byte[] stream, @ForAll @Size(max = 200) byte[] noise) {
        // Without 0xAA the garbage cannot fake a preamble, so every frame must come through.
        byte[] garbage = noise.clone();
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == (byte) 0xAA) {
                garbage[i] = 0x55;
            }
        }
        byte[] joined = new byte[garbage.length + stream.length];
        System.arraycopy(garbage, 0, joined, 0, garbage.length);
        System.arraycopy(stream, 0, joined, garbage.length, stream.length);
        List<String> expected = decodeAll(stream, stream.length);
        assertThat(decodeAll(joined, 13)).isEqualTo(expected).isNotEmpty();
    }

    /** Feeds in chunks, drains after each; returns frames as hex and error names. Bounded: each next() consumes or stops. */
    static List<String> decodeAll(byte[] input, int chunk) {
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < input.length; i += chunk) {
            d.feed(input, i, Math.min(chunk, input.length - i));
            for (int guard = 0; guard <= input.length + 1; guard++) {
                try {
                    Optional<SamFrame> f = d.next();
                    if (f.isEmpty()) {
                        break;
                    }
                    out.add(java.util.HexFormat.of().formatHex(f.get().body()));
                } catch (SamFrameException e) {
                    out.add(e.problem().name());
                }
                assertThat(guard).as("decoder made no progress").isLessThan(input.length + 1);
            }
        }
        return out;
    }

    @Provide
    Arbitrary<byte[]> validStreams() {
        Arbitrary<byte[]> frame = Combinators.combine(
                        Arbitraries.of(0x90, 0x80, 0x9F, 0x41, 0x91),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(1400))
                .as((sw3, data) -> SamFrames.response(sw3, data));
        return frame.list().ofMinSize(1).ofMaxSize(4).map(frames -> {
            int n = frames.stream().mapToInt(f -> f.length).sum();
            byte[] all = new byte[n];
            int at = 0;
            for (byte[] f : frames) {
                System.arraycopy(f, 0, all, at, f.length);
                at += f.length;
            }
            return all;
        });
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 255))
                .as((at, value) -> new int[] {at, value})
                .list().ofMinSize(1).ofMaxSize(8);
    }
}
