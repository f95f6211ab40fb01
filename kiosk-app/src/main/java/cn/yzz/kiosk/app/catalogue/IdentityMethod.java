package cn.yzz.kiosk.app.catalogue;

/** Ways a villager proves who they are at the kiosk. */
public enum IdentityMethod {
    /** Resident ID card, residence permit or foreigner's permanent residence card on the reader. */
    IDCARD("idcard"),
    /** 粤省事 code shown on a phone (online only). */
    YSS_QR("yss-qr"),
    /** Social security card (enhanced kiosks). */
    SSCARD("sscard"),
    /** Face compared with the card photo. */
    FACE("face");

    private final String wireName;

    IdentityMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The name in catalogue.json. */
    public String wireName() {
        return wireName;
    }
}
