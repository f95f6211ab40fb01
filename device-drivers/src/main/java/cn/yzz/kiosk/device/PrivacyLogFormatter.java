package cn.yzz.kiosk.device;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A java.util.logging formatter that masks anything shaped like an identity number before it is
 * written. Code masks at the call site already ({@link Mask}); this is the safety net for the
 * call site that forgot, so that a full ID number never reaches a log file.
 */
public final class PrivacyLogFormatter extends Formatter {

    /** 18-character citizen and permit numbers, and 2017 foreigner numbers (3 letters, 12 digits), even glued to letters ("ID4401…"). */
    private static final Pattern ID_LIKE = Pattern.compile("(?<![0-9])(\\d{17}[0-9Xx]|[A-Z]{3}\\d{12})(?![0-9])");
    private static final int STACK_FRAMES = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(TIME.format(LocalDateTime.ofInstant(r.getInstant(), ZoneId.systemDefault())))
                .append(' ').append(r.getLevel().getName())
                .append(" [").append(r.getLoggerName()).append("] ")
                .append(formatMessage(r));
        if (r.getThrown() != null) {
            sb.append(" | ").append(r.getThrown());
            for (Throwable c = r.getThrown().getCause(); c != null; c = c.getCause()) {
                sb.append(" | caused by ").append(c);
            }
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                // Where an unexpected error came from; frames hold code locations, never data.
                StackTraceElement[] frames = r.getThrown().getStackTrace();
                for (int i = 0; i < Math.min(frames.length, STACK_FRAMES); i++) {
                    sb.append(System.lineSeparator()).append("    at ").append(frames[i]);
                }
            }
        }
        return mask(sb.toString()) + System.lineSeparator();
    }

    /** {@code text} with every ID-shaped number masked. */
    public static String mask(String text) {
        Matcher m = ID_LIKE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(Mask.number(m.group(1))));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
