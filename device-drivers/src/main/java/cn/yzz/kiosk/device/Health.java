package cn.yzz.kiosk.device;

import java.time.Instant;
import java.util.Objects;

/**
 * Result of a health check: a status, a stable code for scripts, and a plain-language detail an
 * administrator can act on ("读卡器没有响应：请检查数据线和电源").
 */
public record Health(Status status, String code, String detail, Instant checkedAt) {

    public enum Status { OK, DEGRADED, FAILED }

    public Health {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
