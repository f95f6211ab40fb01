package cn.yzz.kiosk.cache.sync;

import java.util.UUID;

/** The backend's answer for one uploaded transaction. */
public record ItemResult(UUID id, Status status, String backendRef, String reason) {

    public enum Status {
        ACCEPTED, DUPLICATE, REJECTED;

        static Status parse(String s) {
            return switch (s) {
                case "accepted" -> ACCEPTED;
                case "duplicate" -> DUPLICATE;
                case "rejected" -> REJECTED;
                default -> null;
            };
        }
    }
}
