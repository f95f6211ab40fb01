package cn.yzz.kiosk.app;

import cn.yzz.kiosk.device.idcard.samv.SamCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The kiosk's command line.
 *
 * @param demo           emulated devices and the simulator window
 * @param dataDir        where logs (and later the database) go
 * @param windowed       a normal decorated window scaled to fit, instead of full screen
 * @param idPort         serial port of the real ID card reader (when not a demo)
 * @param idBaud         its speed
 * @param measureStartup print {@code startup-ms=N} once the home screen is drawn, then exit
 * @param hardware       desktop or enhanced: which devices are fitted (the demo is enhanced)
 * @param helpName       whom 求助 tells villagers to ask; empty: the village committee staff
 * @param helpPhone      their phone number, or empty
 */
public record KioskOptions(boolean demo, Path dataDir, boolean windowed, String idPort, int idBaud, boolean measureStartup,
                           Hardware hardware, String helpName, String helpPhone) {

    public static final int DEFAULT_BAUD = 115200;

    public static final String USAGE = String.join("\n",
            "usage: KioskMain --data-dir DIR (--demo | --id-port PATH [--id-baud N]) [--model desktop|enhanced]",
            "                 [--help-name NAME] [--help-phone NUMBER] [--windowed] [--measure-startup]",
            "  --data-dir DIR      where the kiosk keeps its logs (DIR/logs/kiosk.log)",
            "  --demo              emulated devices and a simulator window to place cards",
            "  --id-port PATH      serial port of the ID card reader, e.g. /dev/ttyUSB0",
            "  --id-baud N         its speed (default " + DEFAULT_BAUD + ")",
            "  --model KIND        desktop (ID reader, QR scanner, receipt printer) or enhanced (adds A4 printer,",
            "                      social security card reader, banknote acceptor); default desktop, enhanced in the demo",
            "  --help-name NAME    whom the 求助 button tells villagers to ask (default: the village committee staff)",
            "  --help-phone NUMBER their phone number, shown and spoken",
            "  --windowed          a normal window instead of full screen",
            "  --measure-startup   print startup-ms=N when the home screen is drawn, then exit");

    public KioskOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(hardware, "hardware");
        helpName = helpName == null ? "" : helpName.strip();
        helpPhone = helpPhone == null ? "" : helpPhone.strip();
    }

    /** A demo on emulated devices with its data in {@code dataDir}, as tests and the tour start it. */
    public static KioskOptions demo(Path dataDir) {
        return new KioskOptions(true, dataDir, false, null, DEFAULT_BAUD, false, Hardware.ENHANCED, "", DEMO_HELP_PHONE);
    }

    /** The demo's 求助 number: a made-up one, so that the screen shows what a configured kiosk shows. */
    static final String DEMO_HELP_PHONE = "0762-1234567";

    /** Parses the command line; the exception's message says what is wrong, for the installer. */
    public static KioskOptions parse(List<String> args) {
        boolean demo = false;
        boolean windowed = false;
        boolean measure = false;
        Path dataDir = null;
        String idPort = null;
        int idBaud = DEFAULT_BAUD;
        Hardware hardware = null;
        String helpName = "";
        String helpPhone = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--demo" -> demo = true;
                case "--windowed" -> windowed = true;
                case "--measure-startup" -> measure = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--id-port" -> idPort = value(args, ++i, a);
                case "--id-baud" -> idBaud = number(value(args, ++i, a), a);
                case "--model" -> hardware = Hardware.parse(value(args, ++i, a));
                case "--help-name" -> helpName = value(args, ++i, a);
                case "--help-phone" -> helpPhone = phone(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        if (!demo && idPort == null) {
            throw new IllegalArgumentException("give --id-port PATH for the ID card reader, or --demo for emulated devices");
        }
        try {
            SamCommand.BaudCode.of(idBaud);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--id-baud: " + e.getMessage());
        }
        if (hardware == null) {
            hardware = demo ? Hardware.ENHANCED : Hardware.DESKTOP;
        }
        if (helpPhone == null) {
            helpPhone = demo ? DEMO_HELP_PHONE : "";
        }
        return new KioskOptions(demo, dataDir, windowed, idPort, idBaud, measure, hardware, helpName, helpPhone);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static String phone(String s, String option) {
        if (!s.matches("[0-9][0-9 -]{2,19}")) {
            throw new IllegalArgumentException(option + " must be a phone number of digits, spaces and '-', not '" + s + "'");
        }
        return s;
    }

    private static int number(String s, String option) {
        try {
            int n = Integer.parseInt(s);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a positive number, not '" + s + "'");
        }
    }
}
