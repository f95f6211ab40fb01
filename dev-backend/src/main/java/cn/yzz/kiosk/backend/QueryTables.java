package cn.yzz.kiosk.backend;

import cn.yzz.kiosk.backend.DemoPeople.Estate;
import cn.yzz.kiosk.backend.DemoPeople.Plot;
import cn.yzz.kiosk.backend.DemoPeople.Profile;
import cn.yzz.kiosk.backend.QueryTable.Answers;
import cn.yzz.kiosk.backend.QueryTable.Rows;
import cn.yzz.kiosk.backend.QueryTable.Years;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The sandbox county's answer to each {@code query} and {@code print} service of the bundled catalogue: a table chosen
 * by the service (contributions month by month, pension payments, property records, a certificate as a short table…),
 * made from the person's records and the form's answers ({@code year}, or {@code fromYear}/{@code toYear}, and
 * {@code purpose} for certificates). A service of a county's own catalogue that is not known here gets a short table
 * saying nothing was found. Same question, same table: nothing depends on the clock.
 */
final class QueryTables {
    /** The applications the backend stored for a person, for 办件进度查询. */
    interface Applications {
        List<StoredTransaction> of(String idNumber) throws SQLException;
    }

    private final Catalogue catalogue;
    private final Applications applications;

    QueryTables(Catalogue catalogue, Applications applications) {
        this.catalogue = catalogue;
        this.applications = applications;
    }

    /** Services whose answer needs nobody: the kiosk may ask without identifying anyone. */
    static boolean needsNobody(String code) {
        return forAnyone(code) != null;
    }

    /** The answer of a service that is the same for everyone, or null for one about a person. */
    private static QueryTable forAnyone(String code) {
        return switch (code) {
            case "RSJ-0022" -> jobs();
            case "YBJ-0014" -> pharmacies();
            case "SFJ-0002" -> legalAid();
            default -> null;
        };
    }

    /**
     * The table for {@code service}.
     *
     * @param p the identified person; null only for a service that needs nobody
     */
    QueryTable answer(Catalogue.Service service, Profile p, Answers a) throws BadRequest, SQLException {
        QueryTable same = forAnyone(service.code());
        if (same != null) {
            return same;
        }
        if (p == null) {
            if (service.needsPerson()) {
                throw new BadRequest("person", "service " + service.code() + " answers about the identified person: 'person' with"
                        + " 'idNumber' is required");
            }
            return unknownService(service, null);
        }
        return personal(service, p, a);
    }

