package cn.yzz.kiosk.backend;

import cn.yzz.kiosk.backend.DemoPeople.Profile;
import cn.yzz.kiosk.backend.DemoPeople.Scheme;
import cn.yzz.kiosk.backend.QueryTable.Rows;
import cn.yzz.kiosk.backend.QueryTable.Years;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The money tables of the sandbox county: social insurance contributions, pensions, medical insurance, the housing
 * fund and taxes, made from a person's {@link Profile} by formulas (rates and bases roughly Guangdong's), so that the
 * same question always gets the same rows. An employee's contributions are monthly: 陈志强's run from 2006 to now,
 * some 240 rows, several A4 pages.
 */
final class InsuranceTables {
    /** How much an employee's contribution base grew a year (bases are set from the previous year's wages). */
    private static final double BASE_GROWTH = 1.08;
    /** The months 陈志强 was between jobs: his contributions stop there, as real records do. */
    private static final YearMonth GAP_FROM = YearMonth.of(2013, 3);
    private static final YearMonth GAP_TO = YearMonth.of(2013, 5);

    private InsuranceTables() {}

    // ---- the figures ----

    /** One month of an employee's contributions, in fen; medical and unemployment -1 before they existed (1999). */
    record Month(YearMonth month, long base, long pensionOwn, long pensionEmployer, long medicalOwn, long unemploymentOwn) {
        long own() {
            return pensionOwn + Math.max(0, medicalOwn) + Math.max(0, unemploymentOwn);
        }
    }

    static List<Month> employeeMonths(Profile p) {
        List<Month> out = new ArrayList<>();
        if (p.pensionScheme() != Scheme.EMPLOYEE || p.paidFrom() == null) {
            return out;
        }
        for (YearMonth m = p.paidFrom(); !m.isAfter(p.paidUntil()); m = m.plusMonths(1)) {
            if (p == DemoPeople.CHEN && !m.isBefore(GAP_FROM) && !m.isAfter(GAP_TO)) {
                continue;
            }
            int y = m.getYear();
            long base = baseYuan(p, y) * 100;
            long medical = y < 1999 ? -1 : base * 2 / 100;
            long unemployment = y < 1999 ? -1 : base * (y <= 2015 ? 10 : 2) / 1000;
            out.add(new Month(m, base, base * pensionOwnPercent(y) / 100, base * pensionEmployerPercent(y) / 100, medical,
                    unemployment));
        }
        return out;
    }

    static long baseYuan(Profile p, int year) {
        return Math.round(p.baseLastYuan() / Math.pow(BASE_GROWTH, p.paidUntil().getYear() - year));
    }

    private static int pensionOwnPercent(int y) {
        return y <= 1996 ? 3 : y <= 1998 ? 4 : y <= 2000 ? 5 : y <= 2002 ? 6 : y <= 2004 ? 7 : 8;
    }

    private static int pensionEmployerPercent(int y) {
        return y <= 2005 ? 18 : y <= 2018 ? 13 : y <= 2021 ? 14 : 16;
    }

    /** A resident's yearly pension contribution grade, in yuan, and the government's subsidy on it. */
    static int residentGrade(int y) {
        return y <= 2014 ? 100 : y <= 2020 ? 180 : 300;
    }

    static int residentSubsidy(int y) {
        return residentGrade(y) == 100 ? 30 : residentGrade(y) == 180 ? 40 : 60;
    }

    /** The yearly resident medical insurance premium, in yuan. */
    static int medicalPremium(int y) {
        int[] byYear = {50, 70, 90, 120, 150, 180, 220, 250, 280, 320, 350, 380, 400, 400, 400};
        return byYear[Math.min(Math.max(y - 2012, 0), byYear.length - 1)];
    }

    /** The monthly base pension of 城乡居民养老保险, in yuan. */
    static int basePension(int y) {
        int[] byYear = {55, 55, 65, 65, 80, 100, 120, 130, 148, 170, 180, 180, 190, 200, 236, 246, 256};
        return byYear[Math.min(Math.max(y - 2010, 0), byYear.length - 1)];
    }

