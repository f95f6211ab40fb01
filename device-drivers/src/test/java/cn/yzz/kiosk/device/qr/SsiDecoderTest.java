package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SsiDecoderTest {

    @Test
    void decodesWhatIsEncodedAcrossChunksAndSkipsNoise() throws Exception {
        SsiPacket p = SsiPacket.fromDecoder(SsiPacket.DECODE_DATA, SsiPacket.CONTINUATION,
                ("\u001C" + "https://yss.example/c?x=1").getBytes(StandardCharsets.US_ASCII));
        byte[] b = ScannerCommandsTest.cat(new byte[] {0x01, 0x02, (byte) 0xFF}, p.encode());
        SsiDecoder d = new SsiDecoder(SsiPacket.FROM_DECODER);
        for (byte x : b) {
            d.feed(new byte[] {x}, 0, 1);
        }
        assertThat(d.next()).contains(p);
        assertThat(d.next()).isEmpty();
        assertThat(d.discardedBytes()).isEqualTo(3);
        assertThat(p.is(SsiPacket.CONTINUATION)).isTrue();
        assertThat(p.toString()).doesNotContain("yss");
    }

    @Test
    void aWrongChecksumIsReportedAndThePacketConsumed() throws Exception {
        byte[] bad = SsiPacket.fromDecoder(SsiPacket.ACK, 0).encode();
        bad[bad.length - 1] ^= 1;
        byte[] good = SsiPacket.fromDecoder(SsiPacket.NAK, 0, (byte) 1).encode();
        SsiDecoder d = new SsiDecoder(SsiPacket.FROM_DECODER);
        byte[] b = ScannerCommandsTest.cat(bad, good);
        d.feed(b, 0, b.length);
        assertThatThrownBy(d::next).isInstanceOfSatisfying(ScanFrameException.class,
                e -> assertThat(e.problem()).isEqualTo(ScanFrameException.Problem.BAD_CHECKSUM));
        assertThat(d.next()).contains(SsiPacket.fromDecoder(SsiPacket.NAK, 0, (byte) 1));
    }

    @Test
    void packetsFromTheOtherSideAreNotTakenAsOurs() throws Exception {
        SsiDecoder d = new SsiDecoder(SsiPacket.FROM_DECODER);
        byte[] host = SsiPacket.fromHost(SsiPacket.START_DECODE).encode();
        d.feed(host, 0, host.length);
        assertThat(d.next()).isEmpty();
    }
}
