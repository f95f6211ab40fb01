package cn.yzz.kiosk.device.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Exact bytes for small receipts, and the column arithmetic that aligns Chinese text. */
class EscPosTest {

    static final Charset GBK = Charset.forName("GBK");
    static final String START = "1b401c26";
    static final String END = "1b64041d5600";

    @Test
    void anEmptyReceiptInitialisesSelectsChineseFeedsAndCuts() {
        assertThat(hex(Receipt.on(Paper.MM80).build())).isEqualTo(START + END);
    }

    @Test
    void aFieldPutsTheValueFlushRightCountingChineseAsTwoColumns() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM58).field("缴费人", "陈**").build());
        // 缴费人 = 6 columns, 陈** = 4 columns: 22 spaces fill 32.
        assertThat(hex(b)).isEqualTo(START + hex(gbk("缴费人" + " ".repeat(22) + "陈**")) + "0a" + END);
    }

    @Test
    void anAmountIsBoldWithTwoDecimalsFlushRight() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM80).amount("金额", new BigDecimal("12.5")).build());
        String line = "金额" + " ".repeat(48 - 4 - 8) + "12.50 元";
        assertThat(hex(b)).isEqualTo(START + "1b4501" + hex(gbk(line)) + "0a" + "1b4500" + END);
        assertThat(EscPos.columns(line)).isEqualTo(48);
    }

    @Test
    void anAmountBelowAFenIsRefused() {
        assertThatThrownBy(() -> new ReceiptLine.Amount("金额", new BigDecimal("1.005")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("最多两位小数");
        assertThat(new ReceiptLine.Amount("金额", new BigDecimal("1.500")).text()).isEqualTo("1.50 元");
    }

    @Test
    void aValueTooLongForTheLabelsLineGoesRightAlignedBelowIt() {
        String place = "广东省清远市连南瑶族自治县三江镇金坑村委会"; // 42 columns
        byte[] b = EscPos.encode(Receipt.on(Paper.MM58).field("办理地点", place).build());
        List<String> expected = EscPos.wrap(place, 32);
        assertThat(expected).containsExactly("广东省清远市连南瑶族自治县三江镇", "金坑村委会");
        assertThat(hex(b)).isEqualTo(START + hex(gbk("办理地点")) + "0a"
                + hex(gbk("广东省清远市连南瑶族自治县三江镇")) + "0a"
                + hex(gbk(" ".repeat(22) + "金坑村委会")) + "0a" + END);
    }

    @Test
    void aTitleIsCentredBoldAndDoubleSized() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM80).title("凭条").build());
        assertThat(hex(b)).isEqualTo(START + "1b6101" + "1b4501" + "1d2111" + hex(gbk("凭条")) + "0a"
                + "1d2100" + "1b4500" + "1b6100" + END);
    }

    @Test
    void aQrCodeIsModelTwoLevelMStoredThenPrinted() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM80).qr("ABC").build());
        assertThat(hex(b)).isEqualTo(START + "0a1b6101"
                + "1d286b040031413200"   // model 2
                + "1d286b0300314306"     // 6-dot modules
                + "1d286b0300314531"     // error correction M
                + "1d286b0600315030414243" // store: pL = 3 + 3
                + "1d286b0300315130"     // print
                + "0a1b6100" + END);
    }

    @Test
    void qrLengthCountsBytesNotCharacters() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM80).qr("粤智助").build()); // 9 UTF-8 bytes
        assertThat(hex(b)).contains("1d286b0c00315030" + hex("粤智助".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void moduleSizeShrinksSoLongQrDataStillFitsThePaper() {
        String data = "X".repeat(600);
        int modules = EscPos.qrModules(data.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] b = EscPos.encode(Receipt.on(Paper.MM58).qr(data).build());
        int size = Paper.MM58.dots() / (modules + 8);
        assertThat(size).isBetween(1, 5);
        assertThat(hex(b)).contains("1d286b03003143" + String.format("%02x", size));
        assertThatThrownBy(() -> EscPos.encode(Receipt.on(Paper.MM58).qr("9".repeat(7000)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("二维码内容太长");
    }

    @Test
    void aLogoIsARasterWithItsSizeInBytesAndRows() {
        byte[] bits = {(byte) 0xF0, 0x0F, 0x01, (byte) 0x80};
        byte[] b = EscPos.encode(Receipt.on(Paper.MM80).logo(new ReceiptLine.Logo(16, 2, bits)).build());
        assertThat(hex(b)).isEqualTo(START + "1b6101" + "1d763000" + "0200" + "0200" + "f00f0180" + "1b6100" + END);
        assertThatThrownBy(() -> EscPos.encode(Receipt.on(Paper.MM58).logo(new ReceiptLine.Logo(400, 1, new byte[50])).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("超过");
    }

    @Test
    void controlCharactersInTextCannotBecomeCommands() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM80).text("a\u001bd\u0000b\nc").build());
        assertThat(hex(b)).isEqualTo(START + "6120642062" + "0a" + "63" + "0a" + END);
    }

    @Test
    void charactersGbkLacksPrintAsAQuestionMark() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM80).text("𠀀好").build()); // CJK extension B, then a common character
        assertThat(hex(b)).isEqualTo(START + "3f" + hex(gbk("好")) + "0a" + END);
    }

    @Test
    void feedAndSeparator() {
        byte[] b = EscPos.encode(Receipt.on(Paper.MM58).separator().feed(3).build());
        assertThat(hex(b)).isEqualTo(START + hex(gbk("-".repeat(32))) + "0a" + "1b6403" + END);
    }

    @Property(tries = 300)
    void wrappedLinesNeverExceedTheWidthAndLoseNothing(@ForAll @Chars({'a', '1', ' ', 'Z', '-', '好', '粤', '（', '：'}) @CharRange(from = '\u4e00', to = '\u4fff') String text,
                                                      @ForAll @IntRange(min = 2, max = 48) int cols) {
        List<String> lines = EscPos.wrap(text, cols);
        assertThat(lines).allSatisfy(l -> assertThat(EscPos.columns(l)).isLessThanOrEqualTo(cols));
        assertThat(String.join("", lines)).isEqualTo(text);
    }

    @Test
    void aLatinWordMovesWholeToTheNextLine() {
        assertThat(EscPos.wrap("扫码显示 YZZ-KIOSK PRINT-TEST", 20)).containsExactly("扫码显示 YZZ-KIOSK ", "PRINT-TEST");
        assertThat(EscPos.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10)).containsExactly("ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ");
        assertThat(EscPos.wrap("中文中文中文", 5)).containsExactly("中文", "中文", "中文");
    }

    private static byte[] gbk(String s) {
        return s.getBytes(GBK);
    }

    private static String hex(Receipt r) {
        return hex(EscPos.encode(r));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

}
