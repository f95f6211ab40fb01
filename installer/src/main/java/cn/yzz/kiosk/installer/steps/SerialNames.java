package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The udev rules that give each configured serial device a stable name, {@code /dev/yzz-<kind>} (such as
 * {@code /dev/yzz-idcard-reader}), and the port each device gets in the installed configuration. A rule matches
 * what can be known about the device:
 * <ul>
 * <li>a {@code /dev/serial/by-id/…} or {@code by-path/…} port: that link itself ({@code SYMLINK==}), which udev's
 *     60-serial.rules makes from the adapter's USB ids and serial number (or its USB socket) — exact, and known
 *     without the device, so also with {@code --root};</li>
 * <li>another port on a live machine: the device's USB vendor, product and serial number as
 *     {@code udevadm info} reports them, or its USB socket when it has no serial number;</li>
 * <li>otherwise (a built-in {@code ttyS} port, or {@code --root}) the kernel's name, which for {@code ttyUSB}
 *     and {@code ttyACM} can change when devices are plugged in another order: the notes say so.</li>
 * </ul>
 */
final class SerialNames {

    /** The rules file, the new port of each device (by its configured port) and what the installer should know. */
    record Result(String rules, Map<String, String> ports, List<String> notes) {}

    /** Reads a device's udev properties ({@code udevadm info --query=property}); empty when it is not there. */
    interface Properties {
        Map<String, String> of(String port);
    }

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:+@/=-]+");

    private SerialNames() {}

    /**
     * @param existing the rules file as installed now (for a configuration that already uses the stable names),
     *                 or empty
     * @param live     reads udev about devices that are plugged in; empty with {@code --root}
     */
    static Result of(DeviceProfile profile, String existing, Optional<Properties> live) throws InstallerException {
        StringBuilder rules = new StringBuilder("# 粤智助自助终端 — written by kioskctl install, removed by kioskctl uninstall.\n"
                + "# Stable names for the kiosk's serial devices; the installed configuration uses them.\n");
        Map<String, String> ports = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (DeviceSpec d : profile.devices()) {
            // Only serial drivers have a speed; the others are reached by a CUPS queue or a PC/SC reader name.
            if (!d.options().containsKey("baud")) {
                continue;
            }
            String port = d.port();
            String name = KioskLayout.DEVICE_NAME_PREFIX + d.kind().id();
            String link = "/dev/" + name;
            if (!port.startsWith("/dev/") || !SAFE.matcher(port).matches()) {
                notes.add(d.kind().id() + " 的端口 " + port + " 不是 /dev 下的设备，没有为它起固定名称；配置中保持原样。");
                continue;
            }
            rules.append('\n');
            if (port.equals(link)) {
                rules.append(carried(existing, name, d));
                ports.put(port, link);
                continue;
            }
            String device = port.substring("/dev/".length());
            rules.append("# ").append(d.kind().id()).append(", configured as ").append(port).append('\n');
            if (device.startsWith("serial/by-id/") || device.startsWith("serial/by-path/")) {
                rules.append(rule(name, "SYMLINK==\"" + device + "\""));
            } else {
                Map<String, String> props = live.map(p -> p.of(port)).orElse(Map.of());
                rules.append(byProperties(d, port, device, name, props, live.isPresent(), notes));
            }
            ports.put(port, link);
        }
        return new Result(rules.toString(), ports, notes);
    }

    private static String byProperties(DeviceSpec d, String port, String device, String name, Map<String, String> props,
                                       boolean live, List<String> notes) {
        String vendor = props.get("ID_VENDOR_ID");
        String model = props.get("ID_MODEL_ID");
        if ("usb".equals(props.get("ID_BUS")) && safe(vendor) && safe(model)) {
            String match = "ENV{ID_VENDOR_ID}==\"" + vendor + "\", ENV{ID_MODEL_ID}==\"" + model + "\"";
            String serial = props.get("ID_SERIAL_SHORT");
            String iface = props.get("ID_USB_INTERFACE_NUM");
            if (safe(iface)) {
                match += ", ENV{ID_USB_INTERFACE_NUM}==\"" + iface + "\"";
            }
            if (safe(serial)) {
                return "# the USB adapter " + vendor + ":" + model + " with serial number " + serial + "\n"
                        + rule(name, match + ", ENV{ID_SERIAL_SHORT}==\"" + serial + "\"");
            }
            String path = props.get("ID_PATH");
            if (safe(path)) {
                notes.add(d.kind().id() + "（" + port + "）的 USB 转串口没有序列号，按它插的 USB 口认它：以后请插在同一个 USB 口上。");
                return "# the USB adapter " + vendor + ":" + model + " (no serial number) in the USB socket " + path + "\n"
                        + rule(name, match + ", ENV{ID_PATH}==\"" + path + "\"");
            }
        }
        if (device.matches("tty(USB|ACM)[0-9]+")) {
            notes.add(d.kind().id() + " 按内核名 " + device + " 认，设备插拔顺序变了编号就会变"
                    + (live ? "（udevadm 找不到这台设备：它插好了吗？）" : "")
                    + "；更稳妥：在配置里写 /dev/serial/by-id/… 名称（ls -l /dev/serial/by-id 可以看到）。");
        }
        return "# the kernel's name " + device + "\n" + rule(name, "KERNEL==\"" + device + "\"");
    }

    private static String rule(String name, String match) {
        return "SUBSYSTEM==\"tty\", " + match + ", SYMLINK+=\"" + name + "\"\n";
    }

    private static boolean safe(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    /** The block (comments and rule) an earlier install wrote for {@code name}. */
    private static String carried(String existing, String name, DeviceSpec d) throws InstallerException {
        for (String block : existing.split("\n\n")) {
            if (block.contains("SYMLINK+=\"" + name + "\"")) {
                return block.strip() + "\n";
            }
        }
        throw new InstallerException(ExitCodes.BAD_CONFIGURATION, "配置有误：" + d.key() + ".port 是 /dev/" + name
                + "，这是 kioskctl install 起的名字，但找不到它的规则；请在配置里写设备原来的端口"
                + "（例如 /dev/serial/by-id/… 或 /dev/ttyUSB0）。");
    }

    /** Parses {@code udevadm info --query=property} output: one {@code KEY=value} a line. */
    static Map<String, String> parseProperties(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
