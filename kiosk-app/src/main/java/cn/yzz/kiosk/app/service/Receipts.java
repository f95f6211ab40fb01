package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a receipt says, masked, and the same on paper and on screen: title, service, the payer's name
 * and number (members too), amount, method, order number, time, kiosk and receipt number, and a QR
 * code to verify it (receipt number and transaction id, which the county holds).
 */
public final class Receipts {

    private static final java.util.regex.Pattern DAY_AND_SEQUENCE = java.util.regex.Pattern.compile("(\\d{8}-\\d+)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A line of the receipt: label and value; the QR text and the amount apart. */
    public record Content(String title, List<Map.Entry<String, String>> lines, Long amountFen, String qr, String footer) {}

    private Receipts() {}

    /**
     * What is said of a receipt number: its day and sequence ("20261206-0007"), not the kiosk's id before them,
     * whose letters would switch espeak-ng's Chinese voices to English mid-sentence; the screen and the paper
     * carry the whole number.
     */
    public static Spoken spokenNumber(String receiptNo) {
        java.util.regex.Matcher m = DAY_AND_SEQUENCE.matcher(receiptNo);
        return Spoken.digits(m.find() ? m.group(1) : receiptNo.replaceAll("[^0-9-]", ""));
    }

    /** The text a receipt's QR code carries: enough for the county to find and check the transaction. */
    public static String verifyText(Transaction t) {
        return "YZZ-RECEIPT:" + t.receiptNo() + ":" + t.id();
    }

    static Content content(ServiceRun run, Transaction t) {
        boolean payment = "payment".equals(t.type());
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        lines.add(Map.entry("事项", run.plan().service().name()));
        if (t.person() != null) {
            lines.add(Map.entry(payment ? "缴费人" : "申请人", Mask.name(t.person().name())));
            lines.add(Map.entry("证件号码", Mask.number(t.person().idNumber())));
        }
        for (Member m : run.answers().members()) {
            lines.add(Map.entry("代缴对象", (m.maskedName().isEmpty() ? "" : m.maskedName() + " ") + m.maskedNumber()));
        }
        if (payment) {
            lines.add(Map.entry("支付方式", "qr".equals(t.method()) ? "手机扫码支付" : "现金"));
            if (t.orderId() != null) {
                lines.add(Map.entry("订单号", t.orderId()));
            }
            if (Transaction.CASH.equals(t.method()) && t.cash() != null) {
                if (t.cash().get("insertedFen") instanceof Number in) {
                    lines.add(Map.entry("投入现金", Money.text(in.longValue()) + " 元"));
                }
                if (t.cash().get("voucherFen") instanceof Number v && v.longValue() > 0) {
                    lines.add(Map.entry("找零券", Money.text(v.longValue()) + " 元 " + t.cash().get("voucherNo")));
                }
            }
        }
        lines.add(Map.entry("时间", t.createdAt().format(TIME)));
        lines.add(Map.entry("终端", run.county().kioskId().isEmpty() ? "未登记" : run.county().kioskId()));
        lines.add(Map.entry("凭条号", t.receiptNo()));
        String footer = payment ? "请妥善保管本凭条" : "县里收到后会用短信发送办件编号，请留意"; // the tracking number is the county's, known only once it has the application
        return new Content(payment ? "粤智助缴费凭条" : "粤智助受理凭条", lines, payment ? t.amountFen() : null,
                verifyText(t), footer);
    }

    static Receipt paper(Content c, Paper paper) {
        Receipt.Builder b = Receipt.on(paper).title(c.title()).separator();
        for (Map.Entry<String, String> l : c.lines()) {
            b.field(l.getKey(), l.getValue());
        }
        if (c.amountFen() != null) {
            b.separator().amount("金额", Money.yuan(c.amountFen()));
        }
        return b.separator().qr(c.qr()).centred("扫码核验本凭条").centred(c.footer()).build();
    }
}
