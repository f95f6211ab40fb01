package cn.yzz.kiosk.device.a4;

import java.util.ArrayList;
import java.util.List;

/** Documents for the tests: a contribution record of any length, with a known (fictional) person. */
final class Samples {

    static final String NAME = "陈美玲";
    static final String ID_NUMBER = "440105195608121526";
    static final String VERIFY_URL = "https://yzz.gd.gov.cn/verify?no=GD2026112300001234&code=7F3K9Q";

    private Samples() {}

    static A4Document record(int months) {
        List<A4Document.Contribution> rows = new ArrayList<>();
        String[] kinds = {"城乡居民基本养老保险", "城乡居民基本医疗保险", "企业职工基本养老保险"};
        for (int i = 0; i < months; i++) {
            int year = 2016 + i / 12;
            int month = i % 12 + 1;
            rows.add(new A4Document.Contribution(String.format("%d-%02d", year, month), kinds[i % kinds.length],
                    "4,588.00", String.format("%.2f", 180 + i * 0.5), i % kinds.length == 2 ? "917.60" : "0.00", "已到账"));
        }
        return A4Document.contributionRecord(NAME, ID_NUMBER, "2016-01 至 2026-10", "2026-11-23 09:30", rows, VERIFY_URL);
    }
}
