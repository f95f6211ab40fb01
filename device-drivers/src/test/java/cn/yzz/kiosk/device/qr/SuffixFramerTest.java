package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuffixFramerTest {

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String> drain(SuffixFramer f) throws ScanFrameException {
        List<String> out = new ArrayList<>();
        for (Optional<SuffixFramer.Item> i = f.next(); i.isPresent(); i = f.next()) {
            out.add(i.get() instanceof SuffixFramer.Data d ? "D:" + new String(d.payload(), StandardCharsets.ISO_8859_1)
                    : "R:" + HexFormat.of().formatHex(((SuffixFramer.Reply) i.get()).raw()));
        }
        return out;
    }

    @Test
    void cutsCodesAtTheSuffixWhateverTheChunks() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 100, SuffixFramer.Replies.NONE);
        f.feed(ascii("ab"), 0, 2);
        assertThat(drain(f)).isEmpty();
        assertThat(f.inFrame()).isTrue();
        f.feed(ascii("c\rdef\rgh"), 0, 8);
        assertThat(drain(f)).containsExactly("D:abc", "D:def");
        assertThat(f.inFrame()).isTrue();
    }

    @Test
    void crlfSuffixIsTwoBytesAndABareSuffixIsNotACode() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CRLF, 100, SuffixFramer.Replies.NONE);
        byte[] b = ascii("\r\nA1\rB\r\n");
        f.feed(b, 0, b.length);
        assertThat(drain(f)).containsExactly("D:A1\rB");
        assertThat(f.discardedBytes()).isEqualTo(2);
    }

    @Test
    void aStalledCodeIsDroppedWithItsRestAndTheNextCodeComesThrough() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 100, SuffixFramer.Replies.NONE);
        f.feed(ascii("https://a.example/x"), 0, 19);
        assertThat(f.stall()).isEqualTo(19);
        assertThat(f.inFrame()).isFalse();
        f.feed(ascii("yz\rNEXT\r"), 0, 8);
        assertThat(drain(f)).containsExactly("D:NEXT");
        assertThat(f.quiet()).as("its rest came: it was broken, not a code without a suffix").isEmpty();
    }

    @Test
    void aCodeWithoutItsSuffixIsHandedOverWholeWhenTheLineStaysQuiet() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 100, SuffixFramer.Replies.GM65);
        f.feed(ascii("https://a.example/x"), 0, 19);
        assertThat(drain(f)).isEmpty();
        f.stall();
        assertThat(f.quiet()).map(d -> new String(d.payload(), StandardCharsets.US_ASCII)).contains("https://a.example/x");
        assertThat(f.discardedBytes()).isZero();
        f.feed(ascii("NEXT\r"), 0, 5);
        assertThat(drain(f)).containsExactly("D:NEXT");
        assertThat(f.quiet()).isEmpty();
    }

    @Test
    void aModulesReplyCutShortIsNeverHandedOverAsACode() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 100, SuffixFramer.Replies.GM65);
        f.feed(new byte[] {0x02, 0x00, 0x00, 0x01}, 0, 4);
        assertThat(drain(f)).isEmpty();
        f.stall();
        assertThat(f.quiet()).isEmpty();
    }

    @Test
    void afterALongSilenceTheNextBytesStartAFreshCode() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 100, SuffixFramer.Replies.NONE);
        f.feed(ascii("\u00ff\u00fenoise"), 0, 7);
        f.stall();
        assertThat(f.quiet()).as("handed over: the driver drops what is not text").isPresent();
        f.feed(ascii("GOOD\r"), 0, 5);
        assertThat(drain(f)).containsExactly("D:GOOD");
    }

    @Test
    void aCodeLongerThanTheLimitIsDroppedAndReported() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 8, SuffixFramer.Replies.NONE);
        f.feed(ascii("0123456789ABCDEF"), 0, 16);
        assertThatThrownBy(f::next).isInstanceOfSatisfying(ScanFrameException.class,
                e -> assertThat(e.problem()).isEqualTo(ScanFrameException.Problem.TOO_LONG));
        f.feed(ascii("GH\rOK\r"), 0, 6);
        assertThat(drain(f)).containsExactly("D:OK");
    }

    @Test
    void gm65RepliesAreToldApartFromCodes() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 100, SuffixFramer.Replies.GM65);
        byte[] b = HexFormat.of().parseHex("0200000100333141420d");
        f.feed(b, 0, 4);
        assertThat(drain(f)).isEmpty();
        f.feed(b, 4, b.length - 4);
        assertThat(drain(f)).containsExactly("R:02000001003331", "D:AB");
    }

    @Test
    void newlandRepliesAreToldApartFromCodes() throws Exception {
        SuffixFramer f = new SuffixFramer(Suffix.CR, 100, SuffixFramer.Replies.NEWLAND);
        byte[] reply = ScannerCommandsTest.cat(new byte[] {0x02, 0x01, '0', '0', '0', '0'}, ascii("SCNTRG1"), new byte[] {0x06, ';', 0x03});
        byte[] b = ScannerCommandsTest.cat(reply, ascii("X9\r"));
        f.feed(b, 0, b.length);
        assertThat(drain(f)).containsExactly("R:" + HexFormat.of().formatHex(reply), "D:X9");
    }
}
