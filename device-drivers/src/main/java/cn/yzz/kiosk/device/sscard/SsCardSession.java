package cn.yzz.kiosk.device.sscard;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.sscard.SsItem.SsFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.smartcardio.CardException;

/**
 * The APDU sequence that reads one card (devices.md §2.2), over any {@link ApduChannel}. Status
 * words are handled here even though the JDK's PC/SC provider already follows {@code 61xx} and
 * {@code 6Cxx} on T=0: with {@code sun.security.smartcardio.t0GetResponse=false}, or another
 * provider, they reach us. Cards differ in how they address records (devices.md §2.2), so each file
 * is read in one of two conventions: by SFI with record numbers ({@code P2=(SFI<<3)|4}), or after
 * selecting the file by its id, by record identifier ({@code P2=00}, P1 = the item's tag). EF05 is
 * tried by SFI first (its record numbers equal its tags, and every SDK reads it so), EF06 by
 * identifier first (the tags say which item is which, whatever the generation); a card that refuses
 * the first record of a file in one convention is read in the other. Every record's tag is checked
 * against the item asked for.
 */
final class SsCardSession {

    /**
     * Items the card may withhold (3rd generation, PSAM authentication) without spoiling the read:
     * devices.md §2.4 says of {@code 69 82} "skip the item", and §9 leaves open which items a card
     * protects. Sex and birth date are then taken from the 社会保障号码, which is the citizen ID number.
     */
    private static final Set<SsItem> OPTIONAL = Set.of(SsItem.NATION, SsItem.BIRTH_PLACE, SsItem.SEX, SsItem.BIRTH_DATE);
    private static final List<SsItem> EF05_ITEMS = List.of(SsItem.CARD_IDENTIFIER, SsItem.SPEC_VERSION,
            SsItem.ISSUE_DATE, SsItem.EXPIRY_DATE, SsItem.CARD_NUMBER);
    private static final List<SsItem> EF06_ITEMS = List.of(SsItem.SOCIAL_SECURITY_NUMBER, SsItem.NAME, SsItem.SEX,
            SsItem.NATION, SsItem.BIRTH_PLACE, SsItem.BIRTH_DATE);
    private static final int MAX_CHAINED = 8;

    /** How a file's records were addressed in the last read; for tests and logs. */
    enum Addressing { RECORD_IDENTIFIER, SFI_RECORD_NUMBER }

    private final ApduChannel channel;
    private final Map<SsFile, Addressing> addressing = new EnumMap<>(SsFile.class);

    SsCardSession(ApduChannel channel) {
        this.channel = channel;
    }

    /** How EF06 (the holder's data) was addressed. */
    Addressing addressing() {
        return addressing(SsFile.EF06);
    }

    Addressing addressing(SsFile file) {
        return addressing.get(file);
    }

    SsCard read() throws DeviceException, CardException {
        Response selected = exchange(Apdus.selectSsse());
        if (selected.sw().equals(StatusWord.FILE_NOT_FOUND)) {
            throw new NotSsCardException();
        }
        require(selected, "选择社保应用");

        Map<SsItem, byte[]> values = new EnumMap<>(SsItem.class);
        List<String> withheld = new ArrayList<>();
        readFile(SsFile.EF05, EF05_ITEMS, 0, Addressing.SFI_RECORD_NUMBER, values, withheld);
        int generation;
        try {
            generation = SsCard.generationOf(SsRecords.ascii(values.get(SsItem.SPEC_VERSION), SsItem.SPEC_VERSION));
        } catch (SsCardDataException e) {
            throw dataError(e);
        }
        readFile(SsFile.EF06, EF06_ITEMS, generation, Addressing.RECORD_IDENTIFIER, values, withheld);
        return decode(values, withheld);
    }

