package cn.yzz.kiosk.backend;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the sandbox county knows about the demo's people (the emulated ID cards and the contract's example person): the
 * facts its query tables are made from. All invented; the records run to {@link #AS_OF}, a fixed day, so that the
 * same question always gets the same table whatever the clock says.
 */
final class DemoPeople {
    /** The day the sandbox's records run to. */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    static final YearMonth LAST_MONTH = YearMonth.from(AS_OF);

    /** 职工 (insured by an employer, monthly) or 城乡居民 (insured on one's own, yearly). */
    enum Scheme { EMPLOYEE, RESIDENT }

    /** A registered property (不动产). */
    record Estate(String unit, String location, String right, String use, String area, LocalDate registered,
            String certificate, String state) {}

    /** A contracted farmland plot (承包地块). */
    record Plot(String code, String name, double mu, String use) {}

    /**
     * One person's records.
     *
     * @param county         6-digit division code of the household registration
     * @param paidFrom       first month (employee) or year (resident, January) of pension contributions; null for none
     * @param paidTo         last month of contributions; null while still paying
     * @param baseLastYuan   an employee's contribution base in the last year paid; a resident's 0
     * @param pensionFrom    first month of pension; null before retirement
     * @param pensionFirst   the first month's pension in yuan (employee); residents get the base pension of the year
     * @param medicalFrom    first year of medical insurance
     * @param fundFrom       first month of 住房公积金 contributions, or null
     * @param licence        driving licence class (C1, D…) and its first issue, or null
     * @param spouse         name of the spouse in the marriage record, or null when no record is found
     * @param disability     the disability card's category and grade, or null
     */
    record Profile(String idNumber, String name, String sex, String nation, LocalDate birth, String county,
            String countyName, String address, String policeStation, Scheme pensionScheme, String employer,
            YearMonth paidFrom, YearMonth paidTo, int baseLastYuan, YearMonth pensionFrom, int pensionFirst,
            Scheme medicalScheme, int medicalFrom, YearMonth fundFrom, String licence, LocalDate licenceSince,
            String spouse, LocalDate married, String marriageOffice, String disability, List<Estate> estates,
            List<Plot> plots, double forestMu, String bank) {

        YearMonth paidUntil() {
            return paidTo != null ? paidTo : LAST_MONTH;
        }

        double farmlandMu() {
            return plots.stream().mapToDouble(Plot::mu).sum();
        }

        boolean retired() {
            return pensionFrom != null;
        }

        /** The first 3 and last 4 characters, as everywhere in the kiosk. */
        String maskedId() {
            return idNumber.substring(0, 3) + "*".repeat(idNumber.length() - 7) + idNumber.substring(idNumber.length() - 4);
        }
    }

    static final Profile CHEN = new Profile("441802198503120035", "陈志强", "男", "汉族", LocalDate.of(1985, 3, 12),
            "441802", "清远市清城区", "广东省清远市清城区东城街道人民一路18号", "清远市公安局清城分局东城派出所",
            Scheme.EMPLOYEE, "清远市清城区东城建材有限公司", YearMonth.of(2006, 7), null, 5200, null, 0,
            Scheme.EMPLOYEE, 2006, YearMonth.of(2012, 1), "C1", LocalDate.of(2008, 5, 20),
            "林小红", LocalDate.of(2011, 10, 1), "清远市清城区民政局婚姻登记处", null,
            List.of(new Estate("441802005003GB00118F00031204", "清城区东城街道凤城华庭3栋1204房", "国有建设用地使用权/房屋所有权",
                    "住宅", "89.36", LocalDate.of(2016, 8, 15), "粤（2016）清远市不动产权第0031547号", "现势（已抵押）")),
            List.of(), 0, "中国农业银行清远东城支行");

    static final Profile PAN = new Profile("441826195008010020", "盘秀英", "女", "瑶族", LocalDate.of(1950, 8, 1),
            "441826", "清远市连南瑶族自治县", "广东省清远市连南瑶族自治县三江镇金坑村委会大坪村32号", "连南瑶族自治县公安局三江派出所",
            Scheme.RESIDENT, null, null, null, 0, YearMonth.of(2010, 9), 0,
            Scheme.RESIDENT, 2012, null, null, null,
            null, null, null, "视力残疾 四级",
            List.of(new Estate("441826103208JC00032F00010001", "三江镇金坑村委会大坪村32号", "宅基地使用权/房屋所有权", "农村宅基地",
                    "96.50", LocalDate.of(2021, 6, 30), "粤（2021）连南瑶族自治县不动产权第0002318号", "现势")),
            List.of(new Plot("4418261032080100101", "大坪田", 1.2, "水田"), new Plot("4418261032080100102", "坑口田", 0.9, "水田"),
                    new Plot("4418261032080100207", "背岭地", 0.7, "旱地")),
            15.6, "连南农村商业银行三江支行");

    static final Profile WEI = new Profile("441825197211300050", "韦国华", "男", "壮族", LocalDate.of(1972, 11, 30),
            "441825", "清远市连山壮族瑶族自治县", "广东省清远市连山壮族瑶族自治县吉田镇吉田村委会上村8号", "连山壮族瑶族自治县公安局吉田派出所",
            Scheme.RESIDENT, null, YearMonth.of(2010, 1), null, 0, null, 0,
            Scheme.RESIDENT, 2012, null, "D", LocalDate.of(2015, 4, 8),
            "覃美兰", LocalDate.of(1998, 2, 16), "连山壮族瑶族自治县民政局婚姻登记处", null,
            List.of(new Estate("441825102206JC00008F00010001", "吉田镇吉田村委会上村8号", "宅基地使用权/房屋所有权", "农村宅基地",
                    "128.00", LocalDate.of(2020, 11, 12), "粤（2020）连山壮族瑶族自治县不动产权第0004176号", "现势")),
            List.of(new Plot("4418251022060200103", "上村垌田", 1.8, "水田"), new Plot("4418251022060200104", "河边田", 1.3, "水田"),
                    new Plot("4418251022060200211", "岭背地", 0.8, "旱地"), new Plot("4418251022060200305", "沙坝地", 0.6, "旱地"),
                    new Plot("4418251022060200312", "屋背园", 0.7, "园地")),
            30.0, "连山农村商业银行吉田支行");

    static final Profile LI = new Profile("440203195103152316", "李秀英", "女", "汉族", LocalDate.of(1951, 3, 15),
            "440203", "韶关市武江区", "广东省韶关市武江区新华南路58号3栋502房", "韶关市公安局武江分局新华派出所",
            Scheme.EMPLOYEE, "韶关市第二纺织厂", YearMonth.of(1992, 1), YearMonth.of(2001, 3), 900, YearMonth.of(2001, 4), 620,
            Scheme.EMPLOYEE, 1999, null, null, null,
            "王德明", LocalDate.of(1974, 5, 1), "韶关市武江区民政局婚姻登记处", null,
            List.of(new Estate("440203003012GB00058F00030502", "武江区新华南路58号3栋502房", "国有建设用地使用权/房屋所有权", "住宅",
                    "72.50", LocalDate.of(1999, 12, 20), "粤（2019）韶关市不动产权第0008862号", "现势")),
            List.of(), 0, "中国工商银行韶关武江支行");

    private static final Map<String, Profile> BY_ID = List.of(CHEN, PAN, WEI, LI).stream()
            .collect(Collectors.toUnmodifiableMap(Profile::idNumber, Function.identity()));

    private DemoPeople() {}

    static Optional<Profile> find(String idNumber) {
        return Optional.ofNullable(BY_ID.get(idNumber));
    }
}
