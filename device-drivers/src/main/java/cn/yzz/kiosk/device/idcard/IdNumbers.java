package cn.yzz.kiosk.device.idcard;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Citizen ID numbers (公民身份号码, GB 11643-1999) and the numbers built the same way: residence
 * permits (810000/820000/830000…) and the 2023 foreigner card ({@code 9…}). The check character is
 * ISO 7064 MOD 11-2.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final Pattern EIGHTEEN = Pattern.compile("\\d{17}[0-9X]");
    private static final Pattern FOREIGN_2017 = Pattern.compile("[A-Z]{3}\\d{12}");

    private IdNumbers() {}

    /** The check character for the first 17 digits. */
    public static char checkChar(String first17) {
        if (first17.length() < 17) {
            throw new IllegalArgumentException("need 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit at position " + (i + 1));
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** True for 17 digits and a correct check character. */
    public static boolean isValid18(String number) {
        return number != null && EIGHTEEN.matcher(number).matches() && checkChar(number) == number.charAt(17);
    }

    /** True for the 2017 foreigner card format: 3 letters and 12 digits (no public check rule). */
    public static boolean isForeign2017(String number) {
        return number != null && FOREIGN_2017.matcher(number).matches();
    }

    /** The birth date in positions 7–14 of an 18-character number, or {@code null} if there is none. */
    public static LocalDate birthDate(String number) {
        if (number == null || !EIGHTEEN.matcher(number).matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Sex from the parity of the sequence digit (position 17): odd male, even female. */
    public static Sex sex(String number) {
        if (number == null || !EIGHTEEN.matcher(number).matches()) {
            return null;
        }
        return (number.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** Appends the right check character to 17 digits. */
    public static String complete(String first17) {
        return first17 + checkChar(first17);
    }
}