    /**
     * Reads {@code items} of {@code file}, in the {@code preferred} convention unless the card refuses it
     * for the first record (or, for identifier addressing, will not select the file); then in the other.
     */
    private void readFile(SsFile file, List<SsItem> items, int generation, Addressing preferred,
                          Map<SsItem, byte[]> values, List<String> withheld) throws DeviceException, CardException {
        Addressing how = preferred;
        boolean canSwitch = true;
        if (how == Addressing.RECORD_IDENTIFIER && !select(file)) {
            how = Addressing.SFI_RECORD_NUMBER;
            canSwitch = false;
        }
        for (SsItem item : items) {
            Response r = exchange(command(how, file, item, generation));
            if (canSwitch && r.sw().refusesAddressing()) {
                Addressing other = how == Addressing.SFI_RECORD_NUMBER ? Addressing.RECORD_IDENTIFIER : Addressing.SFI_RECORD_NUMBER;
                if (other == Addressing.RECORD_IDENTIFIER && !select(file)) {
                    throw refusedBothWays(file, r.sw());
                }
                how = other;
                r = exchange(command(how, file, item, generation));
                if (r.sw().refusesAddressing()) {
                    throw refusedBothWays(file, r.sw());
                }
            }
            canSwitch = false; // one record read (or withheld) in this convention: the card does it
            take(r, item, values, withheld);
        }
        addressing.put(file, how);
    }

    private static byte[] command(Addressing how, SsFile file, SsItem item, int generation) {
        return how == Addressing.RECORD_IDENTIFIER
                ? Apdus.readRecordById(item.tag(), item.length() + 2)
                : Apdus.readRecordBySfi(item.recordNumber(generation), file.sfi(), item.length() + 2);
    }

    /** SELECT {@code file} by its id: true when selected, false when the card does not do that. */
    private boolean select(SsFile file) throws DeviceException, CardException {
        Response r = exchange(Apdus.selectFile(file.fileId()));
        if (r.sw().ok()) {
            return true;
        }
        if (r.sw().refusesAddressing()) {
            return false;
        }
        require(r, "选择 " + file.name());
        return false;
    }

    private static DeviceException refusedBothWays(SsFile file, StatusWord sw) {
        return new DeviceException(Kind.MEDIA_ERROR, "这张社保卡的" + file.name() + "记录读不出来（按 SFI 和按记录标识符都被拒绝，"
                + sw.meaning() + "，" + sw + "）");
    }

    private void readItem(byte[] command, SsItem item, Map<SsItem, byte[]> values, List<String> withheld)
            throws DeviceException, CardException {
        take(exchange(command), item, values, withheld);
    }

    private static void take(Response r, SsItem item, Map<SsItem, byte[]> values, List<String> withheld) throws DeviceException {
        if (r.sw().equals(StatusWord.SECURITY_NOT_SATISFIED)) {
            if (!OPTIONAL.contains(item)) {
                throw new DeviceException(Kind.MEDIA_ERROR, "社保卡的" + item.label() + "需在社保终端认证后才能读取，本机无法读取这张卡");
            }
            withheld.add(item.label());
            return;
        }
        require(r, "读" + item.label());
        try {
            values.put(item, SsRecords.value(r.data(), item));
        } catch (SsCardDataException e) {
            throw dataError(e);
        }
    }

