package cn.yzz.kiosk.device.detect;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.idcard.samv.SamFrames;
import cn.yzz.kiosk.device.qr.SsiPacket;
import cn.yzz.kiosk.device.receipt.RealTimeStatus;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The probes' recognition, from bytes: their own question echoed, silence and noise are nobody; real answers are. */
class ProbeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void silenceTheQuestionEchoedBackAndNoiseAreNotADevice() {
        byte[] noise = HEX.parseHex("00ff12aa55a5103e7e0102027f");
        for (Probe p : Probe.ALL) {
            Probe.Conversation c = p.start();
            assertThat(c.hear(new byte[0])).as(p.driver() + " silence").isInstanceOf(Probe.Verdict.NotMine.class);
            assertThat(p.start().hear(c.question())).as(p.driver() + " loopback").isInstanceOf(Probe.Verdict.NotMine.class);
            assertThat(p.start().hear(noise)).as(p.driver() + " noise").isInstanceOf(Probe.Verdict.NotMine.class);
        }
    }

    @Test
    void aPrinterIsFourStatusBytesAndTheOnlyQuestionsAreStatusRequests() {
        Probe.Conversation c = new EscPosProbe().start();
        assertThat(c.question()).containsExactly(0x10, 0x04, 0x01);
        for (int n = 2; n <= 4; n++) {
            Probe.Verdict v = c.hear(new byte[] {0x12});
            assertThat(v).isInstanceOf(Probe.Verdict.Ask.class);
            assertThat(((Probe.Verdict.Ask) v).next()).containsExactly(0x10, 0x04, n);
        }
        String paperOut = RealTimeStatus.decode(0x12, 0x12, 0x12, 0x72).detail();
        assertThat(paperOut).isNotEqualTo("打印机正常");
        assertThat(c.hear(new byte[] {0x72})).isEqualTo(Probe.Verdict.found("ESC/POS 小票打印机：" + paperOut));
        assertThat(new EscPosProbe().start().hear(new byte[] {0x12, 0x12})).as("two bytes to one request")
                .isInstanceOf(Probe.Verdict.NotMine.class);
    }

    @Test
    void aSamReaderAnswersItsStatusThenItsId() {
        Probe.Conversation c = new SamvProbe().start();
        assertThat(c.question()).isEqualTo(HEX.parseHex("aaaaaa96690003 11ffed".replace(" ", "")));
        Probe.Verdict v = c.hear(HEX.parseHex("55aaaaaa966900040000909400")); // noise around the frame
        assertThat(v).isInstanceOf(Probe.Verdict.Ask.class);
        byte[] id = HEX.parseHex("0501201010250000123456789abcdef0");
        Probe.Verdict.Found f = (Probe.Verdict.Found) c.hear(SamFrames.response(0x90, id));
        assertThat(f.detail()).isEqualTo("身份证读卡器，安全模块正常，SAM 编号 05012010-10250000-12345678-9ABCDEF0");
        assertThat(new SamvProbe().start().hear(SamFrames.response(0x66)))
                .isEqualTo(Probe.Verdict.found("身份证读卡器，安全模块报告 66（SAM_V 没经过授权，无法使用）"));
    }

    @Test
    void scannersAreKnownByTheirFamilysReply() {
        assertThat(new Gm65Probe().start().hear(HEX.parseHex("0d0200000100" + crcGm65("00000100"))))
                .isInstanceOf(Probe.Verdict.Found.class);
        byte[] newland = "\u0002\u00010000SCNMOD*\u0006;\u0003".getBytes(StandardCharsets.US_ASCII);
        assertThat(new NewlandProbe().start().hear(newland)).isEqualTo(Probe.Verdict.found("新大陆扫码模组"));
        Probe.Verdict ssi = new SsiProbe().start().hear(SsiPacket.fromDecoder(SsiPacket.REPLY_REVISION, 0,
                "NBRFMAAC".getBytes(StandardCharsets.US_ASCII)).encode());
        assertThat(((Probe.Verdict.Found) ssi).detail()).isEqualTo("SSI 扫码器，版本 NBRFMAAC");
        assertThat(((Probe.Verdict.Found) ssi).farewell()).as("the reply is acknowledged").isEqualTo(SsiPacket.fromHost(SsiPacket.ACK).encode());
        Probe.Conversation nakFirst = new SsiProbe().start();
        assertThat(nakFirst.hear(SsiPacket.fromDecoder(SsiPacket.NAK, 0, (byte) 1).encode())).isInstanceOf(Probe.Verdict.Ask.class);
    }

    @Test
    void anSspUnitIsAReplyFromAddressZeroAndOnlySyncIsAsked() {
        Probe.Conversation c = new SspProbe().start();
        assertThat(c.question()).isEqualTo(SspFrame.of(true, 0, new byte[] {0x11}).encode());
        assertThat(c.hear(SspFrame.of(true, 0, new byte[] {(byte) 0xF0}).encode())).isEqualTo(Probe.Verdict.found("SSP 纸币识别器（地址 0）"));
        assertThat(new SspProbe().stopBits()).isEqualTo(2);
    }

    /** A GM65 reply {@code 02} + body + CRC-16/XMODEM over the body. */
    private static String crcGm65(String body) {
        byte[] b = HEX.parseHex(body);
        int crc = cn.yzz.kiosk.device.qr.ScannerCommands.crc16(b, 0, b.length);
        return String.format("%04x", crc);
    }
}
