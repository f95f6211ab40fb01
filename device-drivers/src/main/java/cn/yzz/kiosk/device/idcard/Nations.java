package cn.yzz.kiosk.device.idcard;

import java.util.List;

/** 民族 names by GB/T 3304 code (devices.md §1.8). */
public final class Nations {

    private static final List<String> NAMES = List.of(
            "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
            "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
            "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
            "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
            "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
            "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺");

    private Nations() {}

    /** The name for a two-digit code ("13" → 瑶); an unknown code is returned as it is, so nothing is hidden. */
    public static String name(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        switch (code) {
            case "97": return "其他";
            case "98": return "外国血统中国籍人士";
            default: break;
        }
        try {
            int n = Integer.parseInt(code);
            if (n >= 1 && n <= NAMES.size() && code.length() == 2) {
                return NAMES.get(n - 1);
            }
        } catch (NumberFormatException e) {
            // fall through: show the raw code
        }
        return code;
    }

    /** The code for a name ("瑶" → "13"), for fixtures. */
    public static String code(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown nation: " + name);
        }
        return String.format("%02d", i + 1);
    }
}
