package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The frames devices.md §3 quotes from sources, rebuilt by the builders byte for byte. */
class ScannerCommandsTest {

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void ssiFramesMatchTheReference() {
        assertThat(hex(ScannerCommands.trigger(ScannerFamily.SSI, true))).isEqualTo("04 E4 04 00 FF 14");
        assertThat(hex(ScannerCommands.trigger(ScannerFamily.SSI, false))).isEqualTo("04 E5 04 00 FF 13");
        assertThat(hex(SsiPacket.fromHost(SsiPacket.ACK).encode())).isEqualTo("04 D0 04 00 FF 28");
        assertThat(hex(SsiPacket.fromHost(SsiPacket.SCAN_ENABLE).encode())).isEqualTo("04 E9 04 00 FF 0F");
        assertThat(hex(SsiPacket.fromHost(SsiPacket.SCAN_DISABLE).encode())).isEqualTo("04 EA 04 00 FF 0E");
        assertThat(hex(SsiPacket.fromHost(SsiPacket.REQUEST_REVISION).encode())).isEqualTo("04 A3 04 00 FF 55");
    }

    @Test
    void newlandTriggerMatchesTheReference() {
        assertThat(hex(ScannerCommands.trigger(ScannerFamily.NEWLAND, true)))
                .isEqualTo("7E 01 30 30 30 30 23 53 43 4E 54 52 47 31 3B 03");
        assertThat(new String(ScannerCommands.newland(true, "ORTSET30000"), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("~\u00010000@ORTSET30000;\u0003");
    }

    @Test
    void gm65TriggerWritesRegister2AndTheDocumentedAckChecksOut() {
        // Byte for byte the frames of devices.md §3.5, AB CD ("skip the CRC check") included: a module or emulator
        // written from the document knows no other CRC to check.
        assertThat(hex(ScannerCommands.trigger(ScannerFamily.GENERIC, true))).isEqualTo("7E 00 08 01 00 02 01 AB CD");
        assertThat(hex(ScannerCommands.trigger(ScannerFamily.GENERIC, false))).isEqualTo("7E 00 08 01 00 02 00 AB CD");
        // The ack quoted in devices.md §3.5 carries a CRC-16/XMODEM over the bytes after 02.
        assertThat(ScannerCommands.gm65ReplyData(HexFormat.of().parseHex("02000001003331"))).containsExactly(0x00);
        assertThat(ScannerCommands.gm65ReplyData(HexFormat.of().parseHex("02000001003332"))).isNull();
        assertThat(ScannerCommands.gm65ReplyData(HexFormat.of().parseHex("020000010033"))).isNull();
    }

    @Test
    void gm65ModeChangesOnlyTheTwoModeBits() {
        assertThat(ScannerCommands.gm65ModeValue(0xD1, true)).isEqualTo(0xD2);
        assertThat(ScannerCommands.gm65ModeValue(0xD2, false)).isEqualTo(0xD1);
        assertThat(ScannerCommands.gm65ModeValue(0xFF, false)).isEqualTo(0xFD);
    }

    @Test
    void newlandReplyStatusIsTheByteBeforeTheTerminator() {
        byte[] ack = cat(new byte[] {0x02, 0x01, '0', '0', '0', '0'}, "SCNMOD2".getBytes(), new byte[] {0x06, ';', 0x03});
        assertThat(ScannerCommands.newlandReplyStatus(ack)).isEqualTo(0x06);
        ack[ack.length - 3] = 0x15;
        assertThat(ScannerCommands.newlandReplyStatus(ack)).isEqualTo(0x15);
        assertThat(ScannerCommands.newlandReplyStatus(new byte[] {0x02, 0x01, ';', 0x03})).isEqualTo(-1);
    }
}
