package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.IdCard;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a read card for people (aligned Chinese labels) or scripts (one JSON object per line).
 *
 * <p>Masking policy, the same in both forms unless revealed: names and English names keep the
 * surname (first character); the card number and the travel permit number keep their first 3 and
 * last 4 characters; the address keeps its first 6 characters (province and city); the birth
 * date keeps only the year ({@code 1950-**-**}), because a full birth date next to a masked
 * number still singles a villager out. Sex, 民族, nationality, issuer and validity stay visible:
 * an installer needs them to judge a read, and they do not identify anyone.
 */
public final class IdCardReport {

    /** Every label is padded to this many CJK characters, so the values line up. */
    private static final int LABEL_WIDTH = 5;
    private static final char WIDE_SPACE = '\u3000';
    private static final ObjectMapper JSON = new ObjectMapper();

    private IdCardReport() {}

    /** The personal fields as they may be shown. */
    private record Shown(String name, String englishName, String birthDate, String address, String idNumber, String passNumber) {

        static Shown of(IdCard c, boolean reveal) {
            if (reveal) {
                return new Shown(c.name(), c.englishName(), c.birthDate().toString(), c.address(), c.idNumber(), c.passNumber());
            }
            return new Shown(Mask.name(c.name()), Mask.name(c.englishName()), c.birthDate().getYear() + "-**-**",
                    Mask.address(c.address()), Mask.number(c.idNumber()), Mask.number(c.passNumber()));
        }
    }

    /**
     * The named fields are always present (empty when the card's layout has none); passNumber,
     * nationality, issueCount and cardVersion only on cards that carry them.
     */
    public static String json(IdCardRead read, boolean reveal) {
        IdCard c = read.card();
        Shown s = Shown.of(c, reveal);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cardType", c.cardType().jsonName());
        m.put("name", s.name());
        m.put("englishName", s.englishName());
        m.put("sex", c.sex().text());
        m.put("nation", c.nation());
        putIfAny(m, "nationality", c.nationality());
        m.put("birthDate", s.birthDate());
        m.put("address", s.address());
        m.put("idNumber", s.idNumber());
        putIfAny(m, "passNumber", s.passNumber());
        m.put("issuer", c.issuer());
        putIfAny(m, "issueCount", c.issueCount());
        putIfAny(m, "cardVersion", c.cardVersion());
        m.put("validFrom", c.validFrom().toString());
        m.put("validTo", c.validToText());
        m.put("checks", read.checks().stream().map(IdCardReport::problem).toList());
        m.put("masked", !reveal);
        m.put("port", read.port());
        m.put("baud", read.baud());
        m.put("readMillis", read.readMillis());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings, numbers and lists always serialise", e);
        }
    }

    public static String text(IdCardRead read, boolean reveal) {
        IdCard c = read.card();
        Shown s = Shown.of(c, reveal);
        StringBuilder out = new StringBuilder();
        line(out, "证件类型", c.cardType().displayName() + "（" + c.cardType().jsonName() + "）");
        line(out, "姓名", s.name());
        line(out, "英文姓名", s.englishName());
        line(out, "性别", c.sex().text());
        line(out, "民族", c.nation());
        line(out, "国籍", c.nationality());
        line(out, "出生", s.birthDate());
        line(out, "住址", s.address());
        line(out, "证件号码", s.idNumber());
        line(out, "通行证号码", s.passNumber());
        line(out, "签发机关", c.issuer());
        line(out, c.cardType() == CardType.FOREIGN_2023 ? "换证次数" : "签发次数", c.issueCount());
        line(out, "证件版本", c.cardVersion());
        line(out, "有效期限", c.validFrom() + " 至 " + c.validToText());
        List<CardCheck> checks = read.checks();
        if (checks.isEmpty()) {
            line(out, "证件检查", "未发现问题");
        }
        for (CardCheck k : checks) {
            line(out, "证件问题", k.text() + "（" + k.name() + "）");
        }
        line(out, "读卡器", read.port() + "，" + read.baud() + " 波特，读卡用时 " + read.readMillis() + " 毫秒");
        if (!reveal) {
            out.append("（个人信息已遮盖；加 --reveal 显示完整内容）\n");
        }
        return out.toString();
    }

    private static Map<String, String> problem(CardCheck check) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", check.name());
        p.put("text", check.text());
        return p;
    }

    private static void putIfAny(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    /** Fields the card's layout does not have are left out. */
    private static void line(StringBuilder out, String label, String value) {
        if (value.isEmpty()) {
            return;
        }
        out.append(label).append(String.valueOf(WIDE_SPACE).repeat(LABEL_WIDTH - label.length()))
                .append("  ").append(value).append('\n');
    }
}
