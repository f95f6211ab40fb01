package cn.yzz.kiosk.backend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/** Bearer tokens: made at enrollment, kept only as SHA-256 hashes, checked with the kiosk id. */
final class Auth {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A 401 the route turns into a problem reply. */
    static final class Unauthorized extends Exception {
        Unauthorized(String detail) {
            super(detail);
        }

        Reply toReply() {
            return Reply.problem(401, "unauthorized", "Unauthorized", getMessage())
                    .header("WWW-Authenticate", "Bearer realm=\"kiosk\"");
        }
    }

    private final BackendStore store;

    Auth(BackendStore store) {
        this.store = store;
    }

    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        return Catalogue.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The authenticated kiosk id, or Unauthorized when the header pair does not match a kiosk. */
    String kioskId(Request req) throws Unauthorized, SQLException {
        String kioskId = req.header("X-Kiosk-Id");
        String auth = req.header("Authorization");
        if (kioskId == null || auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("Authorization: Bearer <token> and X-Kiosk-Id are required");
        }
        Optional<String> expected = store.tokenHash(kioskId);
        String given = hash(auth.substring(7).trim());
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            throw new Unauthorized("the token is not valid for kiosk " + kioskId + " (revoked or re-enrolled): enroll again");
        }
        return kioskId;
    }
}
