package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * QR payments: POST /payments/qr, GET and DELETE /payments/{orderId}. Nobody really pays a dev
 * backend, so {@code payUrl} points at {@code GET /dev/pay/{orderId}}, which marks the order paid
 * (open it with curl or a browser on the same machine; tests call {@link DevBackend#payOrder}).
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

  /** The stand-in for the villager paying by phone. */
  Reply devPay(String orderId) throws Exception {
    return reply(payments.settle(orderId, "paid"), orderId);
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
