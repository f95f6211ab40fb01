package cn.yzz.kiosk.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The kiosk's log, {@code DATA/logs/kiosk.log}, as the administrator reads it: records (time, level, logger, message) newest
 * first, filtered and paged, every text masked again. It reads what {@code PrivacyLogFormatter} writes:
 * <pre>
 * 2026-06-01 10:00:00.123 SEVERE [cn.yzz.kiosk.app] message | java.io.IOException: … | caused by …
 *     at cn.yzz.kiosk….(….java:42)          (continuation lines: stack frames, the rest of a multi-line message)
 * </pre>
 * The log is read from its end, so the first page of a 10 MB log costs a few blocks; when a page needs more, the files
 * logrotate left ({@code kiosk.log.1}, then {@code kiosk.log.2.gz} …) follow. A line that starts like a record but is
 * not one (half-written when the power went, two records run together), or that holds NUL bytes, is a damaged entry of
 * its own, shown as it is (masked); nothing in a log makes this class throw but an unreadable file.
 *
 * <p>Blocking (files): call it off the JavaFX thread. Thread-safe (no state but the paths).
 */
public final class LogBook {

    /** The log, relative to the data folder. */
    public static final String FILE = "logs/kiosk.log";

    /**
     * One record. For a damaged one {@code at}, {@code level} and {@code logger} are null and {@code message} is the
     * text as found. {@code text} is the record as written (all its lines, masked), for exporting.
     */
    public record Entry(Instant at, Level level, String logger, String message, String text) {
        public boolean damaged() {
            return level == null;
        }
    }

    /**
     * What to show: records at {@code atLeast} or above (null: every level) written at or after {@code since} (null:
     * any time). Damaged entries are always shown, since their level cannot be told, and a crash's last words are often
     * one.
     */
    public record Filter(Level atLeast, Instant since) {
        public static final Filter ALL = new Filter(null, null);
    }

    /** Page {@code number} (0: the newest) of a filtered log; {@code older}: there is at least one more page. */
    public record Page(List<Entry> entries, int number, boolean older) {}

