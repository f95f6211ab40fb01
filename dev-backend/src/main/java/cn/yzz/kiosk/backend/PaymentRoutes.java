package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * QR payments: POST /payments/qr, GET and DELETE /payments/{orderId}. A sandbox backend (sync-api.md v1.1):
 * nobody really pays it, so {@code payUrl} is {@code <base>/dev/pay/{orderId}} on this backend, and opening
 * it (GET), as the villager's phone would, pays a pending order. End-to-end tests decode the QR code on the
 * kiosk's screen and open it; other tests may call {@link DevBackend#payOrder}.
 */
final class PaymentRoutes {
    private final PaymentStore payments;
    private final Auth auth;
    private final Catalogue catalogue;
    private final Supplier<String> baseUrl;

    PaymentRoutes(PaymentStore payments, Auth auth, Catalogue catalogue, Supplier<String> baseUrl) {
        this.payments = payments;
        this.auth = auth;
        this.catalogue = catalogue;
        this.baseUrl = baseUrl;
    }

    Route create() {
        return req -> {
            String kioskId;
            String transactionId;
            String serviceCode;
            long amount;
            try {
                kioskId = auth.kioskId(req);
                ObjectNode body = Json.parseObject(req.body());
                transactionId = Json.text(body, "transactionId");
                serviceCode = Json.text(body, "serviceCode");
                JsonNode a = body.get("amountFen");
                if (a == null || !a.isIntegralNumber() || a.asLong() <= 0) {
                    throw new BadRequest("amountFen", "field 'amountFen' must be a positive integer count of fen");
                }
                amount = a.asLong();
                if (!catalogue.hasService(serviceCode)) {
                    throw new BadRequest("serviceCode", "service '" + serviceCode + "' is not in the catalogue");
                }
            } catch (Auth.Unauthorized e) {
                return e.toReply();
            } catch (BadRequest e) {
                return e.toReply();
            }
            PaymentStore.Order o = payments.create(kioskId, transactionId, serviceCode, amount);
            ObjectNode out = Json.object();
            out.put("orderId", o.orderId());
            out.put("payUrl", baseUrl.get() + "/dev/pay/" + o.orderId());
            out.put("expiresAt", Json.time(o.expiresAt()));
            return Reply.json(201, out.toString());
        };
    }

    Reply status(Request req, String orderId) throws Exception {
        try {
            auth.kioskId(req);
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        }
        return reply(payments.get(orderId), orderId);
    }

    Reply cancel(Request req, String orderId) throws Exception {
        try {
            auth.kioskId(req);
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        }
        return reply(payments.settle(orderId, "cancelled"), orderId);
    }

    /**
     * The stand-in for the villager paying by phone: a small page a phone's browser can show. A pending order is
     * paid (200 "已支付"); a paid one says so again without paying twice (200); a cancelled or expired one is not
     * paid (409, with its state); an unknown one is 404.
     */
    Reply devPay(String orderId) throws Exception {
        Optional<PaymentStore.Order> o = payments.settle(orderId, "paid");
        if (o.isEmpty()) {
            return page(404, "订单不存在", "unknown order");
        }
        return switch (o.get().status()) {
            case "paid" -> page(200, "已支付", "paid " + o.get().amountFen() + " fen");
            case "cancelled" -> page(409, "订单已取消", "cancelled");
            case "expired" -> page(409, "订单已过期", "expired");
            default -> page(409, "未支付", o.get().status());
        };
    }

    private static Reply page(int status, String headline, String state) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + headline + "</title></head>"
                + "<body><h1>" + headline + "</h1><p>dev-backend sandbox payment: " + state + "</p></body></html>";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        return new Reply(status, headers, html.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply reply(Optional<PaymentStore.Order> order, String orderId) {
        if (order.isEmpty()) {
            return Reply.problem(404, "unknown-order", "Unknown order", "no payment order " + orderId);
        }
        ObjectNode out = Json.object();
        out.put("orderId", order.get().orderId());
        out.put("status", order.get().status());
        out.put("amountFen", order.get().amountFen());
        return Reply.json(200, out.toString());
    }
}
