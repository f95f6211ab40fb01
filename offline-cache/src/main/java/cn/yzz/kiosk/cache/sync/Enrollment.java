package cn.yzz.kiosk.cache.sync;

/** What {@code POST /api/v1/enroll} answers with (201). */
public record Enrollment(String kioskId, String token, String catalogVersion) {}
