package cn.yzz.kiosk.device.receipt.emu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.receipt.EscPos;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The emulated printer's parser: noise never breaks it, and any chunking of a job prints the same receipt. */
class EscPosInterpreterFuzzTest {

    private static final java.awt.Font FONT = ReceiptPrinterEmulator.receiptFont();

    @Property(tries = 300)
    void lineNoiseNeverThrowsAndStatusRequestsStillGetAnswered(@ForAll @Size(max = 3000) byte[] noise,
                                                              @ForAll @IntRange(min = 1, max = 97) int chunk) {
        List<Integer> asked = new ArrayList<>();
        PaperRoll roll = new PaperRoll(Paper.MM58.dots(), FONT, () -> true, () -> { });
        EscPosInterpreter p = new EscPosInterpreter(roll, asked::add, () -> { });
        feed(p, noise, chunk);
        p.reset(); // a half-arrived command is dropped, as after the receive timeout
        feed(p, new byte[] {0x10, 0x04, 0x02}, 1);
        assertThat(asked).last().isEqualTo(2);
    }

    @Property(tries = 10)
    void anyChunkingPrintsTheSameReceipt(@ForAll @IntRange(min = 1, max = 300) int chunk) {
        Receipt receipt = Receipt.on(Paper.MM58).title("测试凭条").field("金额", "1.00 元").qr("https://example.cn/q?id=1").build();
        byte[] job = EscPos.encode(receipt);
        List<PaperRoll.Sheet> cut = new ArrayList<>();
        PaperRoll roll = new PaperRoll(Paper.MM58.dots(), FONT, () -> true, () -> { });
        EscPosInterpreter p = new EscPosInterpreter(roll, n -> { }, () -> cut.add(roll.cut()));
        feed(p, job, chunk);
        assertThat(p.unknownCommands()).isEmpty();
        assertThat(cut).hasSize(1);
        assertThat(cut.get(0).lines()).containsExactly("测试凭条", "金额" + " ".repeat(32 - 4 - 7) + "1.00 元");
        assertThat(cut.get(0).qrCodes()).containsExactly("https://example.cn/q?id=1");
        assertThat(p.jobBytes()).isEqualTo(job.length);
    }

    private static void feed(EscPosInterpreter p, byte[] data, int chunk) {
        for (int i = 0; i < data.length; i += chunk) {
            p.feed(data, i, Math.min(chunk, data.length - i));
        }
    }
}
