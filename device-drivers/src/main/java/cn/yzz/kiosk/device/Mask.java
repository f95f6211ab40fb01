package cn.yzz.kiosk.device;

/**
 * How personal data is shown anywhere outside the card itself: on screen, on receipts, in
 * logs and in command output. One place, so every screen and tool masks the same way.
 */
public final class Mask {

    private Mask() {}

    /** Surname kept, every other character a {@code *}: 张三丰 → 张**. Spaces stay, to keep English names readable. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(name.length());
        int first = name.codePointAt(0);
        sb.appendCodePoint(first);
        name.codePoints().skip(1).forEach(c -> sb.append(Character.isWhitespace(c) ? ' ' : '*'));
        return sb.toString();
    }

    /** First 3 and last 4 characters kept: 440105199001011234 → 440***********1234. */
    public static String number(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        int n = number.length();
        if (n <= 7) {
            return number.charAt(0) + "*".repeat(n - 1);
        }
        return number.substring(0, 3) + "*".repeat(n - 7) + number.substring(n - 4);
    }

    /** Only the first 6 characters (province, city, county) kept. */
    public static String address(String address) {
        if (address == null || address.isEmpty()) {
            return "";
        }
        int keep = Math.min(6, address.length());
        return address.substring(0, keep) + (address.length() > keep ? "****" : "");
    }
}
