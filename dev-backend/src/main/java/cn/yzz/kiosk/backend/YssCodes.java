package cn.yzz.kiosk.backend;

import java.util.List;
import java.util.Optional;

/**
 * The sandbox's 粤省事码, one per demo person, for tests, the demo's simulator and the end-to-end journeys. No public
 * payload spec exists (devices.md §3.6): a real code is a dynamic QR code whose text the kiosk treats as opaque and
 * sends to {@code POST /identity/resolve}. These look like one, a URL on the issuer's host with a one-time token, on
 * a reserved {@code .example} host so that nothing real is ever asked. They never expire; {@link #EXPIRED} always
 * answers 404, as a code shown too long ago does; {@link DevBackend#issueYssCode} makes one that expires in real time.
 */
public final class YssCodes {
    /** What every sandbox code begins with; a kiosk configured for the sandbox recognises a 粤省事码 by it. */
    public static final String PREFIX = "https://ysm.gdzwfw.example/c/1/";

    /** 陈志强, 441802198503120035 (the demo's resident ID card). */
    public static final String CHEN_ZHIQIANG = PREFIX + "GCEHR5RVWHT3XWOSWIBYBT7KSF375QJA";
    /** 盘秀英, 441826195008010020 (the elder's ID card, 76). */
    public static final String PAN_XIUYING = PREFIX + "2ADIHT236LYQERCQ6PKUMV2HMRKQ4WVT";
    /** 韦国华, 441825197211300050 (the ID card with a fingerprint). */
    public static final String WEI_GUOHUA = PREFIX + "OQYZP6SKML2B7SL4UTMG4AGK72M7KSEF";
    /** 李秀英, 440203195103152316 (the contract's example person; a retired employee). */
    public static final String LI_XIUYING = PREFIX + "RCX2WS5LO4KHDWCJSAW745R2YX3P64CM";
    /** Was 陈志强's, shown too long ago: always 404, like an unknown code. */
    public static final String EXPIRED = PREFIX + "M4P4VLPLCXE6U7ESWBQUSCRRMJFQT2LS";
    /** The first demo code, before codes looked real; still resolves to 李秀英. */
    public static final String LEGACY_DEMO = "YSS-DEMO-0001";

    /** A code and the person it resolves to. */
    public record Holder(String code, String name, String idNumber) {
        @Override
        public String toString() {
            return "Holder[" + name.charAt(0) + "**, " + idNumber.substring(0, 3) + "***********" + idNumber.substring(14) + "]";
        }
    }

    private static final List<Holder> VALID = List.of(
            new Holder(CHEN_ZHIQIANG, "陈志强", "441802198503120035"),
            new Holder(PAN_XIUYING, "盘秀英", "441826195008010020"),
            new Holder(WEI_GUOHUA, "韦国华", "441825197211300050"),
            new Holder(LI_XIUYING, "李秀英", "440203195103152316"),
            new Holder(LEGACY_DEMO, "李秀英", "440203195103152316"));

    private YssCodes() {}

    /** Every code that resolves, with its person (the legacy demo code last). */
    public static List<Holder> valid() {
        return VALID;
    }

    /** The person a fixed sandbox code resolves to; empty for {@link #EXPIRED} and anything unknown. */
    public static Optional<Holder> holder(String code) {
        return VALID.stream().filter(h -> h.code().equals(code)).findFirst();
    }
}
