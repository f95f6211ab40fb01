package cn.yzz.kiosk.cache.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses {@code Retry-After}: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {

    private RetryAfter() {}

    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            for (DateTimeFormatter form : HTTP_DATES) {
                try {
                    Instant at = form == DateTimeFormatter.RFC_1123_DATE_TIME ? ZonedDateTime.parse(v, form).toInstant()
                            : LocalDateTime.parse(v, form).toInstant(ZoneOffset.UTC);
                    Duration d = Duration.between(now, at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException notThisForm) {
                    // the next form
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and
     * asctime forms a county's older server may still send (both are GMT).
     */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));
}