    /** An employee's monthly pension in fen: raised every January since the first. */
    static long employeePension(Profile p, int y) {
        double fen = p.pensionFirst() * 100.0;
        for (int year = p.pensionFrom().getYear() + 1; year <= y; year++) {
            fen *= year <= 2015 ? 1.08 : year <= 2019 ? 1.055 : 1.03;
        }
        return Math.round(fen);
    }

    /** A stable 20-digit 电子税票号码 for one payment. */
    static String taxTicket(Profile p, String what, Object when) {
        long h = Math.abs((p.idNumber() + what + when).hashCode() * 2654435761L);
        return "3" + p.county() + String.format("%013d", h % 10_000_000_000_000L);
    }

    private static String date(LocalDate d) {
        return d.toString();
    }

    private static String footer(Profile p, String note) {
        return "姓名：" + p.name() + "，证件号码：" + p.maskedId() + "。" + note + "数据截至" + DemoPeople.AS_OF + "。";
    }

    // ---- 社保 ----

    /** RSJ-0003 社保打印（参保证明、缴费明细）: every month (employee) or year (resident) paid. */
    static QueryTable contributionDetail(Profile p, Years years) {
        if (p.pensionScheme() == Scheme.EMPLOYEE) {
            Rows r = new Rows("费款所属期", "缴费基数(元)", "养老保险(个人)", "养老保险(单位)", "医疗保险(个人)", "失业保险(个人)", "缴费状态");
            long own = 0;
            for (Month m : employeeMonths(p)) {
                if (years.has(m.month().getYear())) {
                    r.add(m.month(), QueryTable.yuan(m.base()), QueryTable.yuan(m.pensionOwn()), QueryTable.yuan(m.pensionEmployer()),
                            money(m.medicalOwn()), money(m.unemploymentOwn()), m.month().equals(DemoPeople.LAST_MONTH) ? "已申报待到账" : "已实缴");
                    own += m.own();
                }
            }
            return r.table("社会保险参保缴费明细" + years.label(), footer(p, "参保类型：企业职工基本养老保险；参保单位：" + p.employer()
                    + "。共 " + r.count() + " 个月，个人缴费合计 " + QueryTable.yuan(own) + " 元。"
                    + (p.paidTo() != null ? "缴费至 " + p.paidTo() + "，已退休。" : "")));
        }
        Rows r = residentRows(p, years);
        return r.table("社会保险参保缴费明细" + years.label(), footer(p, r.count() == 0
                ? "参保类型：城乡居民养老保险；按政策年满60周岁直接领取基础养老金，无个人缴费记录。"
                : "参保类型：城乡居民养老保险（按年缴费）。"));
    }

    private static Rows residentRows(Profile p, Years years) {
        Rows r = new Rows("缴费年度", "险种", "缴费档次(元)", "政府补贴(元)", "到账日期", "缴费状态");
        if (p.paidFrom() == null) {
            return r;
        }
        for (int y = p.paidFrom().getYear(); y <= DemoPeople.LAST_MONTH.getYear(); y++) {
            if (years.has(y)) {
                r.add(y, "城乡居民养老保险", residentGrade(y) + ".00", residentSubsidy(y) + ".00", date(LocalDate.of(y, 3, 10 + y % 7)), "已到账");
            }
        }
        return r;
    }

    /** RSJ-0002 社保查询: one row a year and insurance. */
    static QueryTable insuranceSummary(Profile p, Years years) {
        Rows r = new Rows("年度", "险种", "缴费月数", "个人缴费(元)", "单位缴费或政府补贴(元)");
        if (p.pensionScheme() == Scheme.EMPLOYEE) {
            List<Month> months = employeeMonths(p);
            for (int y = p.paidFrom().getYear(); y <= p.paidUntil().getYear(); y++) {
                final int year = y;
                List<Month> in = months.stream().filter(m -> m.month().getYear() == year).toList();
                if (years.has(y) && !in.isEmpty()) {
                    r.add(y, "职工养老、医疗、失业保险", in.size(), QueryTable.yuan(in.stream().mapToLong(Month::own).sum()),
                            QueryTable.yuan(in.stream().mapToLong(Month::pensionEmployer).sum()));
                }
            }
        } else {
            for (int y = Math.min(p.medicalFrom(), p.paidFrom() == null ? 9999 : p.paidFrom().getYear());
                    y <= DemoPeople.LAST_MONTH.getYear(); y++) {
                if (!years.has(y)) {
                    continue;
                }
                if (p.paidFrom() != null && y >= p.paidFrom().getYear()) {
                    r.add(y, "城乡居民养老保险", 12, residentGrade(y) + ".00", residentSubsidy(y) + ".00");
                }
                if (y >= p.medicalFrom()) {
                    r.add(y, "城乡居民医疗保险", 12, medicalPremium(y) + ".00", "—");
                }
            }
        }
        String note = p.retired() ? "已于 " + p.pensionFrom() + " 起领取养老待遇。" : "参保状态：正常参保。";
        return r.table("社会保险参保情况" + years.label(), footer(p, note));
    }

