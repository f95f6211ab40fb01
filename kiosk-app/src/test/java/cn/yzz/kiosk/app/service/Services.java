package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.catalog.Amount;
import cn.yzz.kiosk.cache.catalog.DeviceUse;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.List;
import java.util.Map;

/** Catalogue entries for the engine's tests, built the way the parser builds them. */
final class Services {

    private Services() {}

    static Field choice(String id, String label, String... options) {
        return new Field(id, FieldType.CHOICE, label, List.of(options), true, Map.of(), "", null, null, null);
    }

    static Field field(String id, FieldType type, String label, Map<String, String> when) {
        return new Field(id, type, label, List.of(), true, when, "", null, null, null);
    }

    static Field bounded(String id, FieldType type, String min, String max, Integer digits) {
        return new Field(id, type, id, List.of(), true, Map.of(), "", min, max, digits);
    }

    /** The resident pension and medical insurance payment of sync-api.md v1.1: for self, household, other; by phone. */
    static Service pension() {
        return new Service("SWJ-0001", "SWJ", "城乡居民养老、医疗保险缴费", "social-insurance",
                List.of(Identity.IDCARD, Identity.YSS_CODE, Identity.SSCARD), Kind.PAYMENT, true, List.of(),
                List.of(Payer.SELF, Payer.HOUSEHOLD, Payer.OTHER), List.of(PayMethod.QR, PayMethod.CASH), Output.RECEIPT,
                List.of(DeviceUse.RECEIPT_PRINTER), List.of("养老"), "Resident pension",
                List.of(field("members", FieldType.HOUSEHOLD, "选择要缴费的家庭成员", Map.of("for", "household")),
                        field("payee", FieldType.IDNUMBER, "被缴费人身份证号码", Map.of("for", "other")),
                        choice("grade", "缴费档次（元）", "180", "300", "500")),
                new Amount.From("grade", 100, true), List.of(), "Y: S1");
    }

    static Service application() {
        return new Service("RSJ-0014", "RSJ", "城乡居民基本养老保险参保登记", "social-insurance", List.of(Identity.IDCARD),
                Kind.APPLICATION, false, List.of(), List.of(), List.of(), Output.NONE, List.of(), List.of(), null,
                List.of(field("phone", FieldType.PHONE, "联系电话", Map.of()),
                        field("agree", FieldType.CONFIRM, "本人确认以上信息真实有效", Map.of())),
                null, List.of(), "N: inferred");
    }

    static Service with(Service s, Kind kind, boolean online, List<String> models, List<Payer> payers, List<PayMethod> pay,
                        Output output, List<DeviceUse> devices, List<Identity> identity) {
        return new Service(s.code(), s.department(), s.name(), s.theme(), identity, kind, online, models, payers, pay, output,
                devices, s.keywords(), s.englishName(), s.form(), s.amount(), s.bundleSteps(), s.evidence());
    }

    /** A query of one's contributions, by year, shown on screen; A4 when printed. */
    static Service contributions() {
        return new Service("SWJ-0008", "SWJ", "城乡居民社保费缴费记录查询", "tax", List.of(Identity.IDCARD), Kind.QUERY, true,
                List.of(), List.of(), List.of(), Output.A4, List.of(DeviceUse.A4_PRINTER), List.of(), null,
                List.of(choice("year", "查询年度", "2025", "2026")), null, List.of(), "");
    }

    /** A certificate printed on A4. */
    static Service certificate() {
        return new Service("GAJ-0009", "GAJ", "户籍证明开具", "household-registry", List.of(Identity.IDCARD), Kind.PRINT, true,
                List.of(), List.of(), List.of(), Output.A4, List.of(DeviceUse.A4_PRINTER), List.of(), null, List.of(), null,
                List.of(), "");
    }

    /** A 一件事 bundle of two applications that share the phone question. */
    static Service bundle() {
        return new Service("MULTI-0003", "MULTI", "退休一件事", "one-thing", List.of(Identity.IDCARD), Kind.APPLICATION, false,
                List.of(), List.of(), List.of(), Output.NONE, List.of(), List.of(), null, List.of(), null,
                List.of("RSJ-0014", "GJJ-0003", "ZZZ-0404"), "");
    }

    static Service housingFund() {
        return new Service("GJJ-0003", "GJJ", "住房公积金退休提取", "other", List.of(Identity.IDCARD),
                Kind.APPLICATION, false, List.of(), List.of(), List.of(), Output.NONE, List.of(), List.of(), null,
                List.of(field("phone", FieldType.PHONE, "联系电话", Map.of()),
                        field("agree", FieldType.CONFIRM, "本人确认以上信息真实有效", Map.of())),
                null, List.of(), "");
    }
}
