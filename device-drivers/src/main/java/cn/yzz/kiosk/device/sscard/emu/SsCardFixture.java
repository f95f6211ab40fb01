package cn.yzz.kiosk.device.sscard.emu;

import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.SsItem;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A card for the emulator: what is on it and how it behaves.
 *
 * @param id             short name, e.g. {@code gen2}
 * @param description    what the card is for, in Chinese
 * @param card           everything stored on the card
 * @param socialSecurity false for a card without the SSSE application (SELECT answers {@code 6A 82})
 * @param selectByFileId true when EF05/EF06 can be selected by file id and read by record identifier
 * @param withheld       items answered with {@code 69 82} (need PSAM authentication)
 * @param lengths        value lengths that differ from the usual ones (the card then answers {@code 6C xx})
 * @param readBySfi      false for a card that reads records only in the current file, so only after a select by
 *                       file id (READ RECORD by SFI answers {@code 6A 82})
 */
public record SsCardFixture(String id, String description, SsCard card, boolean socialSecurity, boolean selectByFileId,
                            Set<SsItem> withheld, Map<SsItem, Integer> lengths, boolean readBySfi) {

    public SsCardFixture {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(card, "card");
        withheld = Set.copyOf(withheld);
        lengths = Map.copyOf(lengths);
        if (!readBySfi && !selectByFileId) {
            throw new IllegalArgumentException(id + ": a card must take at least one way of addressing records");
        }
    }

    /** A card that reads records by SFI. */
    public SsCardFixture(String id, String description, SsCard card, boolean socialSecurity, boolean selectByFileId,
                         Set<SsItem> withheld, Map<SsItem, Integer> lengths) {
        this(id, description, card, socialSecurity, selectByFileId, withheld, lengths, true);
    }

    /** What a correct read of this card returns: withheld items empty and listed by label. */
    public SsCard expected() {
        boolean noNation = withheld.contains(SsItem.NATION);
        boolean noPlace = withheld.contains(SsItem.BIRTH_PLACE);
        return new SsCard(card.cardIdentifier(), card.specVersion(), card.issueDate(), card.expiryDate(), card.cardNumber(),
                card.idNumber(), card.name(), card.sex(), noNation ? "" : card.nationCode(), noPlace ? "" : card.birthPlace(),
                card.birthDate(),
                withheld.stream().filter(i -> i == SsItem.NATION || i == SsItem.BIRTH_PLACE).sorted().map(SsItem::label).toList());
    }

    public int length(SsItem item) {
        return lengths.getOrDefault(item, item.length());
    }

    @Override
    public String toString() {
        return id;
    }
}
