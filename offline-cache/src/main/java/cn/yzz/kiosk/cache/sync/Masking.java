package cn.yzz.kiosk.cache.sync;

/** The masking of {@link cn.yzz.kiosk.cache.Person#toString()}: numbers keep 3 + 4 characters, names the surname. */
final class Masking {
    private Masking() {}

    static String idNumber(String n) {
        return n.length() > 7 ? n.substring(0, 3) + "*".repeat(n.length() - 7) + n.substring(n.length() - 4) : "***";
    }

    static String name(String name) {
        return name.isEmpty() ? "" : name.charAt(0) + "*".repeat(name.length() - 1);
    }
}