    private static final Pattern HEADER =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ([A-Z]+) \\[([^\\]]*)\\] ?(.*)", Pattern.DOTALL);
    private static final Pattern STARTS_LIKE_HEADER = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T].*", Pattern.DOTALL);
    private static final int BLOCK = 64 * 1024;
    private static final int MAX_ROTATED = 30;

    private final Path file;
    private final ZoneId zone;

    /** @param zone the zone the log's times were written in (the kiosk's: {@link ZoneId#systemDefault()}) */
    public LogBook(Path file, ZoneId zone) {
        this.file = Objects.requireNonNull(file, "file");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The log of the kiosk whose data folder is {@code dataDir}, read in this machine's zone. */
    public static LogBook in(Path dataDir) {
        return new LogBook(dataDir.resolve(FILE), ZoneId.systemDefault());
    }

    /** Page {@code number} (0: the newest) of {@code pageSize} records, newest first. */
    public Page page(Filter filter, int number, int pageSize) throws IOException {
        if (number < 0 || pageSize < 1) {
            throw new IllegalArgumentException("page " + number + " of size " + pageSize);
        }
        long[] skip = {(long) number * pageSize};
        List<Entry> out = new ArrayList<>(pageSize);
        boolean older = eachNewest(filter, e -> {
            if (skip[0] > 0) {
                skip[0]--;
                return true;
            }
            if (out.size() < pageSize) {
                out.add(e);
                return true;
            }
            return false; // one more than the page: there is an older page
        });
        return new Page(out, number, older);
    }

    /** Every record the filter keeps, newest first, at most {@code max}. */
    public List<Entry> newest(Filter filter, int max) throws IOException {
        List<Entry> out = new ArrayList<>();
        eachNewest(filter, e -> {
            out.add(e);
            return out.size() < max;
        });
        return out;
    }

    /** Hands {@code more} the records the filter keeps, newest first, until it answers false; returns whether it did. */
    boolean eachNewest(Filter filter, java.util.function.Predicate<Entry> more) throws IOException {
        try (Records r = new Records(filter)) {
            while (r.hasNext()) {
                if (!more.test(r.next())) {
                    return true;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return false;
    }

    /** Every record the filter keeps, oldest first (for a terminal). */
    public List<Entry> oldestFirst(Filter filter) throws IOException {
        List<Entry> all = newest(filter, Integer.MAX_VALUE);
        Collections.reverse(all);
        return all;
    }

    /** The log files, newest first: the log, then what logrotate left of it. */
    List<Path> files() {
        List<Path> out = new ArrayList<>();
        out.add(file);
        for (int i = 1; i <= MAX_ROTATED; i++) {
            Path plain = file.resolveSibling(file.getFileName() + "." + i);
            Path gz = file.resolveSibling(file.getFileName() + "." + i + ".gz");
            if (Files.isRegularFile(plain)) {
                out.add(plain);
            } else if (Files.isRegularFile(gz)) {
                out.add(gz);
            } else if (i > 1) {
                break;
            }
        }
        return out;
    }

    /**
     * A level from the words an administrator or county IT would type: SEVERE, WARNING, INFO, CONFIG, FINE (any case), or
     * 错误, 警告, 信息, 调试.
     */
    public static Optional<Level> level(String word) {
        String w = word.strip();
        return switch (w.toUpperCase(Locale.ROOT)) {
            case "SEVERE", "ERROR", "错误" -> Optional.of(Level.SEVERE);
            case "WARNING", "WARN", "警告" -> Optional.of(Level.WARNING);
            case "INFO", "信息" -> Optional.of(Level.INFO);
            case "CONFIG" -> Optional.of(Level.CONFIG);
            case "FINE", "DEBUG", "调试" -> Optional.of(Level.FINE);
            default -> Optional.empty();
        };
    }

    /** A level in the administrator's words. */
    public static String words(Level level) {
        if (level == null) {
            return "无法识别";
        }
        int v = level.intValue();
        return v >= Level.SEVERE.intValue() ? "错误" : v >= Level.WARNING.intValue() ? "警告" : v >= Level.INFO.intValue() ? "信息" : "调试";
    }

    /**
     * The records a filter keeps, newest first across the log files. Lines are read backwards, so a record's continuation
     * lines come before it. A record the filter drops costs a level and a time read by position; only kept ones are masked.
     */
    private final class Records implements AutoCloseable {
        private final Filter filter;
        private final Deque<Path> left = new ArrayDeque<>(files());
        private Lines lines;
        private final Deque<String> continuation = new ArrayDeque<>();
        private Entry next;
        private boolean done;

        Records(Filter filter) {
            this.filter = filter;
        }

        boolean hasNext() {
            while (next == null && !done) {
                try {
                    if (lines == null || !lines.hasPrevious()) {
                        if (!continuation.isEmpty()) {
                            next = damaged(null); // lines before a file's first record
                            continue;
                        }
                        if (lines != null) {
                            lines.close();
                            lines = null;
                        }
                        if (left.isEmpty()) {
                            done = true;
                            break;
                        }
                        lines = Lines.open(left.removeFirst());
                        continue;
                    }
                    next = parse(lines.previous());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry e = next;
            next = null;
            return e;
        }

        /** The entry {@code line} ends, if the filter keeps it; null when it is a continuation line or dropped. */
        private Entry parse(String line) {
            if (line.indexOf('\0') < 0) {
                Matcher m = HEADER.matcher(line);
                if (m.matches()) {
                    Level level = level(m.group(2));
                    Instant at = level == null ? null : time(m.group(1));
                    if (at != null) {
                        if (filter.since() != null && at.isBefore(filter.since())) {
                            done = true; // the log is in time order: everything further is older still
                            continuation.clear();
                            return null;
                        }
                        if (filter.atLeast() != null && level.intValue() < filter.atLeast().intValue()) {
                            continuation.clear();
                            return null;
                        }
                        return record(at, level, m, line);
                    }
                } else if (!STARTS_LIKE_HEADER.matcher(line).matches()) {
                    continuation.addFirst(line);
                    return null;
                }
            }
            return damaged(line);
        }

        private Entry record(Instant at, Level level, Matcher m, String line) {
            StringBuilder message = new StringBuilder(m.group(4));
            StringBuilder text = new StringBuilder(line);
            for (String c : continuation) {
                message.append('\n').append(c);
                text.append('\n').append(c);
            }
            continuation.clear();
            return new Entry(at, level, IdShaped.mask(m.group(3)), IdShaped.mask(message.toString()), IdShaped.mask(text.toString()));
        }

        private Entry damaged(String line) {
            StringBuilder text = new StringBuilder(line == null ? "" : line);
            for (String c : continuation) {
                text.append(text.length() == 0 ? "" : "\n").append(c);
            }
            continuation.clear();
            String masked = IdShaped.mask(text.toString());
            return new Entry(null, null, null, masked, masked);
        }

        /** "yyyy-MM-dd HH:mm:ss.SSS" read by position (the pattern checked the digits); null when no such time. */
        private Instant time(String t) {
            try {
                return LocalDateTime.of(num(t, 0, 4), num(t, 5, 7), num(t, 8, 10), num(t, 11, 13), num(t, 14, 16), num(t, 17, 19),
                        num(t, 20, 23) * 1_000_000).atZone(zone).toInstant();
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }

        private static int num(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                n = n * 10 + s.charAt(i) - '0';
            }
            return n;
        }

        private static Level level(String name) {
            switch (name) {
                case "SEVERE": return Level.SEVERE;
                case "WARNING": return Level.WARNING;
                case "INFO": return Level.INFO;
                case "CONFIG": return Level.CONFIG;
                case "FINE": return Level.FINE;
                case "FINER": return Level.FINER;
                case "FINEST": return Level.FINEST;
                default:
                    try {
                        return Level.parse(name);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
            }
        }

        @Override
        public void close() {
            if (lines != null) {
                lines.close();
            }
        }
    }

    /** A file's lines from its last to its first. */
    private interface Lines extends AutoCloseable {
        boolean hasPrevious() throws IOException;

        String previous() throws IOException;

        @Override
        void close();

        static Lines open(Path file) throws IOException {
            try {
                return file.getFileName().toString().endsWith(".gz") ? Gzipped.read(file) : new Backwards(file);
            } catch (NoSuchFileException e) {
                return Gzipped.NONE; // rotated away meanwhile, or never written: no lines
            }
        }
    }

    /** A rotated, compressed log: read whole (logrotate keeps them small), then handed out from the end. */
    private record Gzipped(List<String> all, int[] at) implements Lines {
        static final Gzipped NONE = new Gzipped(List.of(), new int[] {0});

        static Gzipped read(Path file) throws IOException {
            List<String> all = new ArrayList<>();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                         .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    all.add(line);
                }
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                all.add("（压缩的日志文件 " + file.getFileName() + " 不完整，后面的部分读不出）");
            }
            return new Gzipped(all, new int[] {all.size()});
        }

        @Override
        public boolean hasPrevious() {
            return at[0] > 0;
        }

        @Override
        public String previous() {
            return all.get(--at[0]);
        }

        @Override
        public void close() {}
    }

    /**
     * Reads a file backwards in blocks; lines are split on '\n' in bytes (it never occurs inside a UTF-8 character)
     * and decoded one by one, bad bytes replaced.
     */
    private static final class Backwards implements Lines {
        private final FileChannel channel;
        private long position;
        private byte[] carry = new byte[0]; // the start of a line whose beginning is in an earlier block
        private final Deque<String> ready = new ArrayDeque<>();
        private boolean first = true;

        Backwards(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.position = channel.size();
        }

        @Override
        public boolean hasPrevious() throws IOException {
            while (ready.isEmpty() && (position > 0 || carry.length > 0)) {
                if (position == 0) {
                    ready.add(decode(carry, 0, carry.length));
                    carry = new byte[0];
                    break;
                }
                int n = (int) Math.min(BLOCK, position);
                position -= n;
                ByteBuffer buf = ByteBuffer.allocate(n + carry.length);
                buf.limit(n);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, position + buf.position()) < 0) {
                        throw new IOException("log shrank while being read");
                    }
                }
                buf.limit(n + carry.length);
                buf.put(carry);
                byte[] b = buf.array();
                int end = b.length;
                if (first) {
                    first = false;
                    if (end > 0 && b[end - 1] == '\n') {
                        end--; // the file's last newline ends the last line; it starts no empty one
                    }
                }
                int lineEnd = end;
                for (int i = end - 1; i >= 0; i--) {
                    if (b[i] == '\n') {
                        ready.add(decode(b, i + 1, lineEnd));
                        lineEnd = i;
                    }
                }
                carry = java.util.Arrays.copyOfRange(b, 0, lineEnd);
            }
            return !ready.isEmpty();
        }

        @Override
        public String previous() throws IOException {
            if (!hasPrevious()) {
                throw new NoSuchElementException();
            }
            return ready.removeFirst();
        }

        private static String decode(byte[] b, int from, int to) {
            int end = to > from && b[to - 1] == '\r' ? to - 1 : to;
            return new String(b, from, end - from, StandardCharsets.UTF_8); // malformed bytes become U+FFFD
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
        }
    }
}
