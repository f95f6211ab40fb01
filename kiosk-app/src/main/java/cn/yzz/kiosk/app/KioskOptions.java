package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.profile.ProfileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * The kiosk's command line.
 *
 * @param dataDir        where logs, the outbox and the enrollment go
 * @param windowed       a normal decorated window scaled to fit, instead of full screen
 * @param profile        the devices fitted (from {@code --config})
 * @param measureStartup print {@code startup-ms=N} once the home screen is drawn, then exit
 * @param helpName       whom 求助 tells villagers to ask; empty: the village committee staff
 * @param helpPhone      their phone number, or empty
 */
public record KioskOptions(Path dataDir, boolean windowed, DeviceProfile profile, boolean measureStartup,
                           String helpName, String helpPhone) {

    public static final String USAGE = String.join("\n",
            "usage: KioskMain --data-dir DIR --config FILE",
            "                 [--help-name NAME] [--help-phone NUMBER] [--windowed] [--measure-startup]",
            "  --data-dir DIR      where the kiosk keeps its logs, outbox and enrollment",
            "  --config FILE       the kiosk configuration: its devices, their ports and options",
            "                      (kioskctl config example desktop prints one; kioskctl config check checks it)",
            "  --help-name NAME    whom the 求助 button tells villagers to ask (default: the village committee staff)",
            "  --help-phone NUMBER their phone number, shown and spoken",
            "  --windowed          a normal window instead of full screen",
            "  --measure-startup   print startup-ms=N when the home screen is drawn, then exit");

    public KioskOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(profile, "profile");
        helpName = helpName == null ? "" : helpName.strip();
        helpPhone = helpPhone == null ? "" : helpPhone.strip();
    }

    /** Parses the command line; the exception's message says what is wrong, for the installer. */
    public static KioskOptions parse(List<String> args) {
        boolean windowed = false;
        boolean measure = false;
        Path dataDir = null;
        Path config = null;
        String helpName = "";
        String helpPhone = "";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--windowed" -> windowed = true;
                case "--measure-startup" -> measure = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--help-name" -> helpName = value(args, ++i, a);
                case "--help-phone" -> helpPhone = phone(value(args, ++i, a), "--help-phone");
                // The demo is a program of its own now; an old command line is told so rather than only "unknown".
                case "--demo" -> throw new IllegalArgumentException("the demo is a program of its own: ./kiosk demo");
                case "--model" -> throw new IllegalArgumentException("--model is for the demo; a kiosk's model is in its --config file");
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        if (config == null) {
            throw new IllegalArgumentException("give --config FILE with the kiosk's devices");
        }
        DeviceProfile profile;
        try {
            profile = DeviceProfile.load(config);
        } catch (ProfileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new KioskOptions(dataDir, windowed, profile, measure, helpName, helpPhone);
    }

    /** The devices fitted, in the catalogue's terms (a service lists the devices it needs by the same names). */
    public Set<DeviceNeed> fitted() {
        Set<DeviceNeed> out = EnumSet.noneOf(DeviceNeed.class);
        for (DeviceSpec d : profile.devices()) {
            out.add(FittedDevices.need(d.kind()));
        }
        return out;
    }

    /** The value after {@code option}; for the demo's command line as well. */
    public static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** A phone number for {@code --help-phone}; for the demo's command line as well. */
    public static String phone(String s, String option) {
        if (!s.matches("[0-9][0-9 -]{2,19}")) {
            throw new IllegalArgumentException(option + " must be a phone number of digits, spaces and '-', not '" + s + "'");
        }
        return s;
    }
}
