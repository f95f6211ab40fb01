package cn.yzz.kiosk.admin;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.PrivacyLogFormatter;
import java.util.regex.Pattern;

/**
 * Masks ID-shaped numbers in text the administrator's tools show or export: the log formatter's rule (18-character
 * citizen and permit numbers, foreigners' 3 letters + 12 digits) and, as the audit log does, the old 15-digit numbers.
 * Control characters become U+FFFD, so a damaged log line cannot drive a terminal (escape sequences).
 */
final class IdShaped {

    private static final Pattern OLD_15 = Pattern.compile("(?<![0-9A-Za-z])\\d{15}(?![0-9A-Za-z])");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n]]");

    private IdShaped() {}

    static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = PrivacyLogFormatter.mask(text);
        masked = OLD_15.matcher(masked).replaceAll(m -> Mask.number(m.group()));
        return CONTROL.matcher(masked).replaceAll("\uFFFD");
    }
}
