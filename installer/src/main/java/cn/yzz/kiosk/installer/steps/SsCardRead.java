package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.sscard.SsCard;

/**
 * One social security card read, with how the read went.
 *
 * @param reader     the PC/SC name of the reader used
 * @param card       the card, unmasked: render it only through {@link SsCardReport}
 * @param expired    past its validity on the day of the read
 * @param readMillis from asking for the card to having it, including waiting for it to be inserted
 */
public record SsCardRead(String reader, SsCard card, boolean expired, long readMillis) {}
