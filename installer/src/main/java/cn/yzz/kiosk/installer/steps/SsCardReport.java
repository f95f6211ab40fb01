package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.sscard.SsCard;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a social security card for people or scripts, masked as {@link IdCardReport} masks an
 * ID card unless revealed: the name keeps the surname, the ID and card numbers their first 3 and
 * last 4 characters, the birth date only its year. Sex, 民族, dates of the card and the spec
 * version stay visible.
 */
public final class SsCardReport {

    private static final int LABEL_WIDTH = 6;
    private static final char WIDE_SPACE = '\u3000';
    private static final ObjectMapper JSON = new ObjectMapper();

    private SsCardReport() {}

    private record Shown(String name, String idNumber, String cardNumber, String birthDate) {

        static Shown of(SsCard c, boolean reveal) {
            if (reveal) {
                return new Shown(c.name(), c.idNumber(), c.cardNumber(), c.birthDate().toString());
            }
            return new Shown(Mask.name(c.name()), Mask.number(c.idNumber()), Mask.number(c.cardNumber()),
                    c.birthDate().getYear() + "-**-**");
        }
    }

    /** Exactly these fields, in this order: cardNumber, idNumber, name, sex, nation, birthDate, issueDate, expiryDate, specVersion. */
    public static String json(SsCardRead read, boolean reveal) {
        SsCard c = read.card();
        Shown s = Shown.of(c, reveal);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cardNumber", s.cardNumber());
        m.put("idNumber", s.idNumber());
        m.put("name", s.name());
        m.put("sex", c.sex().text());
        m.put("nation", c.nation());
        m.put("birthDate", s.birthDate());
        m.put("issueDate", c.issueDate().toString());
        m.put("expiryDate", c.expiryDate().toString());
        m.put("specVersion", c.specVersion());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always serialise", e);
        }
    }

    public static String text(SsCardRead read, boolean reveal) {
        SsCard c = read.card();
        Shown s = Shown.of(c, reveal);
        StringBuilder out = new StringBuilder();
        line(out, "姓名", s.name());
        line(out, "性别", c.sex().text());
        line(out, "民族", c.nation());
        line(out, "出生", s.birthDate());
        line(out, "社会保障号码", s.idNumber());
        line(out, "社保卡号", s.cardNumber());
        line(out, "发卡日期", c.issueDate().toString());
        line(out, "有效期至", c.expiryDate() + (read.expired() ? "（已过期，请持卡人到社保经办机构换卡）" : ""));
        line(out, "规范版本", c.specVersion() + "（" + generation(c.generation()) + "社保卡）");
        if (!c.withheld().isEmpty()) {
            line(out, "未读项目", String.join("、", c.withheld()) + "（需在社保终端认证）");
        }
        line(out, "读卡器", read.reader() + "，读卡用时 " + read.readMillis() + " 毫秒");
        if (!reveal) {
            out.append("（个人信息已遮盖；加 --reveal 显示完整内容）\n");
        }
        return out.toString();
    }

    private static String generation(int g) {
        return switch (g) {
            case 1 -> "一代";
            case 2 -> "二代";
            case 3 -> "三代";
            default -> "第 " + g + " 代";
        };
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value.isEmpty()) {
            return;
        }
        out.append(label).append(String.valueOf(WIDE_SPACE).repeat(LABEL_WIDTH - label.length()))
                .append("  ").append(value).append('\n');
    }
}
