package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.app.KioskOptions;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.ProfileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The demo's command line ({@code ./kiosk demo}): the kiosk's own options but for its devices, which
 * are a shipped example profile on emulated devices instead of a {@code --config} file.
 *
 * @param model desktop (ID reader, QR scanner, receipt printer) or enhanced (adds A4 printer, social
 *              security card reader, banknote acceptor)
 */
public record DemoOptions(Path dataDir, String model, boolean windowed, boolean measureStartup, String helpName,
                          String helpPhone) {

    public static final String USAGE = String.join("\n",
            "usage: DemoMain --data-dir DIR [--model desktop|enhanced]",
            "                [--help-name NAME] [--help-phone NUMBER] [--windowed] [--measure-startup]",
            "  --data-dir DIR      where the demo keeps its logs, outbox, enrollment, county backend and receipts",
            "  --model KIND        the demo's kiosk: desktop (ID reader, QR scanner, receipt printer) or enhanced",
            "                      (adds A4 printer, social security card reader, banknote acceptor); default enhanced",
            "  --help-name NAME    whom the 求助 button tells villagers to ask (default: the village committee staff)",
            "  --help-phone NUMBER their phone number, shown and spoken (default: a made-up one)",
            "  --windowed          a normal window instead of full screen",
            "  --measure-startup   print startup-ms=N when the home screen is drawn, then exit");

    /** The demo's 求助 number: a made-up one, so that the screen shows what a configured kiosk shows. */
    static final String DEMO_HELP_PHONE = "0762-1234567";

    public DemoOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        if (!DeviceProfile.EXAMPLES.contains(model)) {
            throw new IllegalArgumentException("--model must be desktop or enhanced, not '" + model + "'");
        }
    }

    /** A demo of an enhanced kiosk with its data in {@code dataDir}, as tests and the tour start it. */
    public static KioskOptions kiosk(Path dataDir) {
        return new DemoOptions(dataDir, "enhanced", false, false, "", DEMO_HELP_PHONE).kiosk();
    }

    /** Parses the command line; the exception's message says what is wrong. */
    public static DemoOptions parse(List<String> args) {
        boolean windowed = false;
        boolean measure = false;
        Path dataDir = null;
        String model = "enhanced";
        String helpName = "";
        String helpPhone = DEMO_HELP_PHONE;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--windowed" -> windowed = true;
                case "--measure-startup" -> measure = true;
                case "--data-dir" -> dataDir = Path.of(KioskOptions.value(args, ++i, a));
                case "--model" -> model = KioskOptions.value(args, ++i, a);
                case "--help-name" -> helpName = KioskOptions.value(args, ++i, a);
                case "--help-phone" -> helpPhone = KioskOptions.phone(KioskOptions.value(args, ++i, a), a);
                case "--config" -> throw new IllegalArgumentException("the demo emulates its devices; leave out --config");
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return new DemoOptions(dataDir, model, windowed, measure, helpName, helpPhone);
    }

    /** The kiosk these options start: the shipped example profile of {@link #model}. */
    public KioskOptions kiosk() {
        return new KioskOptions(dataDir, windowed, example(model), measureStartup, helpName, helpPhone);
    }

    /** The shipped example profile: what the demo emulates. */
    static DeviceProfile example(String model) {
        try {
            return DeviceProfile.parse(DeviceProfile.example(model), model + ".json (shipped example)");
        } catch (ProfileException e) {
            throw new IllegalStateException("the shipped example profile is broken: " + e.getMessage(), e);
        }
    }
}
