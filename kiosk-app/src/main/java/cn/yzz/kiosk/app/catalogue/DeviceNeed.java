package cn.yzz.kiosk.app.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Devices a service uses besides the touch screen. */
public enum DeviceNeed {
    @JsonProperty("idcard-reader") IDCARD_READER,
    @JsonProperty("receipt-printer") RECEIPT_PRINTER,
    @JsonProperty("a4-printer") A4_PRINTER,
    @JsonProperty("qr-scanner") QR_SCANNER,
    @JsonProperty("sscard-reader") SSCARD_READER,
    @JsonProperty("camera") CAMERA,
    @JsonProperty("cash-acceptor") CASH_ACCEPTOR
}
