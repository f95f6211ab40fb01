package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives on the line, the scanner decoders only say "code/packet", "need more" or their
 * own error, always make progress, and never let a stall glue two codes together.
 */
class QrCodecFuzzTest {

    @Property(tries = 400)
    void suffixFramerTakesAnyBytesInAnyChunks(@ForAll @Size(max = 3000) byte[] noise, @ForAll @IntRange(min = 1, max = 200) int chunk,
                                              @ForAll("replies") SuffixFramer.Replies replies, @ForAll("suffixes") Suffix suffix) {
        List<String> out = frame(noise, chunk, replies, suffix, 64);
        for (String s : out) {
            assertThat(s).matches("(D|R):.*|TOO_LONG");
        }
    }

    @Property(tries = 300)
    void codesWithoutTheSuffixComeThroughWhateverTheChunks(@ForAll("codes") List<byte[]> codes, @ForAll @IntRange(min = 1, max = 50) int chunk,
                                                          @ForAll("suffixes") Suffix suffix) {
        List<String> expected = new ArrayList<>();
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (byte[] c : codes) {
            byte[] clean = withoutSuffixBytes(c, suffix);
            stream.writeBytes(clean);
            stream.writeBytes(suffix.bytes());
            expected.add("D:" + HexFormat.of().formatHex(clean));
        }
        assertThat(frame(stream.toByteArray(), chunk, SuffixFramer.Replies.NONE, suffix, 4096)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void aStallNeverGluesTwoCodes(@ForAll("codes") List<byte[]> codes, @ForAll @IntRange(min = 0, max = 60) int cut) {
        // The first code stalls after `cut` bytes; its rest arrives, then the others: only the others come out.
        byte[] first = withoutSuffixBytes(codes.get(0), Suffix.CR);
        int at = Math.min(cut, first.length);
        SuffixFramer f = new SuffixFramer(Suffix.CR, 4096, SuffixFramer.Replies.NONE);
        f.feed(first, 0, at);
        drain(f, new ArrayList<>());
        f.stall();
        java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
        rest.write(first, at, first.length - at);
        rest.write(0x0D);
        List<String> expected = new ArrayList<>();
        for (byte[] c : codes.subList(1, codes.size())) {
            byte[] clean = withoutSuffixBytes(c, Suffix.CR);
            rest.writeBytes(clean);
            rest.write(0x0D);
            expected.add("D:" + HexFormat.of().formatHex(clean));
        }
        byte[] r = rest.toByteArray();
        f.feed(r, 0, r.length);
        List<String> out = new ArrayList<>();
        drain(f, out);
        if (at == 0) {
            expected.add(0, "D:" + HexFormat.of().formatHex(first)); // nothing had arrived: no stall, the code is whole
        }
        assertThat(out).isEqualTo(expected);
    }

    @Property(tries = 400)
    void ssiDecoderTakesAnyBytes(@ForAll @Size(max = 3000) byte[] noise, @ForAll @IntRange(min = 1, max = 200) int chunk) {
        for (String s : ssi(noise, chunk)) {
            assertThat(s).matches("P:.*|BAD_CHECKSUM");
        }
    }

    @Property(tries = 300)
    void ssiPacketsSurviveNoiseThatCannotStartAPacket(@ForAll("packets") List<SsiPacket> packets, @ForAll @Size(max = 100) byte[] noise,
                                                     @ForAll @IntRange(min = 1, max = 40) int chunk) {
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (byte b : noise) {
            stream.write(b & 0x03); // LEN under 4: skipped one by one
        }
        List<String> expected = new ArrayList<>();
        for (SsiPacket p : packets) {
            stream.writeBytes(p.encode());
            expected.add("P:" + HexFormat.of().formatHex(p.encode()));
        }
        assertThat(ssi(stream.toByteArray(), chunk)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void aFlippedByteInAnSsiPacketIsNeverTakenAsGood(@ForAll("packets") List<SsiPacket> packets, @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                    @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] one = packets.get(0).encode();
        int at = where % one.length;
        byte[] bad = one.clone();
        bad[at] ^= (byte) flip;
        // A corrupted packet may be skipped, reported or still waiting for bytes, but never yields a packet that was not sent.
        for (String s : ssi(bad, bad.length)) {
            if (s.startsWith("P:")) {
                assertThat(s).as("a corrupted packet passed its checksum").isNotEqualTo("P:" + HexFormat.of().formatHex(bad));
            }
        }
    }

    @Provide
    Arbitrary<SuffixFramer.Replies> replies() {
        return Arbitraries.of(SuffixFramer.Replies.class);
    }

    @Provide
    Arbitrary<Suffix> suffixes() {
        return Arbitraries.of(Suffix.class);
    }

    @Provide
    Arbitrary<List<byte[]>> codes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(120).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<SsiPacket>> packets() {
        Arbitrary<SsiPacket> one = net.jqwik.api.Combinators.combine(
                Arbitraries.of(SsiPacket.DECODE_DATA, SsiPacket.ACK, SsiPacket.NAK, SsiPacket.REPLY_REVISION),
                Arbitraries.integers().between(0, 3),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(SsiPacket.MAX_DATA))
                .as((op, status, data) -> SsiPacket.fromDecoder(op, status, data));
        return one.list().ofMinSize(1).ofMaxSize(5);
    }

    static byte[] withoutSuffixBytes(byte[] code, Suffix suffix) {
        byte[] out = code.clone();
        byte first = suffix.bytes()[0];
        for (int i = 0; i < out.length; i++) {
            if (out[i] == first) {
                out[i] = 'x';
            }
        }
        return out;
    }

    static List<String> frame(byte[] input, int chunk, SuffixFramer.Replies replies, Suffix suffix, int max) {
        SuffixFramer f = new SuffixFramer(suffix, max, replies);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < input.length; i += chunk) {
            f.feed(input, i, Math.min(chunk, input.length - i));
            drain(f, out);
        }
        return out;
    }

    static void drain(SuffixFramer f, List<String> out) {
        for (int guard = 0; guard < 100_000; guard++) {
            try {
                Optional<SuffixFramer.Item> i = f.next();
                if (i.isEmpty()) {
                    return;
                }
                out.add(i.get() instanceof SuffixFramer.Data d ? "D:" + HexFormat.of().formatHex(d.payload())
                        : "R:" + HexFormat.of().formatHex(((SuffixFramer.Reply) i.get()).raw()));
            } catch (ScanFrameException e) {
                out.add(e.problem().name());
            }
        }
        throw new AssertionError("framer made no progress");
    }

    static List<String> ssi(byte[] input, int chunk) {
        SsiDecoder d = new SsiDecoder(SsiPacket.FROM_DECODER);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < input.length; i += chunk) {
            d.feed(input, i, Math.min(chunk, input.length - i));
            for (int guard = 0; ; guard++) {
                assertThat(guard).as("decoder made no progress").isLessThan(input.length + 2);
                try {
                    Optional<SsiPacket> p = d.next();
                    if (p.isEmpty()) {
                        break;
                    }
                    out.add("P:" + HexFormat.of().formatHex(p.get().encode()));
                } catch (ScanFrameException e) {
                    out.add(e.problem().name());
                }
            }
        }
        return out;
    }
}
