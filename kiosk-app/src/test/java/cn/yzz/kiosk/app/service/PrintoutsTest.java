package cn.yzz.kiosk.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.receipt.EscPos;
import cn.yzz.kiosk.device.receipt.EscPosReceiptPrinter;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptLine;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.serial.MemoryCable;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A county's query answer as the villager takes it away: on A4 and on the receipt roll. The receipts
 * are printed by the real ESC/POS driver to the emulated printer, which renders them at 203 dpi into
 * kiosk-app/target/receipts/printouts/.
 */
class PrintoutsTest {

    static final Person PERSON = new Person("440105195608121526", "陈美玲");
    static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-06T09:30:15+08:00");
    static final Printouts.Stamp STAMP = new Printouts.Stamp(PERSON, AT, "WJ-0042", "WJ-0042-20261206-3FA9C1");

    /** A contribution record as a county answers it: years, months, an amount. */
    static QueryAnswer contributions(int years, String verifyCode) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("年度", "险种", "月数", "缴费金额(元)"));
        for (int i = 0; i < years; i++) {
            rows.add(List.of(String.valueOf(2025 - i), i % 2 == 0 ? "城乡居民养老保险" : "城乡居民医疗保险", "12", String.format("%,.2f", 3600.0 + i * 120)));
        }
        return new QueryAnswer("城乡居民养老保险缴费记录", rows, "以上记录截至打印之日，仅供参考。", verifyCode);
    }

    @Test
    void theA4DocumentCarriesTheTableThePersonMaskedAndWhereItWasPrinted() {
        A4Document d = Printouts.a4(contributions(3, "GD-VERIFY-7F3K9Q"), STAMP);

        assertThat(d.title()).isEqualTo("城乡居民养老保险缴费记录");
        assertThat(d.header()).extracting(f -> f.label() + "：" + f.value()).containsExactly(
                "姓名：陈**", "公民身份号码：440***********1526", "打印时间：2026-12-06 09:30", "打印终端：WJ-0042",
                "打印编号：WJ-0042-20261206-3FA9C1");
        assertThat(d.columns()).extracting(A4Document.Column::heading).containsExactly("年度", "险种", "月数", "缴费金额(元)");
        assertThat(d.columns()).extracting(A4Document.Column::align).containsExactly(
                A4Document.Align.RIGHT, A4Document.Align.CENTER, A4Document.Align.RIGHT, A4Document.Align.RIGHT);
        assertThat(d.rows()).hasSize(3).first().isEqualTo(List.of("2025", "城乡居民养老保险", "12", "3,600.00"));
        assertThat(d.qrText()).isEqualTo("GD-VERIFY-7F3K9Q");
        assertThat(d.qrCaption()).isEqualTo("扫码核验本件");
        assertThat(d.note()).isEqualTo("以上记录截至打印之日，仅供参考。");
        assertThat(d.footnote()).isEqualTo(Printouts.FOOTNOTE);
        assertThat(d.toString()).doesNotContain("陈美玲", "440105195608121526");
    }

    @Test
    void withoutAVerifyCodeTheA4HasNoQrCodeAndAServiceWithoutAPersonNoPersonalFields() {
        A4Document d = Printouts.a4(contributions(1, ""), new Printouts.Stamp(null, AT, "", "未登记-20261206-000001"));
        assertThat(d.hasQr()).isFalse();
        assertThat(d.qrCaption()).isEmpty();
        assertThat(d.header()).extracting(A4Document.Field::label).containsExactly("打印时间", "打印终端", "打印编号");
        assertThat(d.header().get(1).value()).isEqualTo("未登记");
    }

    @Test
    void theReferenceLooksLikeAReceiptNumberAndComesFromTheTransactionId() {
        UUID id = UUID.fromString("0190f3c2-7b1e-7c3d-8e4f-0000003fa9c1");
        assertThat(Printouts.reference("WJ-0042", AT, id)).isEqualTo("WJ-0042-20261206-3FA9C1");
        assertThat(Printouts.reference("", AT, UUID.fromString("0190f3c2-7b1e-7c3d-8e4f-000000000a01"))).isEqualTo("未登记-20261206-000A01");
    }

    @ParameterizedTest
    @EnumSource(Paper.class)
    void aNarrowTableIsPrintedAsColumnsThatFitThePaper(Paper paper) throws Exception {
        QueryAnswer answer = new QueryAnswer("养老保险缴费记录", List.of(
                List.of("年度", "月数", "缴费金额(元)"), List.of("2025", "12", "300.00"), List.of("2024", "12", "3,600.00"),
                List.of("2023", "6", "90")), "", "DEV-1A2B3C4D5E6F");
        Receipt receipt = Printouts.receipt(answer, STAMP, paper);
        PrintedReceipt printed = print(receipt, "table-" + paper);

        List<String> lines = printed.lines();
        assertThat(lines).contains("姓名" + " ".repeat(paper.columns() - 8) + "陈**");
        assertThat(lines).contains("年度  月数  缴费金额(元)", "2025    12        300.00", "2024    12      3,600.00", "2023     6            90");
        assertThat(lines).allSatisfy(l -> assertThat(EscPos.columns(l)).isLessThanOrEqualTo(paper.columns()));
        assertThat(printed.qrCodes()).containsExactly("DEV-1A2B3C4D5E6F");
        assertThat(printed.complete()).isTrue();
        assertThat(String.join("\n", lines)).doesNotContain("陈美玲", "440105195608121526").contains("440***********1526");
    }

    @Test
    void aTableTooWideForTheRollIsPrintedRowByRowAsHeadingAndValue() throws Exception {
        QueryAnswer answer = contributions(2, "GD-VERIFY-7F3K9Q");
        Receipt receipt = Printouts.receipt(answer, STAMP, Paper.MM58);
        assertThat(receipt.lines()).filteredOn(ReceiptLine.Field.class::isInstance).map(l -> ((ReceiptLine.Field) l).label())
                .containsSubsequence("年度", "险种", "月数", "缴费金额(元)", "年度", "险种", "月数", "缴费金额(元)");
        PrintedReceipt printed = print(receipt, "rows-58mm");

        assertThat(printed.lines()).contains("年度" + " ".repeat(32 - 4 - 4) + "2025", "缴费金额(元)" + " ".repeat(32 - 12 - 8) + "3,720.00",
                "以上记录截至打印之日，仅供参考。");
        assertThat(printed.lines()).allSatisfy(l -> assertThat(EscPos.columns(l)).isLessThanOrEqualTo(32));
        assertThat(printed.qrCodes()).containsExactly("GD-VERIFY-7F3K9Q");
        // On 80 mm the same table fits as columns.
        assertThat(print(Printouts.receipt(answer, STAMP, Paper.MM80), "table-80mm-wide").lines())
                .contains("年度  险种              月数  缴费金额(元)");
    }

    @Test
    void anEmptyAnswerSaysSoAndWithoutAVerifyCodeThereIsNoQrCode() throws Exception {
        QueryAnswer answer = new QueryAnswer("不动产登记查询", List.of(List.of("不动产单元号", "坐落")), "", "");
        PrintedReceipt printed = print(Printouts.receipt(answer, STAMP, Paper.MM80), "empty");
        assertThat(printed.lines()).contains("（无记录）"); // centred by the printer (ESC a 1), not by spaces
        assertThat(printed.qrCodes()).isEmpty();
    }

    /** Through the real driver to the emulated printer, which renders what it cut. */
    static PrintedReceipt print(Receipt receipt, String name) throws Exception {
        MemoryCable cable = new MemoryCable("printouts");
        Path out = Path.of("target", "receipts", "printouts", name);
        try (ReceiptPrinterEmulator emu = new ReceiptPrinterEmulator(cable::openDevice, 115200, receipt.paper(), out);
             EscPosReceiptPrinter printer = new EscPosReceiptPrinter("receipt-printer", cable::openHost, 115200)) {
            printer.open();
            printer.print(receipt).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && emu.receipts().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertThat(emu.receipts()).hasSize(1);
            PrintedReceipt p = emu.receipts().get(0);
            assertThat(p.png()).isNotEmptyFile();
            return p;
        }
    }
}
