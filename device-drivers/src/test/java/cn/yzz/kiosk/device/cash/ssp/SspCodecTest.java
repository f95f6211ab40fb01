package cn.yzz.kiosk.device.cash.ssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The byte examples of essp.md §1 (every row of its table), encoded and decoded, and the reply parsers. */
class SspCodecTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    static SspFrame decodeOne(String wire) throws SspException {
        SspFrameDecoder d = new SspFrameDecoder();
        d.feed(hex(wire));
        Optional<SspFrame> f = d.next();
        assertThat(f).as("a frame from %s", wire).isPresent();
        assertThat(d.next()).isEmpty();
        assertThat(d.inFrame()).isFalse();
        return f.get();
    }

    @Test
    void crcIsCrc16Cms() {
        assertThat(SspCrc.crc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xAEE7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1 SYNC seq 1,                 7F 80 01 11 65 82",
            "1r reply OK,                  7F 80 01 F0 23 80",
            "2 POLL,                       7F 80 01 07 12 02",
            "2r slave reset + disabled,    7F 80 03 F0 F1 E8 BF 8C",
            "2r' credit ch1 + stacked,     7F 80 04 F0 EE 01 EB B9 48",
            "3 GET SERIAL NUMBER,          7F 80 01 0C 2B 82",
            "3r serial reply,              7F 80 05 F0 00 1C 96 2C D4 97",
            "4 HOST PROTOCOL VERSION 8,    7F 80 02 06 08 03 94",
            "4 HOST PROTOCOL VERSION 9,    7F 80 02 06 09 06 14",
            "4r FAIL,                      7F 80 01 F8 10 00",
            "5 SET INHIBITS all,           7F 80 03 02 FF FF 25 A4",
            "6 real NV9USB SYNC seq 0,     7F 00 01 11 66 08",
            "6r reply seq 0,               7F 00 01 F0 20 0A",
            "6 protocol 6 seq 0,           7F 00 02 06 06 1B 94",
            "6r out of range,              7F 00 01 F4 3B 8A",
            "7 SETUP REQUEST reply EUR,    7F 80 35 F0 00 00 33 33 33 45 55 52 00 00 01 04 05 0A 14 32 02 02 02 02 00 00 64 07 45 55 52 45 55 52 45 55 52 45 55 52 05 00 00 00 0A 00 00 00 14 00 00 00 32 00 00 00 8B 9B",
            "8 UNIT DATA reply,            7F 80 0D F0 00 00 33 33 33 45 55 52 00 00 01 07 A1 51",
            "9 encrypted POLL,             7F 80 11 7E 92 2C F0 C6 74 40 D1 38 B9 17 18 4D FC 76 11 B4 E3 66",
            "10 stuffed SET INHIBITS,      7F 80 03 02 7F 7F 00 2E 26",
            "S3 slave reset,               7F 80 02 F0 F1 1A 22",
            "E1 cleared from front,        7F 80 03 F0 E1 00 CC 6E",
            "E2 cleared to cashbox,        7F 80 03 F0 E2 02 C3 E4",
            "CHANNEL VALUE v5,             7F 80 09 F0 07 05 0A 00 14 00 32 64 BC DA",
    })
    void everyTableExampleDecodesAndEncodesBackToTheSameBytes(String name, String wire) throws SspException {
        SspFrame f = decodeOne(wire);
        assertThat(hex(f.encode())).isEqualTo(wire.trim());
    }

    @Test
    void syncIsSentWithTheFlagSetAndPollWithIt() {
        assertThat(hex(SspFrame.of(true, 0, SspCommand.of(SspCommand.SYNC)).encode())).isEqualTo("7F 80 01 11 65 82");
        assertThat(hex(SspFrame.of(false, 0, SspCommand.of(SspCommand.SYNC)).encode())).isEqualTo("7F 00 01 11 66 08");
        assertThat(hex(SspFrame.of(true, 0, SspCommand.hostProtocolVersion(8)).encode())).isEqualTo("7F 80 02 06 08 03 94");
        assertThat(hex(SspFrame.of(true, 0, SspCommand.setChannelInhibits(0xFFFF)).encode())).isEqualTo("7F 80 03 02 FF FF 25 A4");
    }

    @Test
    void stuffingDoublesEvery7fAfterTheStxTheCrcIncluded() throws SspException {
        // essp.md example 10: mask 7F 00, seq 1.
        SspFrame f = SspFrame.of(true, 0, SspCommand.setChannelInhibits(0x007F));
        assertThat(hex(f.encode())).isEqualTo("7F 80 03 02 7F 7F 00 2E 26");
        assertThat(decodeOne("7F 80 03 02 7F 7F 00 2E 26")).isEqualTo(f);
        // Find data whose CRC itself holds a 7F, and see it stuffed and read back.
        for (int v = 0; v < 0x10000; v++) {
            SspFrame g = SspFrame.of(false, 0, SspCommand.setChannelInhibits(v));
            byte[] plain = {0x00, 0x03, 0x02, (byte) v, (byte) (v >>> 8)};
            int crc = SspCrc.crc(plain);
            if ((crc & 0xFF) == 0x7F && (v & 0xFF) != 0x7F && (v >>> 8) != 0x7F) {
                byte[] wire = g.encode();
                assertThat(wire).hasSize(9); // 8 bytes and the stuffed CRC low byte
                assertThat(wire[6]).isEqualTo((byte) 0x7F);
                assertThat(wire[7]).isEqualTo((byte) 0x7F);
                assertThat(decodeOne(hex(wire))).isEqualTo(g);
                return;
            }
        }
        throw new AssertionError("no CRC with a 7F low byte in 65536 masks");
    }

    @Test
    void repliesSplitIntoGenericResponseAndBody() throws SspException {
        assertThat(SspResponse.Reply.parse(decodeOne("7F 80 01 F0 23 80").data()).ok()).isTrue();
        assertThat(SspResponse.Reply.parse(decodeOne("7F 80 01 F8 10 00").data()).response()).isEqualTo(SspResponse.FAIL);
        assertThat(SspResponse.Reply.parse(decodeOne("7F 00 01 F4 3B 8A").data()).response())
                .isEqualTo(SspResponse.PARAMETER_OUT_OF_RANGE);
        for (SspResponse r : SspResponse.values()) {
            assertThat(SspResponse.of(r.code)).isEqualTo(r);
        }
        assertThat(SspResponse.of(0xFA)).isEqualTo(SspResponse.KEY_NOT_SET);
    }

    @Test
    void s1SlaveResetExampleWithoutF0IsRefusedAsAReply() throws SspException {
        // essp.md Appendix A: S1 prints 7F 80 01 F1 26 00 — a valid frame whose data lacks the F0.
        SspFrame f = decodeOne("7F 80 01 F1 26 00");
        assertThatThrownBy(() -> SspResponse.Reply.parse(f.data()))
                .isInstanceOfSatisfying(SspException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_REPLY))
                .hasMessageContaining("F1");
        // S3's corrected one.
        SspResponse.Reply r = SspResponse.Reply.parse(decodeOne("7F 80 02 F0 F1 1A 22").data());
        assertThat(SspEvent.decode(r.body(), 7, 0)).containsExactly(SspEvent.of(SspEventCode.SLAVE_RESET, 0));
    }

    @Test
    void serialNumberIsBigEndian() throws SspException {
        SspResponse.Reply r = SspResponse.Reply.parse(decodeOne("7F 80 05 F0 00 1C 96 2C D4 97").data());
        assertThat(SspReplies.serial(r.body())).isEqualTo(1873452L);
        assertThat(SspReplies.serial(hex("0029E94B"))).isEqualTo(2746699L);
        assertThatThrownBy(() -> SspReplies.serial(hex("001C96"))).isInstanceOf(SspException.class);
    }

    @Test
    void pollRepliesOfTheTableDecodeInOrder() throws SspException {
        assertThat(events("7F 80 03 F0 F1 E8 BF 8C"))
                .containsExactly(SspEvent.of(SspEventCode.SLAVE_RESET, 0), SspEvent.of(SspEventCode.DISABLED, 0));
        assertThat(events("7F 80 04 F0 EE 01 EB B9 48"))
                .containsExactly(SspEvent.of(SspEventCode.NOTE_CREDIT, 1), SspEvent.of(SspEventCode.STACKED, 0));
        assertThat(events("7F 80 03 F0 E1 00 CC 6E")).containsExactly(SspEvent.of(SspEventCode.NOTE_CLEARED_FROM_FRONT, 0));
        assertThat(events("7F 80 03 F0 E2 02 C3 E4")).containsExactly(SspEvent.of(SspEventCode.NOTE_CLEARED_TO_CASHBOX, 2));
        // S2 §8.3: several events in one reply.
        assertThat(SspEvent.decode(hex("EE03CC"), 7, 0))
                .containsExactly(SspEvent.of(SspEventCode.NOTE_CREDIT, 3), SspEvent.of(SspEventCode.STACKING, 0));
    }

    private static List<SspEvent> events(String wire) throws SspException {
        SspResponse.Reply r = SspResponse.Reply.parse(decodeOne(wire).data());
        assertThat(r.ok()).isTrue();
        return SspEvent.decode(r.body(), 7, 0);
    }

    @Test
    void everyValidatorEventHasItsDataLength() throws SspException {
        List<SspEvent> all = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (SspEventCode c : SspEventCode.values()) {
            switch (c.layout) {
                case NONE -> {
                    all.add(SspEvent.of(c, 0));
                    body.append(String.format("%02X", c.code));
                }
                case CHANNEL, FRAUD -> {
                    all.add(SspEvent.of(c, 5));
                    body.append(String.format("%02X05", c.code));
                }
                default -> { }
            }
        }
        assertThat(SspEvent.decode(hex(body.toString()), 7, 0)).containsExactlyElementsOf(all);
        assertThat(all).hasSizeGreaterThan(30);
    }

    @Test
    void payoutEventsAreReadToTheirEndSoTheNextEventIsNotMisread() throws SspException {
        // v6+: count, n × (4-byte LE value, 3 ASCII). Two currencies, then a credit.
        byte[] v6 = hex("DA02" + "E8030000" + "434E59" + "64000000" + "455552" + "EE02");
        List<SspEvent> e = SspEvent.decode(v6, 7, 6);
        assertThat(e).extracting(SspEvent::code).containsExactly(SspEventCode.DISPENSING, SspEventCode.NOTE_CREDIT);
        assertThat(e.get(0).data()).hasSize(15);
        assertThat(e.get(1).channel()).isEqualTo(2);
        // Below v6: one 4-byte value.
        assertThat(SspEvent.decode(hex("D2E8030000EB"), 5, 6)).extracting(SspEvent::code)
                .containsExactly(SspEventCode.DISPENSED, SspEventCode.STACKED);
        // Incomplete payout: 11 bytes per currency from v6, 8 bytes before.
        assertThat(SspEvent.decode(hex("DC01" + "01000000" + "02000000" + "434E59" + "E8"), 6, 6))
                .extracting(SspEvent::code).containsExactly(SspEventCode.INCOMPLETE_PAYOUT, SspEventCode.DISABLED);
        assertThat(SspEvent.decode(hex("DD" + "01000000" + "02000000" + "E8"), 5, 6))
                .extracting(SspEvent::code).containsExactly(SspEventCode.INCOMPLETE_FLOAT, SspEventCode.DISABLED);
        // Error during payout: from v7 counted values then the error byte, before v7 the error byte alone.
        assertThat(SspEvent.decode(hex("B101" + "E8030000434E59" + "01" + "E8"), 7, 6)).hasSize(2);
        assertThat(SspEvent.decode(hex("B101E8"), 6, 6)).hasSize(2);
        // Values that exist only from v6 / v8.
        assertThat(SspEvent.decode(hex("C9" + "E8030000434E59" + "CA" + "E8"), 7, 6)).extracting(SspEvent::code)
                .containsExactly(SspEventCode.NOTE_TRANSFERRED_TO_STACKER, SspEventCode.NOTE_PAID_INTO_STACKER_AT_POWER_UP,
                        SspEventCode.DISABLED);
        assertThat(SspEvent.decode(hex("CA" + "E8030000434E59" + "E8"), 8, 6)).hasSize(2);
        // Fraud: a channel on a validator, values on a SMART Payout.
        assertThat(SspEvent.decode(hex("E603"), 7, 0).get(0).channel()).isEqualTo(3);
        assertThat(SspEvent.decode(hex("E601E8030000434E59E8"), 7, 6)).hasSize(2);
    }

    @Test
    void unknownEventCodeIsAnErrorNamingTheByte() {
        assertThatThrownBy(() -> SspEvent.decode(hex("EE0142E8"), 7, 0))
                .isInstanceOfSatisfying(SspException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_EVENT))
                .hasMessageContaining("42").hasMessageContaining("byte 2");
    }

    @Test
    void eventCutShortIsAnError() {
        assertThatThrownBy(() -> SspEvent.decode(hex("E8EE"), 7, 0)).isInstanceOf(SspException.class).hasMessageContaining("EE");
        assertThatThrownBy(() -> SspEvent.decode(hex("DA"), 7, 6)).isInstanceOf(SspException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> SspEvent.decode(hex("DA02E8030000434E59"), 7, 6)).isInstanceOf(SspException.class);
    }

    @Test
    void setupRequestOfTheEuroUnitGivesItsChannelsInCents() throws SspException {
        SspResponse.Reply r = SspResponse.Reply.parse(decodeOne("7F 80 35 F0 00 00 33 33 33 45 55 52 00 00 01 04 05 0A 14 32 02 02 02 02 00 00 64 07 45 55 52 45 55 52 45 55 52 45 55 52 05 00 00 00 0A 00 00 00 14 00 00 00 32 00 00 00 8B 9B").data());
        SetupReply s = SetupReply.parse(r.body());
        assertThat(s.unitType()).isZero();
        assertThat(s.firmware()).isEqualTo("\0" + "333"); // printed by ITL as 00 33 33 33
        assertThat(s.country()).isEqualTo("EUR");
        assertThat(s.valueMultiplier()).isEqualTo(1);
        assertThat(s.channelBytes()).containsExactly(5, 10, 20, 50);
        assertThat(s.realValueMultiplier()).isEqualTo(100);
        assertThat(s.protocolVersion()).isEqualTo(7);
        assertThat(s.channelCountries()).containsExactly("EUR", "EUR", "EUR", "EUR");
        assertThat(s.expandedValues()).containsExactly(5L, 10L, 20L, 50L);
        assertThat(s.channelValuesMinor()).containsExactly(500L, 1000L, 2000L, 5000L);
    }

    @Test
    void setupRequestBelowV6HasNoExpandedBlock() throws SspException {
        // A CNY dataset, protocol 5: ¥1 ¥5 ¥10 ¥20 ¥50 ¥100 on channels 1–6 (essp.md §8 guesses the order).
        byte[] body = hex("00" + "30333333" + "434E59" + "000001" + "06" + "01050A143264" + "020202020202" + "000064" + "05");
        SetupReply s = SetupReply.parse(body);
        assertThat(s.protocolVersion()).isEqualTo(5);
        assertThat(s.expandedValues()).isEmpty();
        assertThat(s.channelValuesMinor()).containsExactly(100L, 500L, 1000L, 2000L, 5000L, 10000L);
    }

    @Test
    void setupRequestV6WithMultiplierZeroTakesTheExpandedValues() throws SspException {
        byte[] body = hex("00" + "30343039" + "434E59" + "000000" + "03" + "000000" + "000000" + "000064" + "08"
                + "434E59434E59434E59" + "0A000000" + "00000000" + "64000000");
        SetupReply s = SetupReply.parse(body);
        assertThat(s.channelValuesMinor()).containsExactly(1000L, 0L, 10000L);
    }

    @Test
    void setupRequestBelowV6WithMultiplierZeroIsRefused() throws SspException {
        byte[] body = hex("00" + "30333333" + "434E59" + "000000" + "02" + "0A14" + "0000" + "000064" + "05");
        SetupReply s = SetupReply.parse(body);
        assertThatThrownBy(s::channelValuesMinor).isInstanceOf(SspException.class).hasMessageContaining("multiplier 0");
    }

    @Test
    void gbpExampleOfTheManualHasAMultiplierThatIsNeither100BigNorLittleEndian() throws SspException {
        // essp.md Appendix A: S1/S3 print the real value multiplier as 40 00 00. Read big-endian as ITL states,
        // it is 4194304 — not 100 — so the example cannot be used to check units; the driver refuses such
        // values (SspNoteAcceptor checks that a note is worth at most ¥100 000).
        byte[] body = hex("00" + "30333330" + "474250" + "000001" + "03" + "050A14" + "020202" + "400000" + "05");
        SetupReply s = SetupReply.parse(body);
        assertThat(s.realValueMultiplier()).isEqualTo(0x400000).isNotEqualTo(100);
        assertThat(s.channelValuesMinor()).containsExactly(5L * 0x400000, 10L * 0x400000, 20L * 0x400000);
    }

    @Test
    void setupRequestOfTheWrongLengthIsRefused() {
        // The EUR reply with one expanded value missing.
        byte[] body = hex("00003333334555520000010405" + "0A1432" + "02020202" + "000064" + "07" + "455552455552455552455552"
                + "050000000A00000014000000");
        assertThatThrownBy(() -> SetupReply.parse(body)).isInstanceOf(SspException.class).hasMessageContaining("protocol 7");
        assertThatThrownBy(() -> SetupReply.parse(hex("0000"))).isInstanceOf(SspException.class);
        assertThatThrownBy(() -> SetupReply.parse(hex("00" + "30333333" + "434E59" + "000001" + "00" + "000064" + "05")))
                .isInstanceOf(SspException.class).hasMessageContaining("0 channels");
    }

    @Test
    void rejectCodesHaveWords() throws SspException {
        assertThat(SspReplies.rejectCode(hex("08"))).isEqualTo(8);
        assertThat(RejectCode.of(0x08)).isEqualTo(RejectCode.REJECT_BY_HOST);
        assertThat(RejectCode.of(0x13)).isEqualTo(RejectCode.ESCROW_TIMEOUT);
        assertThat(RejectCode.of(0x06).words).contains("面额");
        assertThat(RejectCode.of(0x1E)).isNull();
        assertThat(RejectCode.wordsFor(0x1E)).isNotBlank();
        assertThat(RejectCode.values()).hasSize(31);
    }
}