    private QueryTable personal(Catalogue.Service service, Profile p, Answers a) throws BadRequest, SQLException {
        int now = DemoPeople.LAST_MONTH.getYear();
        return switch (service.code()) {
            case "RSJ-0002" -> InsuranceTables.insuranceSummary(p, a.years(1990, now));
            case "RSJ-0003" -> InsuranceTables.contributionDetail(p, a.years(1990, now));
            case "RSJ-0024" -> InsuranceTables.rightsStatement(p, a.years(now, now));
            case "SWJ-0008" -> InsuranceTables.residentPayments(p, a.years(2010, now));
            case "SWJ-0005" -> InsuranceTables.socialFeeCertificate(p, a.years(now, now));
            case "RSJ-0008" -> InsuranceTables.pensionPayments(p, a.years(1990, now));
            case "YBJ-0003" -> InsuranceTables.medicalEnrolment(p);
            case "YBJ-0004" -> InsuranceTables.medicalAccount(p, a.years(1990, now));
            case "YBJ-0005" -> InsuranceTables.medicalPayments(p, a.years(now, now));
            case "GJJ-0001" -> InsuranceTables.housingFund(p, a.years(1990, now), false);
            case "GJJ-0002" -> InsuranceTables.housingFund(p, a.years(now, now), true);
            case "SWJ-0004" -> InsuranceTables.incomeTax(p, a.years(now, now), false);
            case "SWJ-0007" -> InsuranceTables.incomeTax(p, a.years(now, now), true);
            case "SWJ-0006" -> InsuranceTables.otherTaxes(p, a.years(2000, now));
            case "ZRJ-0001" -> estates(p, false);
            case "ZRJ-0002" -> estates(p, true);
            case "ZRJ-0003" -> estateProgress(p);
            case "ZRJ-0004", "ZSJ-0003" -> licences(p, service.code().equals("ZRJ-0004"));
            case "GAJ-0002" -> noCriminalRecord(p);
            case "GAJ-0006" -> idCardProgress(p);
            case "GAJ-0007" -> keyValues(p, "居民身份电子凭证", "状态", "已申领，可正常亮证", "申领渠道", "粤省事", "申领日期", "2024-03-18");
            case "GAJ-0008" -> householdBook(p);
            case "GAJ-0009" -> householdCertificate(p, a.required("purpose"));
            case "GAJ-0017" -> exitEntryProgress(p);
            case "GAJ-0019" -> trafficViolations(p);
            case "GAJ-0021" -> keyValues(p, "驾驶人记分", "准驾车型", licence(p), "记分周期", "2026-05-20至2027-05-19",
                    "本周期累积记分", p.licence() == null ? "—" : p == DemoPeople.CHEN ? "3" : "0");
            case "GAJ-0023" -> keyValues(p, "驾驶证电子证照", "准驾车型", licence(p), "初次领证日期",
                    p.licenceSince() == null ? "—" : p.licenceSince().toString(), "有效期至",
                    p.licenceSince() == null ? "—" : p.licenceSince().plusYears(20).toString(), "状态", p.licence() == null ? "未查询到驾驶证" : "正常");
            case "MZJ-0011" -> marriage(p, a.required("purpose"));
            case "MZJ-0012" -> nothing(p, "自助寻亲比对结果", "比对编号|比对时间|结果", "未比对到疑似亲属信息，您的信息已登记，有结果会短信通知。");
            case "MZJ-0019" -> elderServices(p);
            case "CL-0002" -> disability(p);
            case "TYJ-0003" -> nothing(p, "优抚对象抚恤补助发放明细", "发放月份|补助类别|金额(元)|状态", "未查询到优抚对象信息。");
            case "JYJ-0002" -> nothing(p, "学生资助发放明细", "学年|资助项目|金额(元)|发放日期", "未查询到本人作为学生的资助记录；子女的资助请用子女的身份证查询。");
            case "NYJ-0001" -> farmlandSubsidy(p, a.years(2016, now));
            case "NYJ-0002" -> oneCardSubsidies(p, a.years(2016, now));
            case "NYJ-0005" -> cropInsurance(p, a.years(2016, now));
            case "NYJ-0006" -> landContract(p);
            case "LYJ-0002" -> forestCompensation(p, a.years(2016, now));
            case "RSJ-0021" -> skills(p);
            case "RMYH-0001", "RMYH-0002" -> credit(p, service.code().equals("RMYH-0001"));
            case "SWJ-0010" -> keyValues(p, "纳税信用级别", "纳税人类型", "自然人", "信用级别", "良好", "评价年度",
                    String.valueOf(now - 1), "说明", "无欠税、无违法违章记录");
            case "ZSJ-0002" -> applicationProgress(p);
            default -> unknownService(service, p);
        };
    }

    private static String footer(Profile p, String note) {
        return (p == null ? "" : "姓名：" + p.name() + "，证件号码：" + p.maskedId() + "。") + note + "数据截至" + DemoPeople.AS_OF + "。";
    }

    /** A certificate as a short two-column table. */
    private static QueryTable keyValues(Profile p, String title, String... pairs) {
        Rows r = new Rows("项目", "内容");
        r.add("姓名", p.name());
        r.add("证件号码", p.maskedId());
        for (int i = 0; i < pairs.length; i += 2) {
            r.add(pairs[i], pairs[i + 1]);
        }
        return r.table(title, footer(p, ""));
    }

    /** A heading with no rows: the county has no record of this person here. */
    private static QueryTable nothing(Profile p, String title, String heading, String note) {
        return new Rows(heading.split("\\|")).table(title, footer(p, note));
    }

    private static String licence(Profile p) {
        return p.licence() == null ? "—" : p.licence();
    }

    // ---- 证明 ----

