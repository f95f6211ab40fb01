package cn.yzz.kiosk.device.idcard.samv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamFrameDecoderTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Command frames as printed in devices.md §1.4 (they match the frames hard-coded in public drivers). */
    @ParameterizedTest
    @CsvSource({
        "RESET,                 AA AA AA 96 69 00 03 10 FF EC",
        "STATUS,                AA AA AA 96 69 00 03 11 FF ED",
        "SAM_ID,                AA AA AA 96 69 00 03 12 FF EE",
        "FIND_CARD,             AA AA AA 96 69 00 03 20 01 22",
        "SELECT_CARD,           AA AA AA 96 69 00 03 20 02 21",
        "READ_TEXT_PHOTO,       AA AA AA 96 69 00 03 30 01 32",
        "READ_WITH_FINGERPRINT, AA AA AA 96 69 00 03 30 10 23",
        "READ_LATEST_ADDRESS,   AA AA AA 96 69 00 03 30 03 30",
    })
    void encodesTheDocumentedCommandFrames(SamCommand command, String frame) {
        assertThat(command.frame()).isEqualTo(hex(frame));
    }

    @Test
    void encodesBaudChangeFrames() {
        assertThat(SamCommand.setBaudFrame(115200)).isEqualTo(hex("AA AA AA 96 69 00 03 60 00 63"));
        assertThat(SamCommand.setBaudFrame(9600)).isEqualTo(hex("AA AA AA 96 69 00 03 60 04 67"));
        assertThatThrownBy(() -> SamCommand.setBaudFrame(4800)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "AA AA AA 96 69 00 04 00 00 90 94,                               90, 0",
        "AA AA AA 96 69 00 04 00 00 80 84,                               80, 0",
        "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97,                   9F, 4",
        "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C,       90, 8",
    })
    void decodesTheDocumentedResponses(String frame, String sw3, int dataLength) throws Exception {
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        d.feed(hex(frame));
        SamFrame f = d.next().orElseThrow();
        assertThat(f.sw3()).isEqualTo(Integer.parseInt(sw3, 16));
        assertThat(f.swPrefixValid()).isTrue();
        assertThat(f.responseData()).hasSize(dataLength);
        assertThat(d.next()).isEmpty();
    }

    @Test
    void responseEncoderMatchesTheDocumentedFrames() {
        assertThat(SamFrames.response(0x90)).isEqualTo(hex("AA AA AA 96 69 00 04 00 00 90 94"));
        assertThat(SamFrames.response(0x9F, new byte[4])).isEqualTo(hex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"));
    }

    @Test
    void takesInputOneByteAtATime() throws Exception {
        byte[] frame = SamFrames.response(0x90, new byte[1288 - 4]);
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        List<SamFrame> out = new ArrayList<>();
        for (byte b : frame) {
            d.feed(new byte[] {b});
            d.next().ifPresent(out::add);
        }
        assertThat(out).hasSize(1);
        assertThat(out.get(0).length()).isEqualTo(1288 - 1);
    }

    @Test
    void dropsGarbageBeforeThePreambleIncludingFalseStarts() throws Exception {
        byte[] junk = hex("00 13 AA AA 96 AA AA AA 96 68 FF");
        byte[] frame = SamFrames.response(0x90);
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        d.feed(junk);
        d.feed(frame);
        assertThat(d.next()).map(SamFrame::sw3).contains(0x90);
        assertThat(d.discardedBytes()).isEqualTo(junk.length);
    }

    @Test
    void aPreambleInsideThePayloadIsNotANewFrame() throws Exception {
        byte[] payload = new byte[40];
        System.arraycopy(hex("AA AA AA 96 69 00 04 00 00 90 94"), 0, payload, 10, 11);
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        d.feed(SamFrames.response(0x90, payload));
        d.feed(SamFrames.response(0x80));
        assertThat(d.next()).map(SamFrame::responseData).contains(payload);
        assertThat(d.next()).map(SamFrame::sw3).contains(0x80);
        assertThat(d.next()).isEmpty();
    }

    @Test
    void aBadChecksumIsReportedAndTheNextFrameStillDecodes() throws Exception {
        byte[] bad = SamFrames.response(0x90, new byte[] {1, 2, 3});
        bad[bad.length - 1] ^= 1;
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        d.feed(bad);
        d.feed(SamFrames.response(0x91));
        assertThatThrownBy(d::next).isInstanceOfSatisfying(SamFrameException.class,
                e -> assertThat(e.problem()).isEqualTo(SamFrameException.Problem.BAD_CHECKSUM));
        assertThat(d.next()).map(SamFrame::sw3).contains(0x91);
    }

    @ParameterizedTest
    @CsvSource({"AA AA AA 96 69 00 02 00 00", "AA AA AA 96 69 FF FF 00 00"})
    void anImpossibleLengthIsReportedAndHuntingResumes(String start) throws Exception {
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        d.feed(hex(start));
        d.feed(SamFrames.response(0x90));
        assertThatThrownBy(d::next).isInstanceOfSatisfying(SamFrameException.class,
                e -> assertThat(e.problem()).isEqualTo(SamFrameException.Problem.BAD_LENGTH));
        assertThat(drain(d)).extracting(SamFrame::sw3).containsExactly(0x90);
    }

    @Test
    void aPartialFrameWaitsAndSaysSo() throws Exception {
        byte[] frame = SamFrames.response(0x90, new byte[100]);
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        d.feed(frame, 0, 50);
        assertThat(d.next()).isEmpty();
        assertThat(d.inFrame()).isTrue();
        d.reset();
        assertThat(d.inFrame()).isFalse();
    }

    @Test
    void commandsHaveAShorterMinimumLength() throws Exception {
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.COMMANDS);
        d.feed(SamCommand.FIND_CARD.frame());
        SamFrame f = d.next().orElseThrow();
        assertThat(SamCommand.of(f.cmd(), f.para())).isEqualTo(SamCommand.FIND_CARD);
    }

    static List<SamFrame> drain(SamFrameDecoder d) {
        List<SamFrame> out = new ArrayList<>();
        while (true) {
            try {
                Optional<SamFrame> f = d.next();
                if (f.isEmpty()) {
                    return out;
                }
                out.add(f.get());
            } catch (SamFrameException e) {
                // skipped, as the driver does
            }
        }
    }
}
