package cn.yzz.kiosk.cache.sync;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The backend's answer to a heartbeat: its clock, and what it asks the kiosk to do
 * ({@code refresh-catalog}, {@code upload-diagnostics}; types this kiosk does not know are passed on
 * as they are, for the caller to log and ignore).
 */
public record HeartbeatReply(OffsetDateTime serverTime, List<String> commands) {

    public HeartbeatReply {
        commands = List.copyOf(commands);
    }
}