    /** RSJ-0024 个人社会保险权益记录单: the year's months (or the year's payment) and the totals. */
    static QueryTable rightsStatement(Profile p, Years years) {
        String title = "广东省社会保险个人权益记录单" + years.label();
        if (p.pensionScheme() == Scheme.EMPLOYEE) {
            Rows r = new Rows("费款所属期", "缴费基数(元)", "养老保险个人缴费(元)", "计入个人账户(元)", "医疗保险个人缴费(元)");
            long own = 0;
            long account = 0;
            for (Month m : employeeMonths(p)) {
                if (years.has(m.month().getYear())) {
                    r.add(m.month(), QueryTable.yuan(m.base()), QueryTable.yuan(m.pensionOwn()), QueryTable.yuan(m.pensionOwn()),
                            money(m.medicalOwn()));
                    own += m.pensionOwn();
                }
                account += m.pensionOwn();
            }
            if (r.count() > 0) {
                r.add("合计", "—", QueryTable.yuan(own), QueryTable.yuan(own), "—");
            }
            long total = employeeMonths(p).size();
            return r.table(title, footer(p, "累计缴费 " + total + " 个月，养老保险个人账户累计储存额 " + QueryTable.yuan(account)
                    + " 元（不含利息）。"));
        }
        Rows r = residentRows(p, years);
        return r.table(title, footer(p, "城乡居民养老保险按年缴费。"));
    }

    /** SWJ-0008 城乡居民社保费缴费记录: what a resident paid to the tax office, by the year it is for. */
    static QueryTable residentPayments(Profile p, Years years) {
        Rows r = new Rows("缴费日期", "费种", "所属年度", "缴费金额(元)", "缴费渠道", "电子税票号码");
        if (p.pensionScheme() == Scheme.RESIDENT || p.medicalScheme() == Scheme.RESIDENT) {
            for (int y = Math.min(p.medicalFrom(), p.paidFrom() == null ? 9999 : p.paidFrom().getYear());
                    y <= DemoPeople.LAST_MONTH.getYear(); y++) {
                if (!years.has(y)) {
                    continue;
                }
                if (p.pensionScheme() == Scheme.RESIDENT && p.paidFrom() != null && y >= p.paidFrom().getYear()) {
                    r.add(date(LocalDate.of(y, 3, 10 + y % 7)), "城乡居民基本养老保险费", y, residentGrade(y) + ".00", "粤智助自助终端",
                            taxTicket(p, "cxyl", y));
                }
                if (p.medicalScheme() == Scheme.RESIDENT && y >= p.medicalFrom()) {
                    r.add(date(LocalDate.of(y - 1, 11, 5 + y % 9)), "城乡居民基本医疗保险费", y, medicalPremium(y) + ".00", "村委会代收",
                            taxTicket(p, "cxyb", y));
                }
            }
        }
        return r.table("城乡居民社会保险费缴费记录" + years.label(), footer(p, r.count() == 0 && p.pensionScheme() == Scheme.EMPLOYEE
                ? "您参加的是职工社会保险，由单位申报缴纳，请查询社保缴费明细。" : ""));
    }

