package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * POST /identity/resolve: the sandbox's 粤省事码 ({@link YssCodes}, which never expire, and codes issued while running
 * by {@link #issue}, which do). An unknown or expired code is 404; the problem never repeats the code, which is a
 * credential.
 */
final class OnlineRoutes {
    /** The demo 粤省事码 (李秀英's). */
    static final String DEMO_YSS_CODE = YssCodes.LI_XIUYING;
    /** How long a resolved identity may be used, as the answer's expiresAt says. */
    static final Duration RESOLVED_FOR = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A code issued while running: whose, and until when it resolves. */
    private record Issued(YssCodes.Holder holder, Instant until) {}

    private final Auth auth;
    private final Clock clock;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    OnlineRoutes(Auth auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
    }

    /**
     * A fresh dynamic code for a demo person that resolves until {@code validFor} has passed, like the code a phone
     * shows for a minute; IllegalArgumentException for someone the sandbox does not know.
     */
    String issue(String idNumber, Duration validFor) {
        YssCodes.Holder who = YssCodes.valid().stream().filter(h -> h.idNumber().equals(idNumber)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the sandbox knows no demo person with that number"));
        byte[] token = new byte[20];
        RANDOM.nextBytes(token);
        String code = YssCodes.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        issued.put(code, new Issued(new YssCodes.Holder(code, who.name(), who.idNumber()), clock.instant().plus(validFor)));
        return code;
    }

    Route identity() {
        return req -> {
            String code;
            try {
                auth.kioskId(req);
                code = Json.text(Json.parseObject(req.body()), "code");
            } catch (Auth.Unauthorized e) {
                return e.toReply();
            } catch (BadRequest e) {
                return e.toReply();
            }
            Instant now = clock.instant();
            Optional<YssCodes.Holder> who = YssCodes.holder(code);
            Instant expires = now.plus(RESOLVED_FOR);
            if (who.isEmpty()) {
                Issued i = issued.get(code);
                if (i != null && now.isBefore(i.until())) {
                    who = Optional.of(i.holder());
                    expires = i.until().isBefore(expires) ? i.until() : expires;
                } else if (i != null) {
                    issued.remove(code); // expired: unknown from now on, as it would be at the issuer
                }
            }
            if (who.isEmpty()) {
                return Reply.problem(404, "unknown-code", "Unknown code", "the 粤省事码 is unknown or expired: ask for a fresh one");
            }
            ObjectNode out = Json.object();
            out.put("name", who.get().name());
            out.put("idNumber", who.get().idNumber());
            out.put("expiresAt", Json.time(expires.truncatedTo(ChronoUnit.SECONDS)));
            return Reply.json(200, out.toString());
        };
    }
}