    private static QueryTable noCriminalRecord(Profile p) {
        return keyValues(p, "无犯罪记录证明", "性别", p.sex(), "查询范围", "全国公安机关违法犯罪记录信息", "查询结果", "未发现有犯罪记录",
                "证明编号", "WF" + p.county() + "2026" + p.idNumber().substring(10, 16), "出具单位", p.policeStation(),
                "出具日期", DemoPeople.AS_OF.toString(), "有效期", "自出具之日起三个月");
    }

    private static QueryTable householdCertificate(Profile p, String purpose) {
        return keyValues(p, "户籍证明", "性别", p.sex(), "民族", p.nation(), "出生日期", p.birth().toString(), "户籍地址", p.address(),
                "与户主关系", "户主", "证明用途", purpose, "出具单位", p.policeStation(), "出具日期", DemoPeople.AS_OF.toString());
    }

    private static QueryTable householdBook(Profile p) {
        Rows r = new Rows("姓名", "与户主关系", "性别", "出生日期", "公民身份号码");
        for (HouseholdRoute.Member m : HouseholdRoute.HOUSEHOLDS.getOrDefault(p.idNumber(), List.of())) {
            String id = m.idNumber();
            r.add(m.name(), m.relation().equals("本人") ? "户主" : m.relation(), (id.charAt(16) - '0') % 2 == 1 ? "男" : "女",
                    id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14),
                    id.substring(0, 3) + "***********" + id.substring(14));
        }
        return r.table("居民户口簿（电子证照）", footer(p, "户籍地址：" + p.address() + "；登记机关：" + p.policeStation() + "。"));
    }

    private static QueryTable marriage(Profile p, String purpose) {
        Rows r = new Rows("登记类别", "登记日期", "登记机关", "对方姓名");
        if (p.spouse() != null) {
            r.add("结婚登记", p.married(), p.marriageOffice(), p.spouse());
        }
        return r.table("婚姻登记记录证明", footer(p, "证明用途：" + purpose + "。" + (r.count() == 0
                ? "全国婚姻登记信息系统中未查询到您的婚姻登记记录（1990年以前的登记请到当地民政局档案室查档）。" : "")));
    }

    private static QueryTable disability(Profile p) {
        if (p.disability() == null) {
            return nothing(p, "残疾人证信息", "项目|内容", "未查询到残疾人证信息。");
        }
        String[] kind = p.disability().split(" ");
        return keyValues(p, "中华人民共和国残疾人证", "残疾人证号", p.maskedId() + "14", "残疾类别", kind[0], "残疾等级", kind[1],
                "发证日期", "2018-05-22", "有效期至", "2028-05-22", "发证机关", p.countyName().replace("清远市", "") + "残疾人联合会");
    }

    private static QueryTable skills(Profile p) {
        Rows r = new Rows("证书编号", "职业（工种）", "等级", "发证日期", "评价机构");
        if (p == DemoPeople.CHEN) {
            r.add("S0000441802140" + p.idNumber().substring(14), "电工", "四级/中级工", "2014-09-30", "清远市职业技能鉴定指导中心");
            r.add("S0000441802210" + p.idNumber().substring(14), "电工", "三级/高级工", "2021-11-26", "清远市职业技能鉴定指导中心");
        }
        return r.table("职业技能等级证书", footer(p, r.count() == 0 ? "未查询到职业技能等级证书。" : ""));
    }

    private static QueryTable licences(Profile p, boolean estatesOnly) {
        Rows r = new Rows("证照名称", "证照编号", "颁发机构", "颁发日期", "状态");
        if (!estatesOnly) {
            r.add("居民身份证", p.maskedId(), p.policeStation().replaceAll("(分局|公安局).*", "$1"), "—", "有效");
            r.add("居民户口簿", p.county() + "****" + p.idNumber().substring(14), p.policeStation(), "—", "有效");
            r.add("社会保障卡", p.maskedId(), p.countyName() + "人力资源和社会保障局", "—", "已激活");
        }
        for (Estate e : p.estates()) {
            r.add("不动产权证书", e.certificate(), p.countyName() + "自然资源局", e.registered(), "有效");
        }
        if (!estatesOnly && p.licence() != null) {
            r.add("机动车驾驶证", p.maskedId(), "广东省清远市公安局交通警察支队", p.licenceSince(), "有效");
        }
        if (!estatesOnly && p.spouse() != null) {
            r.add("结婚证", "J" + p.county() + "-" + p.married().getYear() + "-00" + p.idNumber().substring(13, 17), p.marriageOffice(),
                    p.married(), "有效");
        }
        return r.table(estatesOnly ? "不动产权证书电子证照" : "我的证照", footer(p, ""));
    }

    private static QueryTable trafficViolations(Profile p) {
        Rows r = new Rows("违法时间", "违法地点", "违法行为", "罚款(元)", "记分", "处理状态");
        if (p == DemoPeople.CHEN) {
            r.add("2025-06-14 08:12", "清远市清城区北江路与人民一路交叉口", "机动车不按规定车道行驶", "100", "1", "已处理已缴款");
            r.add("2026-09-03 17:46", "广清高速K32+500", "驾驶中型以下载客汽车超过规定时速10%以上未达20%", "200", "3", "未处理");
        } else if (p == DemoPeople.WEI) {
            r.add("2024-03-22 10:05", "连山壮族瑶族自治县吉田镇国道G323", "驾驶摩托车不戴安全头盔", "50", "1", "已处理已缴款");
        }
        return r.table("交通违法信息", footer(p, p.licence() == null ? "未查询到您名下的机动车和驾驶证。"
                : r.count() == 0 ? "未查询到交通违法记录。" : "未处理的违法请到交警部门或“交管12123”处理。"));
    }

    // ---- 办理进度 ----

    private static QueryTable progress(Profile p, String title, String note, String... steps) {
        Rows r = new Rows("环节", "办理时间", "办理单位", "状态");
        for (int i = 0; i < steps.length; i += 4) {
            r.add(steps[i], steps[i + 1], steps[i + 2], steps[i + 3]);
        }
        return r.table(title, footer(p, note));
    }

    private static QueryTable idCardProgress(Profile p) {
        if (p != DemoPeople.LI) {
            return progress(p, "居民身份证办理进度", "未查询到正在办理的居民身份证业务。");
        }
        String office = p.policeStation();
        return progress(p, "居民身份证办理进度", "办理类型：到期换领。证件已到达，请本人带回执到派出所领取。",
                "受理", "2026-11-10 09:42", office, "已完成",
                "审核", "2026-11-11 15:10", "韶关市公安局武江分局", "已完成",
                "制证", "2026-11-18 10:05", "广东省公安厅制证中心", "已完成",
                "寄送", "2026-11-24 08:30", "广东省公安厅制证中心", "已完成",
                "待领取", "2026-11-26 16:20", office, "可领取");
    }

    private static QueryTable exitEntryProgress(Profile p) {
        if (p != DemoPeople.CHEN) {
            return progress(p, "出入境证件办理进度", "未查询到正在办理的出入境证件业务。");
        }
        return progress(p, "出入境证件办理进度", "证件类型：往来港澳通行证（换发）。",
                "受理", "2026-11-20 10:15", "清远市公安局出入境管理支队", "已完成",
                "审批", "2026-11-23 11:02", "清远市公安局出入境管理支队", "已完成",
                "制证", "2026-11-27 09:40", "广东省公安厅出入境管理局", "办理中");
    }

    private static QueryTable estateProgress(Profile p) {
        if (p != DemoPeople.CHEN) {
            return progress(p, "不动产登记办理进度", "未查询到正在办理的不动产登记业务。");
        }
        return progress(p, "不动产登记办理进度", "登记类型：抵押权注销登记；受理号 BDC" + p.county() + "20261124000387。",
                "申请受理", "2026-11-24 10:32", "清远市不动产登记中心清城分中心", "已完成",
                "审核", "2026-11-25 14:18", "清远市不动产登记中心", "已完成",
                "登簿", "—", "清远市不动产登记中心", "办理中");
    }

    /** ZSJ-0002: the applications this backend stored for the person, with their tracking numbers. */
    private QueryTable applicationProgress(Profile p) throws SQLException {
        Rows r = new Rows("办件编号", "事项名称", "申请时间", "办理状态");
        for (StoredTransaction t : applications.of(p.idNumber())) {
            String created = t.json().path("createdAt").asText();
            r.add(t.backendRef(), catalogue.service(t.serviceCode()).map(Catalogue.Service::name).orElse(t.serviceCode()),
                    created.length() >= 16 ? created.substring(0, 16).replace('T', ' ') : created, "已受理，审核中");
        }
        return r.table("办件进度", footer(p, r.count() == 0 ? "未查询到您的办件。" : "办理结果将以短信通知您。"));
    }

    // ---- 不动产 ----

    private static QueryTable estates(Profile p, boolean print) {
        Rows r = print ? new Rows("不动产单元号", "坐落", "权利类型", "用途", "面积(㎡)", "登记日期", "不动产权证号", "权利状态")
                : new Rows("坐落", "权利类型", "用途", "面积(㎡)", "登记日期", "权利状态");
        for (Estate e : p.estates()) {
            if (print) {
                r.add(e.unit(), e.location(), e.right(), e.use(), e.area(), e.registered(), e.certificate(), e.state());
            } else {
                r.add(e.location(), e.right(), e.use(), e.area(), e.registered(), e.state());
            }
        }
        return r.table(print ? "不动产登记信息查询结果" : "不动产登记信息", footer(p, "查询范围：" + p.countyName()
                + "不动产登记簿。本结果仅供参考，以不动产登记簿记载为准。"));
    }

    // ---- 农业 ----

    private static QueryTable farmlandSubsidy(Profile p, Years years) {
        Rows r = new Rows("年度", "补贴面积(亩)", "补贴标准(元/亩)", "补贴金额(元)", "发放日期", "发放状态");
        double mu = p.farmlandMu();
        for (int y = 2016; y <= DemoPeople.LAST_MONTH.getYear() && mu > 0; y++) {
            if (years.has(y)) {
                long perMuFen = farmlandRate(y);
                r.add(y, fmt(mu), QueryTable.yuan(perMuFen), QueryTable.yuan(Math.round(mu * perMuFen)), LocalDate.of(y, 6, 18), "已发放");
            }
        }
        return r.table("耕地地力保护补贴发放情况" + years.label(), footer(p, mu == 0 ? "未查询到您的承包耕地，无耕地地力保护补贴。"
                : "补贴发放至" + p.bank() + "惠农一卡通。"));
    }

    private static long farmlandRate(int y) {
        return 6850 + (y - 2016) * 95L;
    }

    private static long forestRate(int y) {
        return y <= 2017 ? 2800 : y <= 2020 ? 3400 : y <= 2023 ? 3900 : 4300;
    }

    private static QueryTable forestCompensation(Profile p, Years years) {
        Rows r = new Rows("年度", "公益林面积(亩)", "补偿标准(元/亩)", "补偿金额(元)", "发放日期", "发放状态");
        for (int y = 2016; y <= DemoPeople.LAST_MONTH.getYear() && p.forestMu() > 0; y++) {
            if (years.has(y)) {
                r.add(y, fmt(p.forestMu()), QueryTable.yuan(forestRate(y)), QueryTable.yuan(Math.round(p.forestMu() * forestRate(y))),
                        LocalDate.of(y, 9, 26), "已发放");
            }
        }
        return r.table("生态公益林效益补偿发放情况" + years.label(), footer(p, p.forestMu() == 0 ? "未查询到您名下的生态公益林。" : ""));
    }

    /** NYJ-0002: every subsidy paid to the person's 一卡通, oldest first. */
    private static QueryTable oneCardSubsidies(Profile p, Years years) {
        List<Object[]> paid = new ArrayList<>();
        for (int y = 2016; y <= DemoPeople.LAST_MONTH.getYear(); y++) {
            if (!years.has(y)) {
                continue;
            }
            if (p == DemoPeople.PAN && y >= 2020) {
                for (int q = 1; q <= 4; q++) {
                    LocalDate d = LocalDate.of(y, q * 3, 20);
                    if (!d.isAfter(DemoPeople.AS_OF) && !(y == 2020 && q < 3)) {
                        paid.add(new Object[] {d, "高龄老人津贴", "150.00", "县民政局", "已发放"});
                    }
                }
            }
            if (p.farmlandMu() > 0) {
                paid.add(new Object[] {LocalDate.of(y, 6, 18), "耕地地力保护补贴",
                        QueryTable.yuan(Math.round(p.farmlandMu() * farmlandRate(y))), "县农业农村局", "已发放"});
            }
            if (p.forestMu() > 0) {
                paid.add(new Object[] {LocalDate.of(y, 9, 26), "生态公益林效益补偿",
                        QueryTable.yuan(Math.round(p.forestMu() * forestRate(y))), "县林业局", "已发放"});
            }
            if (p == DemoPeople.WEI && y == 2019) {
                paid.add(new Object[] {LocalDate.of(y, 11, 8), "农机购置补贴", "2400.00", "县农业农村局", "已发放"});
            }
        }
        paid.sort(Comparator.comparing(row -> row[0].toString()));
        Rows r = new Rows("发放日期", "补贴项目", "金额(元)", "主管部门", "发放状态");
        paid.forEach(r::add);
        return r.table("惠民惠农财政补贴“一卡通”发放明细" + years.label(), footer(p, r.count() == 0 ? "未查询到补贴发放记录。"
                : "发放账户：" + p.bank() + "。"));
    }

    private static QueryTable cropInsurance(Profile p, Years years) {
        Rows r = new Rows("保单年度", "险种", "投保面积(亩)", "农户自缴保费(元)", "理赔金额(元)", "状态");
        double paddy = p.plots().stream().filter(x -> x.use().equals("水田")).mapToDouble(Plot::mu).sum();
        for (int y = 2016; y <= DemoPeople.LAST_MONTH.getYear() && paddy > 0 && p == DemoPeople.WEI; y++) {
            if (years.has(y)) {
                boolean claim = y == 2022;
                r.add(y, "水稻种植保险", fmt(paddy), QueryTable.yuan(Math.round(paddy * 360)), claim ? "1260.00" : "0.00",
                        claim ? "已理赔（2022年6月洪涝）" : y == DemoPeople.LAST_MONTH.getYear() ? "保障中" : "已到期");
            }
        }
        return r.table("政策性农业保险投保理赔情况" + years.label(), footer(p, r.count() == 0 ? "未查询到农业保险保单。" : ""));
    }

    private static QueryTable landContract(Profile p) {
        Rows r = new Rows("地块编码", "地块名称", "面积(亩)", "土地用途", "承包期限");
        for (Plot plot : p.plots()) {
            r.add(plot.code(), plot.name(), fmt(plot.mu()), plot.use(), "1999-01-01至2028-12-31");
        }
        return r.table("农村土地承包经营权信息", footer(p, r.count() == 0 ? "未查询到您作为承包方代表的承包地块。"
                : "承包方代表：" + p.name() + "；合计 " + fmt(p.farmlandMu()) + " 亩。"));
    }

    private static String fmt(double mu) {
        return String.format(Locale.ROOT, "%.2f", mu);
    }

    // ---- 人社、民政、征信 ----

    private static QueryTable elderServices(Profile p) {
        Rows r = new Rows("服务项目", "服务机构", "服务内容", "联系电话");
        boolean elder = p.birth().plusYears(60).isBefore(DemoPeople.AS_OF);
        r.add("居家养老服务", p.countyName().replace("清远市", "").replace("韶关市", "") + "居家养老服务中心", elder ? "每月上门探访、助餐、助洁" : "—", "0763-5551234");
        r.add("长者饭堂", "镇（街）长者饭堂", elder ? "60岁以上午餐补贴，每餐自付5元" : "—", "0763-5551235");
        r.add("养老机构入住", "县社会福利中心", "失能、半失能老人集中供养", "0763-5551236");
        return r.table("养老服务", footer(p, elder ? "您已年满60周岁，可申请以上服务。" : "您未满60周岁，可为家中老人咨询。"));
    }

    private static QueryTable credit(Profile p, boolean report) {
        boolean loan = p == DemoPeople.CHEN;
        return keyValues(p, report ? "个人信用报告（简版）" : "征信信息查询结果", "报告编号", "2026113009" + p.idNumber().substring(10, 16) + "CN",
                "贷款", loan ? "个人住房贷款1笔，2016-08发放，正常还款" : "无", "信用卡", loan ? "2张，无逾期" : "无",
                "逾期记录", "近五年无逾期", "近两年查询次数", loan ? "3" : "0");
    }

    private static QueryTable jobs() {
        Rows r = new Rows("岗位", "招聘单位", "工作地点", "月薪(元)", "人数", "联系电话");
        r.add("普工", "清远市清城区东城建材有限公司", "清城区东城街道", "4200-5500", 20, "0763-3381001");
        r.add("电工", "广东清远高新区电气设备厂", "清远高新区", "5500-7000", 3, "0763-3381002");
        r.add("叉车司机", "清远市华南物流园", "清城区石角镇", "5000-6500", 5, "0763-3381003");
        r.add("护理员", "县社会福利中心", "县城", "3800-4500", 6, "0763-3381004");
        r.add("茶园采摘工（季节性）", "英德红茶种植合作社", "英德市", "按件计酬", 40, "0763-3381005");
        r.add("保洁员", "镇政府物业管理处", "镇区", "2800-3200", 4, "0763-3381006");
        r.add("厨师", "连南瑶寨景区餐饮部", "连南瑶族自治县三排镇", "4500-6000", 2, "0763-3381007");
        r.add("收银员", "县城连锁超市", "县城", "3500-4000", 8, "0763-3381008");
        return new QueryTable("招聘岗位信息（" + DemoPeople.LAST_MONTH.getYear() + "年" + DemoPeople.LAST_MONTH.getMonthValue() + "月）",
                r.table("", "").rows(), "信息来源：县公共就业服务中心。应聘请直接致电招聘单位，不收取任何费用。数据截至" + DemoPeople.AS_OF + "。");
    }

    private static QueryTable pharmacies() {
        Rows r = new Rows("机构名称", "类别", "地址", "可办理业务");
        r.add("县人民医院", "二级甲等医院", "县城人民路1号", "门诊、住院、特殊门诊");
        r.add("县中医院", "二级甲等医院", "县城健康路8号", "门诊、住院");
        r.add("镇卫生院", "一级医院", "镇区卫生路2号", "门诊、住院、家庭医生签约");
        r.add("村卫生站", "村卫生室", "村委会旁", "普通门诊");
        r.add("大参林药店（县城店）", "定点零售药店", "县城解放路23号", "个人账户购药、门诊统筹");
        r.add("老百姓大药房（镇区店）", "定点零售药店", "镇区新街5号", "个人账户购药");
        return new QueryTable("医保定点医药机构", r.table("", "").rows(), "持医保电子凭证或社保卡可直接结算。数据截至" + DemoPeople.AS_OF + "。");
    }

    private static QueryTable legalAid() {
        Rows r = new Rows("服务", "机构", "地址", "电话", "时间");
        r.add("法律援助申请", "县法律援助处", "县城司法局一楼", "12348", "工作日 8:30-17:30");
        r.add("公共法律服务", "镇公共法律服务工作站", "镇政府一楼", "0763-6662348", "工作日 8:30-17:30");
        r.add("村（居）法律顾问", "驻村律师", "村委会", "0763-6662349", "每月第二个周三上午");
        r.add("人民调解", "村人民调解委员会", "村委会", "0763-6662350", "随时");
        return new QueryTable("法律咨询与法律援助", r.table("", "").rows(), "“12348”广东法网热线24小时提供免费法律咨询。");
    }

    private static QueryTable unknownService(Catalogue.Service service, Profile p) {
        Rows r = new Rows("查询事项", "结果");
        r.add(service.name(), "未查询到相关记录");
        return r.table(service.name(), footer(p, "如有疑问，请到村委会或县政务服务中心咨询。"));
    }
}