    /** SWJ-0005 社保费《税收完税证明》: each fee paid in the year. */
    static QueryTable socialFeeCertificate(Profile p, Years years) {
        Rows r = new Rows("所属期", "费种", "实缴金额(元)", "入库日期", "电子税票号码");
        long total = 0;
        if (p.pensionScheme() == Scheme.EMPLOYEE) {
            for (Month m : employeeMonths(p)) {
                if (!years.has(m.month().getYear()) || m.month().equals(DemoPeople.LAST_MONTH)) {
                    continue;
                }
                String paid = date(m.month().atDay(15));
                r.add(m.month(), "基本养老保险费", QueryTable.yuan(m.pensionOwn()), paid, taxTicket(p, "yl", m.month()));
                total += m.pensionOwn();
                if (m.medicalOwn() >= 0) {
                    r.add(m.month(), "基本医疗保险费", QueryTable.yuan(m.medicalOwn()), paid, taxTicket(p, "yb", m.month()));
                    r.add(m.month(), "失业保险费", QueryTable.yuan(m.unemploymentOwn()), paid, taxTicket(p, "sy", m.month()));
                    total += m.medicalOwn() + m.unemploymentOwn();
                }
            }
        } else {
            QueryTable resident = residentPayments(p, years);
            for (List<String> row : resident.rows().subList(1, resident.rows().size())) {
                r.add(row.get(2), row.get(1), row.get(3), row.get(0), row.get(5));
                total += Math.round(Double.parseDouble(row.get(3)) * 100);
            }
        }
        return r.table("社会保险费《税收完税证明》" + years.label(), footer(p, "合计实缴 " + QueryTable.yuan(total)
                + " 元。本证明不作纳税人记账、抵扣凭证。开具税务机关：国家税务总局" + p.countyName() + "税务局。"));
    }

    /** RSJ-0008 养老待遇发放信息: every month paid since retirement. */
    static QueryTable pensionPayments(Profile p, Years years) {
        Rows r = new Rows("发放月份", "基础养老金(元)", "其他养老金(元)", "实发金额(元)", "到账日期", "发放状态");
        if (p.retired()) {
            for (YearMonth m = p.pensionFrom(); !m.isAfter(DemoPeople.LAST_MONTH); m = m.plusMonths(1)) {
                if (!years.has(m.getYear())) {
                    continue;
                }
                long base;
                long other;
                if (p.pensionScheme() == Scheme.EMPLOYEE) {
                    long all = employeePension(p, m.getYear());
                    base = all * 45 / 100;
                    other = all - base;
                } else {
                    base = basePension(m.getYear()) * 100L;
                    other = 0;
                }
                r.add(m, QueryTable.yuan(base), QueryTable.yuan(other), QueryTable.yuan(base + other), date(m.atDay(10)), "已发放");
            }
        }
        String note = !p.retired() ? "您尚未办理退休（领取养老待遇）手续，暂无发放记录。"
                : "待遇类别：" + (p.pensionScheme() == Scheme.EMPLOYEE ? "企业职工基本养老金" : "城乡居民基础养老金")
                        + "；发放银行：" + p.bank() + "。";
        return r.table("养老待遇发放明细" + years.label(), footer(p, note));
    }

    private static String money(long fen) {
        return fen < 0 ? "—" : QueryTable.yuan(fen);
    }

    // ---- 医保 ----

    /** YBJ-0003 医保参保信息. */
    static QueryTable medicalEnrolment(Profile p) {
        Rows r = new Rows("险种", "参保状态", "参保地", "参保日期", "人员类别");
        if (p.medicalScheme() == Scheme.EMPLOYEE) {
            r.add("职工基本医疗保险", "正常参保", p.countyName(), p.medicalFrom() + "-01-01", p.retired() ? "退休人员" : "在职职工");
            r.add("职工大额医疗费用补助", "正常参保", p.countyName(), p.medicalFrom() + "-01-01", p.retired() ? "退休人员" : "在职职工");
        } else {
            r.add("城乡居民基本医疗保险", "正常参保", p.countyName(), p.medicalFrom() + "-01-01",
                    p.birth().plusYears(60).isBefore(DemoPeople.AS_OF) ? "城乡居民（老年人）" : "城乡居民（成年人）");
            r.add("城乡居民大病保险", "正常参保", p.countyName(), p.medicalFrom() + "-01-01", "城乡居民");
        }
        return r.table("基本医疗保险参保信息", footer(p, ""));
    }

