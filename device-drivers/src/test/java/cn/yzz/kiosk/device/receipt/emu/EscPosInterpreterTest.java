package cn.yzz.kiosk.device.receipt.emu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.receipt.Paper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the emulated printer reads what it is sent, case by case. */
class EscPosInterpreterTest {

    private static final Charset GBK = Charset.forName("GBK");

    final List<Integer> asked = new ArrayList<>();
    final List<PaperRoll.Sheet> cut = new ArrayList<>();
    final PaperRoll roll = new PaperRoll(Paper.MM80.dots(), ReceiptPrinterEmulator.receiptFont(), () -> true, () -> { });
    final EscPosInterpreter p = new EscPosInterpreter(roll, asked::add, () -> cut.add(roll.cut()));

    @Test
    void chineseIsReadAsGbkPairsOnlyInChineseMode() {
        feed(bytes(0x1B, '@'), "中".getBytes(GBK), bytes(0x0A), bytes(0x1C, '&'), "中".getBytes(GBK), bytes(0x0A, 0x1D, 'V', 0));
        assertThat(cut.get(0).lines()).containsExactly("??", "中");
    }

    @Test
    void anUnknownEscCommandIsSkippedAsTwoBytesAndRecorded() {
        feed(bytes(0x1B, 'x', 'A', 'B', 0x0A, 0x1D, 'V', 0));
        assertThat(p.unknownCommands()).containsExactly("ESC 0x78");
        assertThat(cut.get(0).lines()).containsExactly("AB");
    }

    @Test
    void aStatusRequestInsideRasterDataIsDataNotARequest() {
        // GS v 0, 1 byte x 3 rows whose bytes happen to read DLE EOT 1.
        feed(bytes(0x1D, 'v', '0', 0, 1, 0, 3, 0, 0x10, 0x04, 0x01, 0x10, 0x04, 0x02));
        assertThat(asked).containsExactly(2);
        assertThat(p.jobBytes()).isEqualTo(11);
    }

    @Test
    void aQrCodeIsStoredThenPrintedWithItsSizeAndLevel() {
        byte[] data = "https://yzz.gd.gov.cn/v/1".getBytes(GBK);
        int len = data.length + 3;
        feed(bytes(0x1D, '(', 'k', 3, 0, 0x31, 0x43, 4, 0x1D, '(', 'k', 3, 0, 0x31, 0x45, 51),
                bytes(0x1D, '(', 'k', len, 0, 0x31, 0x50, 0x30), data, bytes(0x1D, '(', 'k', 3, 0, 0x31, 0x51, 0x30, 0x1D, 'V', 0));
        assertThat(cut.get(0).qrCodes()).containsExactly("https://yzz.gd.gov.cn/v/1");
        // 25 bytes at level H need version 4 (33 modules; at level L version 2 would do); 4 dots each.
        assertThat(cut.get(0).height()).isEqualTo(33 * 4);
    }

    @Test
    void textLongerThanTheLineWrapsAtThePapersEdge() {
        feed(bytes(0x1C, '&'), "一二三四五六七八九十一二三四五六七八九十一二三四五".getBytes(GBK), bytes(0x0A, 0x1D, 'V', 0));
        assertThat(cut.get(0).lines()).containsExactly("一二三四五六七八九十一二三四五六七八九十一二三四", "五");
    }

    private void feed(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b : parts) {
            all.writeBytes(b);
        }
        byte[] b = all.toByteArray();
        p.feed(b, 0, b.length);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
