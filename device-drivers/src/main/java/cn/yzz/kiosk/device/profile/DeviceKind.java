package cn.yzz.kiosk.device.profile;

import cn.yzz.kiosk.device.serial.SerialSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of device a 粤智助 kiosk carries, the drivers each can use, and what each driver needs:
 * a serial port, a CUPS printer name, or a PC/SC reader name, and its options.
 */
public enum DeviceKind {
    IDCARD_READER("idcard-reader", false, Map.of("samv", Driver.serial(115200))),
    QR_SCANNER("qr-scanner", false, Map.of(
            "generic", Driver.serial(9600, Option.choice("reading", "presentation", "presentation", "trigger"),
                    Option.choice("suffix", "cr", "cr", "crlf", "lf", "tab")),
            "newland", Driver.serial(9600, Option.choice("reading", "presentation", "presentation", "trigger"),
                    Option.choice("suffix", "cr", "cr", "crlf", "lf", "tab")),
            "ssi", Driver.serial(9600, Option.choice("reading", "presentation", "presentation", "trigger")))),
    RECEIPT_PRINTER("receipt-printer", false, Map.of(
            "escpos", Driver.serial(115200, Option.choice("paper", "80mm", "80mm", "58mm")))),
    // job-timeout: seconds from handing a job to CUPS to the printer having finished it; a longer job is cancelled
    A4_PRINTER("a4-printer", true, Map.of("cups", Driver.named("printer", Option.whole("job-timeout", 120, 1, 3600)))),
    SSCARD_READER("sscard-reader", true, Map.of("pcsc", Driver.named("reader"))),
    CASH_ACCEPTOR("cash-acceptor", true, Map.of(
            // 9600 8N2 (essp.md §1); encryption: auto = a key is negotiated whenever the unit takes one (then POLL WITH
            // ACK: the unit retells a credit until the journal has it), plain SSP only for a unit that refuses it.
            // The cash desk's policy: the notes taken (fen), the cash box's size in notes, the fill (%) at which cash
            // leaves the service lists, and the largest change voucher (fen) a note may leave.
            "essp", Driver.serial(9600, Option.whole("address", 0, 0, 0x7D),
                    Option.choice("encryption", "auto", "auto", "off", "required"),
                    Option.text("fixed-key", "0123456701234567", "[0-9A-Fa-f]{16}", "16 hex digits such as 0123456701234567"),
                    Option.text("notes", "1000,2000,5000,10000", "[1-9][0-9]*(,[1-9][0-9]*)*",
                            "note values in fen separated by commas, such as 1000,2000,5000,10000"),
                    Option.whole("capacity", 600, 50, 5000),
                    Option.whole("near-full", 90, 50, 100),
                    Option.whole("max-voucher-fen", 9999, 0, 100000))));

    /** What a driver is reached by and what it may be told. */
    record Driver(Link link, String nameKey, List<Option> options) {
        enum Link { SERIAL, NAMED }

        /** The serial speeds, slowest first as messages list them (in a nested type: enum constants are built before the enum's statics). */
        static final List<Integer> BAUDS = SerialSettings.SPEEDS.stream().sorted().toList();

        static Driver serial(int defaultBaud, Option... more) {
            List<Option> all = new java.util.ArrayList<>();
            all.add(Option.whole("baud", defaultBaud, BAUDS));
            all.addAll(List.of(more));
            return new Driver(Link.SERIAL, "port", List.copyOf(all));
        }

        static Driver named(String key, Option... options) {
            return new Driver(Link.NAMED, key, List.of(options));
        }

        Optional<Option> option(String name) {
            return options.stream().filter(o -> o.name().equals(name)).findFirst();
        }
    }

    /** An option: a whole number (from a list or a range) or one of some words; each has a default. */
    record Option(String name, Object defaultValue, List<Object> allowed, int min, int max, String pattern, String hint) {
        static Option choice(String name, String defaultValue, String... allowed) {
            return new Option(name, defaultValue, List.of((Object[]) allowed), 0, 0, null, null);
        }

        static Option whole(String name, int defaultValue, int min, int max) {
            return new Option(name, defaultValue, List.of(), min, max, null, null);
        }

        static Option whole(String name, int defaultValue, List<Integer> allowed) {
            return new Option(name, defaultValue, List.copyOf(allowed), 0, 0, null, null);
        }

        /** A free text matching {@code pattern}, e.g. a key; {@code hint} says what to write. */
        static Option text(String name, String defaultValue, String pattern, String hint) {
            return new Option(name, defaultValue, List.of(), 0, 0, pattern, hint);
        }

        boolean isWhole() {
            return defaultValue instanceof Integer;
        }

        /** What an installer should write, for messages. */
        String expected() {
            if (pattern != null) {
                return hint;
            }
            if (!allowed.isEmpty()) {
                return (isWhole() ? "one of " : "one of the words ")
                        + String.join(", ", allowed.stream().map(String::valueOf).toList());
            }
            return "a whole number from " + min + " to " + max;
        }
    }

    private final String id;
    private final boolean enhancedOnly;
    private final Map<String, Driver> drivers;

    DeviceKind(String id, boolean enhancedOnly, Map<String, Driver> drivers) {
        this.id = id;
        this.enhancedOnly = enhancedOnly;
        this.drivers = drivers;
    }

    /** As written in the configuration, e.g. {@code qr-scanner}. */
    public String id() {
        return id;
    }

    /** Fitted only to enhanced kiosks (BRIEF): A4 printer, social security card reader, banknote acceptor. */
    public boolean enhancedOnly() {
        return enhancedOnly;
    }

    Map<String, Driver> drivers() {
        return drivers;
    }

    static Optional<DeviceKind> byId(String id) {
        for (DeviceKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static String allIds() {
        return String.join(", ", java.util.Arrays.stream(values()).map(DeviceKind::id).toList());
    }
}
