package cn.yzz.kiosk.device.profile;

import java.util.Map;
import java.util.Optional;

/**
 * One device as the configuration lists it, checked and with every option filled in (defaults
 * included), so the code that builds drivers never has to guess.
 *
 * @param key     where it is in the file, e.g. {@code devices[2]}, for messages
 * @param target  the serial port for serial drivers; the CUPS printer or PC/SC reader name for the
 *                others, empty meaning the system's default printer or the first reader
 * @param options the driver's options: {@code Integer} or {@code String} values, defaults included
 */
public record DeviceSpec(String key, DeviceKind kind, String driver, Optional<String> target, Map<String, Object> options) {

    public DeviceSpec {
        options = Map.copyOf(options);
    }

    public int intOption(String name) {
        Object v = options.get(name);
        if (!(v instanceof Integer i)) {
            throw new IllegalArgumentException(key + " has no whole-number option " + name);
        }
        return i;
    }

    public String textOption(String name) {
        Object v = options.get(name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " has no option " + name);
        }
        return s;
    }

    /** The serial port; only for serial drivers. */
    public String port() {
        return target.orElseThrow(() -> new IllegalStateException(key + " has no port"));
    }

    @Override
    public String toString() {
        return kind.id() + " (" + driver + (target.map(t -> " on " + t).orElse("")) + ", " + key + ")";
    }
}