    private static SsCard decode(Map<SsItem, byte[]> v, List<String> withheld) throws DeviceException {
        try {
            String idNumber = SsRecords.ascii(v.get(SsItem.SOCIAL_SECURITY_NUMBER), SsItem.SOCIAL_SECURITY_NUMBER);
            boolean validId = IdNumbers.isValid18(idNumber);
            Sex sex;
            if (v.containsKey(SsItem.SEX)) {
                String sexCode = SsRecords.ascii(v.get(SsItem.SEX), SsItem.SEX);
                sex = sexCode.length() == 1 ? Sex.ofCode(sexCode.charAt(0)) : null;
                if (sex == null) {
                    throw new SsCardDataException("性别：代码不对");
                }
            } else if (validId) {
                sex = IdNumbers.sex(idNumber);
            } else {
                throw new SsCardDataException("性别需认证才能读取，社会保障号码也不是有效的身份证号码，无从推算");
            }
            String nation = "";
            if (v.containsKey(SsItem.NATION)) {
                byte[] n = v.get(SsItem.NATION);
                if (n.length != 1) {
                    throw new SsCardDataException("民族：应为 1 字节");
                }
                nation = String.format("%02d", n[0] & 0xFF);
            }
            String birthPlace = v.containsKey(SsItem.BIRTH_PLACE) ? SsRecords.bcd(v.get(SsItem.BIRTH_PLACE), SsItem.BIRTH_PLACE) : "";
            String name = SsRecords.gbk(v.get(SsItem.NAME), SsItem.NAME);
            String cardNumber = SsRecords.ascii(v.get(SsItem.CARD_NUMBER), SsItem.CARD_NUMBER);
            if (idNumber.isEmpty() || name.isEmpty() || cardNumber.isEmpty()) {
                throw new SsCardDataException("卡号、社会保障号码或姓名为空");
            }
            byte[] id = v.get(SsItem.CARD_IDENTIFIER);
            LocalDate birth;
            if (v.containsKey(SsItem.BIRTH_DATE)) {
                birth = SsRecords.bcdDate(v.get(SsItem.BIRTH_DATE), SsItem.BIRTH_DATE);
            } else {
                birth = validId ? IdNumbers.birthDate(idNumber) : null;
                if (birth == null) {
                    throw new SsCardDataException("出生日期需认证才能读取，社会保障号码也不是有效的身份证号码，无从推算");
                }
            }
            return new SsCard(HexFormat.of().withUpperCase().formatHex(id),
                    SsRecords.ascii(v.get(SsItem.SPEC_VERSION), SsItem.SPEC_VERSION),
                    SsRecords.bcdDate(v.get(SsItem.ISSUE_DATE), SsItem.ISSUE_DATE),
                    SsRecords.bcdDate(v.get(SsItem.EXPIRY_DATE), SsItem.EXPIRY_DATE),
                    cardNumber, idNumber, name, sex, nation, birthPlace, birth, withheld);
        } catch (SsCardDataException e) {
            throw dataError(e);
        }
    }

    private static DeviceException dataError(SsCardDataException e) {
        return new DeviceException(Kind.MEDIA_ERROR, "社保卡的数据无法识别（" + e.getMessage() + "）", e);
    }

    private static void require(Response r, String what) throws DeviceException {
        if (!r.sw().ok()) {
            throw new DeviceException(Kind.PROTOCOL, what + "失败：" + r.sw().meaning() + "（" + r.sw() + "）");
        }
    }

    record Response(byte[] data, StatusWord sw) {}

    /** One command with its status-word follow-ups: GET RESPONSE after {@code 61xx}, one resend after {@code 6Cxx}. */
    Response exchange(byte[] command) throws CardException, DeviceException {
        byte[] r = transmit(command);
        StatusWord sw = StatusWord.of(r);
        if (sw.wrongLe()) {
            r = transmit(Apdus.withLe(command, sw.sw2()));
            sw = StatusWord.of(r);
        }
        byte[] data = Arrays.copyOf(r, r.length - 2);
        for (int i = 0; sw.moreData(); i++) {
            if (i == MAX_CHAINED) {
                throw new DeviceException(Kind.PROTOCOL, "社保卡的回复没完没了（" + MAX_CHAINED + " 次 61xx）");
            }
            byte[] more = transmit(Apdus.getResponse(sw.sw2()));
            sw = StatusWord.of(more);
            data = Apdus.concat(data, Arrays.copyOf(more, more.length - 2));
        }
        return new Response(data, sw);
    }

    private byte[] transmit(byte[] command) throws CardException, DeviceException {
        byte[] r = channel.transmit(command);
        if (r.length < 2) {
            throw new DeviceException(Kind.PROTOCOL, "社保卡的回复太短（" + r.length + " 字节）");
        }
        return r;
    }
}
