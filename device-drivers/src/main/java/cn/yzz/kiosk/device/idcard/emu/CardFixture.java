package cn.yzz.kiosk.device.idcard.emu;

import cn.yzz.kiosk.device.idcard.IdCard;
import java.util.Objects;

/**
 * A card the emulator can hold, with a stable id for tests, the demo and {@code kioskctl}.
 *
 * @param latestAddress the appended address (追加住址), or null when the card has none
 */
public record CardFixture(String id, String description, IdCard card, String latestAddress) {
    public CardFixture {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(card, "card");
    }
}
