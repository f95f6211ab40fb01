package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.IdCard;
import java.util.List;

/**
 * One card read from a reader, with how the read went.
 *
 * @param port       the port as given
 * @param baud       the speed the reader answered at (it may differ from the one asked for)
 * @param card       the card, unmasked: render it only through {@link IdCardReport}
 * @param checks     problems with the card found on the day of the read
 * @param readMillis from asking for the card to having it, including waiting for it to be placed
 */
public record IdCardRead(String port, int baud, IdCard card, List<CardCheck> checks, long readMillis) {

    public IdCardRead {
        checks = List.copyOf(checks);
    }
}
