package cn.yzz.kiosk.cache.sync;

/** The body of {@code POST /api/v1/enroll}; {@code model} is {@code desktop} or {@code enhanced}. */
public record EnrollRequest(String enrollmentCode, String model, String villageCode, String hardwareId,
                            String appVersion) {}
