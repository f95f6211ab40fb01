package cn.yzz.kiosk.cache.sync;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the sync engine and its HTTP client are configured with.
 *
 * @param baseUrl         e.g. {@code https://county.example/kiosk}; paths {@code /api/v1/...} are appended
 * @param kioskId         null before enrollment
 * @param token           bearer token, null before enrollment
 * @param allowInsecure   plain HTTP allowed (development and tests on loopback only)
 * @param pins            the backend's SPKI pins ({@code sha256/BASE64}, {@link Pins}); when given, the backend is
 *                        trusted by them alone (PinnedTrust); empty: the runtime's CAs
 * @param callTimeout     bounds a whole call, body upload and response included (OkHttp has none by default)
 * @param batchSize       transactions per upload, 1..100 (the contract's limit)
 * @param batchesInFlight uploads under way at once, 1..16: on a slow link with a long round trip one batch at a
 *                        time leaves the link idle while waiting for each answer
 * @param reconnectWindow the first attempt after a long outage is spread uniformly over this window
 * @param longOutage      how long without contact counts as a long outage
 */
public record SyncConfig(String baseUrl, String kioskId, String token, boolean allowInsecure, List<String> pins,
                         Duration connectTimeout, Duration readTimeout, Duration writeTimeout, Duration callTimeout,
                         int batchSize, int batchesInFlight, Duration backoffBase, Duration backoffCap, Duration reconnectWindow,
                         Duration longOutage, Duration heartbeatPeriod, Duration pollPeriod, String appVersion) {

    public static final int MAX_BATCH = 100;
    public static final int MAX_IN_FLIGHT = 16;

    public SyncConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        pins = pins == null ? List.of() : Pins.checkAll(pins);
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be 1.." + MAX_BATCH + ": " + batchSize);
        }
        if (batchesInFlight < 1 || batchesInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("batchesInFlight must be 1.." + MAX_IN_FLIGHT + ": " + batchesInFlight);
        }
        if (!allowInsecure && !baseUrl.regionMatches(true, 0, "https://", 0, 8)) {
            // Personal data and money travel in these bodies: cleartext only when explicitly allowed.
            throw new IllegalArgumentException("plain HTTP refused (allowInsecure is false): " + baseUrl);
        }
    }

    /**
     * The defaults of the contract: batches of 100, backoff base 2 s cap 5 min, heartbeat every 5 min. Eight
     * batches in flight keep a 512 kbit/s link with a 300 ms round trip busy: its bandwidth-delay product is
     * 19 KB and a gzipped batch of 100 is about 3.6 KB (./kiosk bench measures it).
     */
    public static SyncConfig defaults(String baseUrl, String kioskId, String token, boolean allowInsecure) {
        return new SyncConfig(baseUrl, kioskId, token, allowInsecure, List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(45),
                MAX_BATCH, 8, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(30), "1.0.0");
    }

    public SyncConfig withPins(List<String> newPins) {
        return new SyncConfig(baseUrl, kioskId, token, allowInsecure, newPins, connectTimeout, readTimeout,
                writeTimeout, callTimeout, batchSize, batchesInFlight, backoffBase, backoffCap, reconnectWindow, longOutage,
                heartbeatPeriod, pollPeriod, appVersion);
    }

    public SyncConfig withTimeouts(Duration read, Duration call) {
        return new SyncConfig(baseUrl, kioskId, token, allowInsecure, pins, connectTimeout, read, writeTimeout, call,
                batchSize, batchesInFlight, backoffBase, backoffCap, reconnectWindow, longOutage, heartbeatPeriod,
                pollPeriod, appVersion);
    }

    public SyncConfig withBatchSize(int size) {
        return new SyncConfig(baseUrl, kioskId, token, allowInsecure, pins, connectTimeout, readTimeout,
                writeTimeout, callTimeout, size, batchesInFlight, backoffBase, backoffCap, reconnectWindow, longOutage,
                heartbeatPeriod, pollPeriod, appVersion);
    }

    public SyncConfig withBatchesInFlight(int n) {
        return new SyncConfig(baseUrl, kioskId, token, allowInsecure, pins, connectTimeout, readTimeout,
                writeTimeout, callTimeout, batchSize, n, backoffBase, backoffCap, reconnectWindow, longOutage,
                heartbeatPeriod, pollPeriod, appVersion);
    }
}