    /** YBJ-0004 医保个人账户: the last 12 months' credits, spending and balance (or the years asked). */
    static QueryTable medicalAccount(Profile p, Years asked) {
        Rows r = new Rows("月份", "划入(元)", "支出(元)", "余额(元)");
        if (p.medicalScheme() != Scheme.EMPLOYEE) {
            return r.table("医保个人账户收支明细", footer(p, "城乡居民基本医疗保险不设个人账户，门诊费用按规定直接报销。"));
        }
        YearMonth first = DemoPeople.LAST_MONTH.minusMonths(11);
        Random spend = new Random(p.idNumber().hashCode());
        long balance = 0;
        List<Month> months = employeeMonths(p);
        for (YearMonth m = YearMonth.of(p.medicalFrom(), 1); !m.isAfter(DemoPeople.LAST_MONTH); m = m.plusMonths(1)) {
            final YearMonth month = m;
            long in = p.retired() && !m.isBefore(p.pensionFrom()) ? employeePension(p, m.getYear()) * 4 / 100
                    : months.stream().filter(x -> x.month().equals(month)).mapToLong(x -> x.base() * 3 / 100).sum();
            long out = spend.nextInt(10) < 3 ? Math.min(balance + in, 2000 + spend.nextInt(28000)) : 0;
            balance += in - out;
            boolean shown = asked.asked() ? asked.has(m.getYear()) : !m.isBefore(first);
            if (shown) {
                r.add(m, QueryTable.yuan(in), QueryTable.yuan(out), QueryTable.yuan(balance));
            }
        }
        return r.table("医保个人账户收支明细" + asked.label(), footer(p, "当前余额 " + QueryTable.yuan(balance) + " 元。"));
    }

    /** YBJ-0005 基本医疗保险参保缴费凭证: the year's medical contributions. */
    static QueryTable medicalPayments(Profile p, Years years) {
        Rows r = new Rows("费款所属期", "险种", "缴费基数或标准(元)", "个人缴费(元)", "单位缴费或财政补助(元)", "到账状态");
        if (p.medicalScheme() == Scheme.EMPLOYEE) {
            for (Month m : employeeMonths(p)) {
                if (years.has(m.month().getYear()) && m.medicalOwn() >= 0) {
                    r.add(m.month(), "职工基本医疗保险", QueryTable.yuan(m.base()), QueryTable.yuan(m.medicalOwn()),
                            QueryTable.yuan(m.base() * 55 / 1000), "已到账");
                }
            }
            if (p.retired()) {
                return r.table("基本医疗保险参保缴费凭证" + years.label(), footer(p, "退休人员达到规定缴费年限，退休后不再缴纳职工基本医疗保险费。"));
            }
        } else {
            for (int y = p.medicalFrom(); y <= DemoPeople.LAST_MONTH.getYear(); y++) {
                if (years.has(y)) {
                    r.add(y, "城乡居民基本医疗保险", medicalPremium(y) + ".00", medicalPremium(y) + ".00", (medicalPremium(y) * 2 + 240) + ".00", "已到账");
                }
            }
        }
        return r.table("基本医疗保险参保缴费凭证" + years.label(), footer(p, "参保地：" + p.countyName() + "。"));
    }

    // ---- 住房公积金 ----

