package cn.yzz.kiosk.cache.sync;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A QR payment order (POST /payments/qr): the kiosk draws {@code payUrl} as a QR code and polls the order until it
 * is final. Not personal data; {@code payUrl} is what the villager's phone opens.
 */
public record QrOrder(String orderId, String payUrl, OffsetDateTime expiresAt) {
    public QrOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(payUrl, "payUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
