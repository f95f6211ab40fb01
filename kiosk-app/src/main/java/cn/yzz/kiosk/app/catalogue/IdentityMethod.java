package cn.yzz.kiosk.app.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Ways a villager proves who they are at the kiosk. */
public enum IdentityMethod {
    /** Resident ID card, residence permit or foreigner's permanent residence card on the reader. */
    @JsonProperty("idcard") IDCARD,
    /** 粤省事 code shown on a phone (online only). */
    @JsonProperty("yss-qr") YSS_QR,
    /** Social security card (enhanced kiosks). */
    @JsonProperty("sscard") SSCARD,
    /** Face compared with the card photo. */
    @JsonProperty("face") FACE
}
