package cn.yzz.kiosk.device.sscard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The commands byte for byte as devices.md §2.2 lists them. */
class ApdusTest {

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    @Test
    void selectsTheSocialSecurityApplicationByItsGbkName() {
        assertThat(hex(Apdus.selectSsse())).isEqualTo("00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF");
    }

    @Test
    void readsEf05RecordsBySfiFive() {
        assertThat(hex(Apdus.readRecordBySfi(1, 5, 0x12))).isEqualTo("00 B2 01 2C 12");
        assertThat(hex(Apdus.readRecordBySfi(SsItem.SPEC_VERSION.recordNumber(2), 5, SsItem.SPEC_VERSION.length() + 2)))
                .isEqualTo("00 B2 03 2C 06");
        assertThat(hex(Apdus.readRecordBySfi(SsItem.CARD_NUMBER.recordNumber(1), 5, SsItem.CARD_NUMBER.length() + 2)))
                .isEqualTo("00 B2 07 2C 0B");
    }

    @Test
    void readsEf06PositionallyWithTheGenerationsRecordNumbers() {
        assertThat(hex(Apdus.readRecordBySfi(SsItem.SOCIAL_SECURITY_NUMBER.recordNumber(2), 6, 0x14))).isEqualTo("00 B2 01 34 14");
        assertThat(hex(Apdus.readRecordBySfi(SsItem.NAME.recordNumber(2), 6, 0x20))).isEqualTo("00 B2 02 34 20");
        assertThat(hex(Apdus.readRecordBySfi(SsItem.SEX.recordNumber(2), 6, 0x03))).isEqualTo("00 B2 04 34 03");
        assertThat(hex(Apdus.readRecordBySfi(SsItem.SEX.recordNumber(1), 6, 0x03))).isEqualTo("00 B2 03 34 03");
        assertThat(SsItem.BIRTH_DATE.recordNumber(1)).isEqualTo(6);
        assertThat(SsItem.BIRTH_DATE.recordNumber(3)).isEqualTo(7);
    }

    @Test
    void selectsEf06ByFileIdAndReadsByRecordIdentifier() {
        assertThat(hex(Apdus.selectFile(0xEF06))).isEqualTo("00 A4 02 00 02 EF 06");
        assertThat(hex(Apdus.readRecordById(0x08, 0x14))).isEqualTo("00 B2 08 00 14");
        assertThat(hex(Apdus.readRecordById(0x0D, 0x06))).isEqualTo("00 B2 0D 00 06");
    }

    @Test
    void getResponseChallengeAndLeCorrection() {
        assertThat(hex(Apdus.getResponse(0x13))).isEqualTo("00 C0 00 00 13");
        assertThat(hex(Apdus.getChallenge())).isEqualTo("00 84 00 00 08");
        byte[] read = Apdus.readRecordById(0x09, 0x20);
        assertThat(hex(Apdus.withLe(read, 0x16))).isEqualTo("00 B2 09 00 16");
        assertThat(hex(read)).as("the original is untouched").isEqualTo("00 B2 09 00 20");
    }

    @Test
    void statusWordsSayWhatToDo() {
        assertThat(StatusWord.of(new byte[] {0x12, (byte) 0x90, 0x00}).ok()).isTrue();
        assertThat(StatusWord.of(new byte[] {0x61, 0x13}).moreData()).isTrue();
        assertThat(StatusWord.of(new byte[] {0x6C, 0x16}).wrongLe()).isTrue();
        assertThat(StatusWord.of(new byte[] {0x6C, 0x16}).meaning()).isEqualTo("长度不对，应为 22 字节");
        assertThat(StatusWord.of(new byte[] {0x6A, (byte) 0x82}).notFound()).isTrue();
        assertThat(StatusWord.of(new byte[] {0x69, (byte) 0x82}).meaning()).isEqualTo("需在社保终端认证");
        assertThat(StatusWord.of(new byte[] {0x69, (byte) 0x82}).notFound()).isFalse();
        assertThat(StatusWord.of(new byte[] {0x6E, 0x00}).toString()).isEqualTo("6E00");
        assertThat(StatusWord.of(new byte[] {(byte) 0x90})).isNull();
    }
}
