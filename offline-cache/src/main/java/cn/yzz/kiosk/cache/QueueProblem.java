package cn.yzz.kiosk.cache;

import cn.yzz.kiosk.cache.OutboxEntry.State;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An outbox entry the administrator must look at: rejected by the backend, or blocked after too many failed
 * uploads. It carries no personal data (no person, no form answers), only what the 队列 page shows.
 *
 * @param type        payment, application, print, evaluation or cash-audit
 * @param serviceCode the service, null for a cash-audit
 * @param receiptNo   the villager's receipt number, null when there was none
 * @param attempts    uploads tried (a rejected entry: before the backend refused it)
 * @param reason      the backend's reason (rejected) or the last upload's error (blocked), ID-shaped numbers masked
 */
public record QueueProblem(UUID id, String type, String serviceCode, String receiptNo, OffsetDateTime createdAt,
                           State state, int attempts, String reason) {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{3})\\d{11}(\\d{3}[\\dXx])(?![0-9A-Za-z])");

    /** The reasons a county backend is known to give, in words an administrator can act on. */
    private static final List<Map.Entry<String, String>> KNOWN = List.of(
            Map.entry("unknown servicecode", "县里不认识这项服务（服务目录可能已更新）"),
            Map.entry("unknown order", "县里查不到这笔扫码支付的订单"),
            Map.entry("order belongs to another transaction", "这笔扫码支付的订单属于另一笔业务"),
            Map.entry("order not paid", "这笔扫码支付没有付款成功（已取消或过期）"),
            Map.entry("amountfen differs", "金额与县里订单上的不一致"),
            Map.entry("id already used by another kiosk", "这笔业务的编号已被另一台终端用过"),
            Map.entry("413:", "这笔业务太大，县里收不下"),
            // the sync engine's own errors of a blocked entry start with the failure's kind
            Map.entry("transport:", "连不上县里的后台"),
            Map.entry("server:", "县里的后台出了故障"),
            Map.entry("throttled:", "县里的后台太忙，让终端稍后再传"),
            Map.entry("malformed:", "县里后台的应答看不懂"),
            Map.entry("client:", "县里的后台不接受这次上传"));

    public QueueProblem {
        reason = reason == null ? "" : ID_NUMBER.matcher(reason).replaceAll(m -> m.group(1) + "*".repeat(11) + m.group(2));
    }

    /** What happened and what to do, in plain words for the 队列 page. */
    public String words() {
        String why = reason.toLowerCase(Locale.ROOT);
        String plain = KNOWN.stream().filter(k -> k.getKey().endsWith(":") ? why.startsWith(k.getKey()) : why.contains(k.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(reason.isEmpty() ? "没有说明原因" : "县里的说明：" + reason);
        return state == State.BLOCKED
                ? "已上传 " + attempts + " 次都没成功，暂停了（" + plain + "）。请先在“网络”页检查网络，再点“解除”"
                : "县里拒收了这笔业务：" + plain + "。终端不会再传它；请记下收据号，联系县里处理";
    }
}