    /** GJJ-0001 / GJJ-0002: monthly contributions and the balance (the last 12 months unless years were asked). */
    static QueryTable housingFund(Profile p, Years asked, boolean certificate) {
        Rows r = new Rows("月份", "缴存基数(元)", "个人缴存(元)", "单位缴存(元)", "提取(元)", "余额(元)");
        String title = (certificate ? "住房公积金缴存证明" : "住房公积金个人账户明细") + asked.label();
        if (p.fundFrom() == null) {
            return r.table(title, footer(p, "未查询到住房公积金个人账户。"));
        }
        YearMonth first = DemoPeople.LAST_MONTH.minusMonths(11);
        long balance = 0;
        for (YearMonth m = p.fundFrom(); !m.isAfter(DemoPeople.LAST_MONTH); m = m.plusMonths(1)) {
            long base = baseYuan(p, m.getYear()) * 100 * 13 / 10;
            long each = base * 5 / 100;
            long taken = m.equals(YearMonth.of(2016, 8)) ? balance + 2 * each : 0; // 购房提取 when the flat was bought
            if (m.getMonthValue() == 6) {
                balance += balance * 15 / 1000; // yearly interest at 1.5 %, on 30 June
            }
            balance += 2 * each - taken;
            boolean shown = asked.asked() ? asked.has(m.getYear()) : !m.isBefore(first);
            if (shown) {
                r.add(m, QueryTable.yuan(base), QueryTable.yuan(each), QueryTable.yuan(each), QueryTable.yuan(taken), QueryTable.yuan(balance));
            }
        }
        return r.table(title, footer(p, "公积金账号：" + p.county() + "0120" + p.idNumber().substring(14) + "；缴存单位：" + p.employer()
                + "；账户状态：正常缴存；缴存比例 单位5%、个人5%。当前余额 " + QueryTable.yuan(balance) + " 元。"));
    }

    // ---- 税 ----

    /** SWJ-0004 纳税记录 / SWJ-0007 纳税清单: the employee's monthly income tax withheld. */
    static QueryTable incomeTax(Profile p, Years years, boolean list) {
        Rows r = new Rows("所属期", "税种", "收入额(元)", "实缴税额(元)", "扣缴义务人", "入库日期");
        long total = 0;
        if (p.pensionScheme() == Scheme.EMPLOYEE && !p.retired()) {
            for (Month m : employeeMonths(p)) {
                int y = m.month().getYear();
                if (!years.has(y) || m.month().equals(DemoPeople.LAST_MONTH)) {
                    continue;
                }
                long salary = m.base() * 19 / 10;
                long fund = p.fundFrom() != null && !m.month().isBefore(p.fundFrom()) ? m.base() * 13 / 10 * 5 / 100 : 0;
                long deductions = y >= 2019 ? 500_000 + (y >= 2023 ? 200_000 : 100_000) + 100_000 : 350_000;
                long taxable = salary - m.own() - fund - deductions;
                if (taxable <= 0) {
                    continue;
                }
                long tax = taxable * 3 / 100;
                r.add(m.month(), "个人所得税（工资薪金所得）", QueryTable.yuan(salary), QueryTable.yuan(tax), p.employer(),
                        date(m.month().plusMonths(1).atDay(15)));
                total += tax;
            }
        }
        String note = r.count() == 0 ? "该期间无个人所得税纳税记录（基本养老金、农业收入免征个人所得税）。"
                : "合计实缴税额 " + QueryTable.yuan(total) + " 元。";
        return r.table((list ? "个人所得税纳税清单" : "个人所得税《纳税记录》") + years.label(), footer(p, note
                + "开具税务机关：国家税务总局" + p.countyName() + "税务局。"));
    }

    /** SWJ-0006 其他税费《税收完税证明》: vehicle tax and deed tax. */
    static QueryTable otherTaxes(Profile p, Years years) {
        Rows r = new Rows("税种", "所属期", "实缴金额(元)", "入库日期", "电子税票号码");
        if (p.licence() != null && p.licence().startsWith("C")) {
            for (int y = p.licenceSince().getYear() + 1; y <= DemoPeople.LAST_MONTH.getYear(); y++) {
                if (years.has(y)) {
                    r.add("车船税", y + "-01至" + y + "-12", "360.00", date(LocalDate.of(y, 4, 12)), taxTicket(p, "ccs", y));
                }
            }
        }
        for (DemoPeople.Estate e : p.estates()) {
            int y = e.registered().getYear();
            if (years.has(y) && e.use().equals("住宅") && y >= 2003) {
                r.add("契税", e.registered().toString().substring(0, 7), "7774.32", date(e.registered().minusDays(6)), taxTicket(p, "qs", y));
            }
        }
        return r.table("其他税费《税收完税证明》" + years.label(), footer(p, r.count() == 0 ? "该期间无其他税费缴纳记录。" : ""));
    }
}
