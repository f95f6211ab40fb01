package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Transaction;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** {@code <kioskId>-<yyyyMMdd>-<seq>}: the receipt numbers both outboxes make, and what a queued transaction must be. */
final class ReceiptNumbers {

    private ReceiptNumbers() {}

    /** The kiosk-local day of a transaction: its creation date in its own offset. */
    static String day(Transaction t) {
        LocalDate d = t.createdAt().toLocalDate();
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    static String prefix(String kioskId, String day) {
        return kioskId + "-" + day + "-";
    }

    /** At least 4 digits, zero-padded: 0001 … 9999, then 10000 on a day that busy. */
    static String format(String kioskId, String day, long seq) {
        return prefix(kioskId, day) + String.format("%04d", seq);
    }

    /** The sequence number of {@code receiptNo} under {@code prefix}, or 0 when it is not one of ours. */
    static long seqOf(String receiptNo, String prefix) {
        if (receiptNo == null || !receiptNo.startsWith(prefix)) {
            return 0;
        }
        String tail = receiptNo.substring(prefix.length());
        if (tail.isEmpty() || tail.length() > 9 || !tail.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return 0;
        }
        return Long.parseLong(tail);
    }

    static void requireKioskId(String kioskId) {
        if (kioskId == null || kioskId.isBlank() || kioskId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a kiosk id without spaces is needed for receipt numbers: " + kioskId);
        }
    }

    /** What may be queued: a receipt number is made here, and a qr payment says its order. */
    static void requireQueueable(Transaction t, boolean numbering) {
        if (numbering && t.receiptNo() != null) {
            throw new IllegalArgumentException("transaction " + t.id() + " already has receipt number " + t.receiptNo());
        }
        if (Transaction.QR.equals(t.method()) && t.orderId() == null) {
            throw new IllegalArgumentException("qr payment " + t.id() + " without an orderId cannot be queued");
        }
    }
}
