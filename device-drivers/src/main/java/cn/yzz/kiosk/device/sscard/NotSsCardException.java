package cn.yzz.kiosk.device.sscard;

import cn.yzz.kiosk.device.DeviceException;

/**
 * The card in the slot has no social security application (a bank card, a transport card): a
 * {@link DeviceException.Kind#MEDIA_ERROR} the kiosk can tell apart from a card it failed to read,
 * so it can say "this is not a social security card" rather than "insert it again".
 */
public final class NotSsCardException extends DeviceException {

    private static final long serialVersionUID = 1L;

    NotSsCardException() {
        super(Kind.MEDIA_ERROR, "这张卡不是社会保障卡（卡上没有社保应用），请插入社保卡");
    }
}
