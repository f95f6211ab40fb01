package cn.yzz.kiosk.cache.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to the backend did not give a usable answer. Except for {@link Kind#UNAUTHORIZED} and
 * {@link Kind#CLIENT}, nothing is known about what the backend did: the same ids are sent again later.
 */
public final class BackendException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer: connection refused or dropped, timeout, TLS or pin failure. */
        TRANSPORT,
        /** 429 or 503: the backend sheds load; honour {@link #retryAfter()}. */
        THROTTLED,
        /** Other 5xx, 408. */
        SERVER,
        /** 401: the token is revoked; stop syncing until re-enrolled. */
        UNAUTHORIZED,
        /** Other 4xx: the backend refused the request as a whole. */
        CLIENT,
        /** 200 but the body is not what the contract says (malformed, too large, wrong shape). */
        MALFORMED
    }

    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;

    BackendException(Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
