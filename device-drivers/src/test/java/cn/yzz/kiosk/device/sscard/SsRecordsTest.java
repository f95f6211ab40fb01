package cn.yzz.kiosk.device.sscard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SsRecordsTest {

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    @Test
    void aRecordIsOneTlvWhoseTagIsTheItem() throws Exception {
        byte[] rec = hex("07 09 41 30 31 32 33 34 35 36 37");
        assertThat(SsRecords.ascii(SsRecords.value(rec, SsItem.CARD_NUMBER), SsItem.CARD_NUMBER)).isEqualTo("A01234567");
        assertThat(SsRecords.record(SsItem.CARD_NUMBER, "A01234567".getBytes(Charset.forName("US-ASCII")))).isEqualTo(rec);
    }

    @Test
    void theWrongTagIsRefused() {
        // Record 3 of a 2nd-generation EF06 is 姓名扩展, not 性别: reading it as gender must fail loudly.
        assertThatThrownBy(() -> SsRecords.value(hex("4E 01 00"), SsItem.SEX))
                .isInstanceOf(SsCardDataException.class).hasMessage("性别：记录标签是 4E，应为 0A");
    }

    @Test
    void aLengthThatDisagreesWithTheRecordIsRefused() {
        assertThatThrownBy(() -> SsRecords.value(hex("0A 02 31"), SsItem.SEX))
                .isInstanceOf(SsCardDataException.class).hasMessage("性别：记录声明 2 字节，实有 1 字节");
        assertThatThrownBy(() -> SsRecords.value(hex("0A"), SsItem.SEX))
                .isInstanceOf(SsCardDataException.class).hasMessage("性别：记录太短（1 字节）");
    }

    @Test
    void namesAreGbkWithPaddingRemoved() throws Exception {
        // 欧阳堃喆: 堃 (88 D2) and 喆 (86 B4) are GBK-only, outside GB2312.
        byte[] value = hex("C5 B7 D1 F4 88 D2 86 B4 00 00 00 00 20 20");
        assertThat(SsRecords.gbk(value, SsItem.NAME)).isEqualTo("欧阳堃喆");
        assertThat(SsRecords.gbkPadded("欧阳堃喆", 14)).isEqualTo(hex("C5 B7 D1 F4 88 D2 86 B4 00 00 00 00 00 00"));
        assertThat(Charset.forName("GB2312").newEncoder().canEncode("堃")).as("堃 is outside GB2312").isFalse();
    }

    @Test
    void bytesThatAreNotGbkAreAnErrorNotAQuestionMark() {
        assertThatThrownBy(() -> SsRecords.gbk(hex("C5 B7 FF 30"), SsItem.NAME))
                .isInstanceOf(SsCardDataException.class).hasMessage("姓名：不是有效的 GBK 文字");
    }

    @Test
    void datesArePackedBcd() throws Exception {
        assertThat(SsRecords.bcdDate(hex("20 36 09 01"), SsItem.EXPIRY_DATE)).isEqualTo(LocalDate.of(2036, 9, 1));
        assertThat(SsRecords.bcdDate(LocalDate.of(1948, 5, 17))).isEqualTo(hex("19 48 05 17"));
        assertThatThrownBy(() -> SsRecords.bcdDate(hex("20 36 13 01"), SsItem.EXPIRY_DATE))
                .isInstanceOf(SsCardDataException.class).hasMessage("卡有效期：不是有效日期");
        assertThatThrownBy(() -> SsRecords.bcdDate(hex("20 3A 09 01"), SsItem.ISSUE_DATE))
                .isInstanceOf(SsCardDataException.class).hasMessage("发卡日期：不是有效的 BCD 数字");
        assertThatThrownBy(() -> SsRecords.bcdDate(hex("20 36 09"), SsItem.BIRTH_DATE))
                .isInstanceOf(SsCardDataException.class).hasMessage("出生日期：日期应为 4 字节，实有 3 字节");
    }

    @Test
    void asciiFieldsRefuseControlAndHighBytes() {
        assertThatThrownBy(() -> SsRecords.ascii(hex("34 34 0A 31"), SsItem.SOCIAL_SECURITY_NUMBER))
                .isInstanceOf(SsCardDataException.class).hasMessage("社会保障号码：含有非 ASCII 字符");
    }
}
