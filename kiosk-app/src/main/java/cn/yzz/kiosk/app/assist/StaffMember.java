package cn.yzz.kiosk.app.assist;

import cn.yzz.kiosk.device.Mask;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A village committee staff member who may do services for a villager (帮办代办). The {@code id} is their staff number in
 * the village (工号), the only thing of theirs a transaction carries ({@code data.assistedBy}); it must not be an ID
 * number, so that no ID number ever reaches the transactions' plain payload. {@link #toString()} masks the name.
 */
public record StaffMember(String id, String name) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,16}");
    /** A citizen ID number's shape (15 digits, or 17 and a check character): refused as a staff number. */
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{15}|\\d{17}[\\dXx]");

    public StaffMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!ID.matcher(id).matches() || ID_NUMBER.matcher(id).matches()) {
            throw new IllegalArgumentException("工号只能用字母、数字和短横线，最多16位，而且不能是身份证号码");
        }
        name = name.strip();
        if (name.isEmpty() || name.length() > 20 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("姓名要写1到20个字，不能换行");
        }
    }

    /** The name as screens show it: 韦** (surname kept). */
    public String maskedName() {
        return Mask.name(name);
    }

    /** How the voice names them without their given name: 韦某; empty for a name that is not Chinese. */
    public String spokenName() {
        String surname = maskedName().isEmpty() ? "" : maskedName().substring(0, maskedName().offsetByCodePoints(0, 1));
        boolean chinese = !surname.isEmpty()
                && surname.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese ? surname + "某" : "";
    }

    @Override
    public String toString() {
        return "staff " + id + " (" + maskedName() + ")";
    }
}
