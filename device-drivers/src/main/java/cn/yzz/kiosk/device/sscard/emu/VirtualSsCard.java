package cn.yzz.kiosk.device.sscard.emu;

import cn.yzz.kiosk.device.sscard.Apdus;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.SsItem;
import cn.yzz.kiosk.device.sscard.SsItem.SsFile;
import cn.yzz.kiosk.device.sscard.SsRecords;
import cn.yzz.kiosk.device.sscard.StatusWord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The card's side of the APDU exchange (devices.md §2.6), without any transport: a command APDU
 * in, a response APDU out. It behaves like a T=0 card: SELECT by DF name answers {@code 61 xx}
 * and hands the FCI to GET RESPONSE; a READ RECORD with the wrong Le answers {@code 6C xx}.
 * Not thread-safe; {@link VpcdCard} calls it from one thread.
 */
public final class VirtualSsCard {

    /** A T=0 ATR (the one platform-recipes §4 verified with pcscd and vpcd). */
    public static final byte[] ATR = {0x3B, 0x02, 0x14, 0x50};

    private final SsCardFixture fixture;
    private final Map<SsFile, List<byte[]>> files = new EnumMap<>(SsFile.class);
    private final Random random = new Random(7);
    private boolean ssseSelected;
    private SsFile current;
    private byte[] pending;

    public VirtualSsCard(SsCardFixture fixture) {
        this.fixture = fixture;
        SsCard c = fixture.card();
        int generation = c.generation();
        List<byte[]> ef05 = new ArrayList<>();
        for (SsItem item : List.of(SsItem.CARD_IDENTIFIER, SsItem.CARD_TYPE, SsItem.SPEC_VERSION, SsItem.ISSUER_CODE,
                SsItem.ISSUE_DATE, SsItem.EXPIRY_DATE, SsItem.CARD_NUMBER)) {
            ef05.add(SsRecords.record(item, value(item, c)));
        }
        List<SsItem> ef06Items = new ArrayList<>(List.of(SsItem.SOCIAL_SECURITY_NUMBER, SsItem.NAME));
        if (generation >= 2) {
            ef06Items.add(SsItem.NAME_EXTENSION);
        }
        ef06Items.addAll(List.of(SsItem.SEX, SsItem.NATION, SsItem.BIRTH_PLACE, SsItem.BIRTH_DATE));
        List<byte[]> ef06 = new ArrayList<>();
        for (SsItem item : ef06Items) {
            ef06.add(SsRecords.record(item, value(item, c)));
        }
        files.put(SsFile.EF05, ef05);
        files.put(SsFile.EF06, ef06);
    }

    private byte[] value(SsItem item, SsCard c) {
        int len = fixture.length(item);
        return switch (item) {
            case CARD_IDENTIFIER -> HexFormat.of().parseHex(c.cardIdentifier());
            case CARD_TYPE -> new byte[] {'1'};
            case SPEC_VERSION -> ascii(c.specVersion(), len);
            case ISSUER_CODE -> ascii(c.birthPlace() + "000000", len);
            case ISSUE_DATE -> SsRecords.bcdDate(c.issueDate());
            case EXPIRY_DATE -> SsRecords.bcdDate(c.expiryDate());
            case CARD_NUMBER -> ascii(c.cardNumber(), len);
            case SOCIAL_SECURITY_NUMBER -> ascii(c.idNumber(), len);
            case NAME -> SsRecords.gbkPadded(c.name(), len);
            case NAME_EXTENSION -> new byte[len];
            case SEX -> new byte[] {(byte) c.sex().code()};
            case NATION -> new byte[] {(byte) Integer.parseInt(c.nationCode())};
            case BIRTH_PLACE -> HexFormat.of().parseHex(c.birthPlace());
            case BIRTH_DATE -> SsRecords.bcdDate(c.birthDate());
        };
    }

    private static byte[] ascii(String s, int len) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), len);
    }

    /** Power on or reset: nothing selected. */
    public void reset() {
        ssseSelected = false;
        current = null;
        pending = null;
    }

    /** The response APDU (data + SW1 SW2) to {@code apdu}. */
    public byte[] process(byte[] apdu) {
        if (apdu.length < 4) {
            return new StatusWord(0x67, 0x00).bytes(); // wrong length
        }
        if (apdu[0] != 0x00) {
            return StatusWord.CLA_NOT_SUPPORTED.bytes();
        }
        int ins = apdu[1] & 0xFF;
        int p1 = apdu[2] & 0xFF;
        int p2 = apdu[3] & 0xFF;
        if (ins != Apdus.INS_GET_RESPONSE) {
            pending = null;
        }
        return switch (ins) {
            case Apdus.INS_SELECT -> select(p1, body(apdu));
            case Apdus.INS_READ_RECORD -> readRecord(p1, p2, le(apdu));
            case Apdus.INS_GET_RESPONSE -> getResponse(le(apdu));
            case Apdus.INS_GET_CHALLENGE -> {
                byte[] challenge = new byte[8];
                random.nextBytes(challenge);
                yield ok(challenge);
            }
            default -> StatusWord.INS_NOT_SUPPORTED.bytes();
        };
    }

    private byte[] select(int p1, byte[] data) {
        if (p1 == 0x04) {
            if (!fixture.socialSecurity() || !Arrays.equals(data, Apdus.SSSE_NAME)) {
                return StatusWord.FILE_NOT_FOUND.bytes();
            }
            ssseSelected = true;
            current = null;
            byte[] fci = Apdus.concat(new byte[] {0x6F, (byte) (data.length + 2), (byte) 0x84, (byte) data.length}, data);
            pending = fci;
            return new byte[] {0x61, (byte) fci.length};
        }
        if (p1 == 0x02 && data.length == 2 && ssseSelected && fixture.selectByFileId()) {
            int fid = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            for (SsFile f : SsFile.values()) {
                if (f.fileId() == fid) {
                    current = f;
                    return StatusWord.OK.bytes();
                }
            }
        }
        return StatusWord.FILE_NOT_FOUND.bytes();
    }

    private byte[] readRecord(int p1, int p2, int le) {
        if (!ssseSelected) {
            return StatusWord.CONDITIONS_NOT_SATISFIED.bytes();
        }
        byte[] record;
        if ((p2 & 0x07) == 0x04) {
            int sfi = p2 >> 3;
            if (sfi != 0 && !fixture.readBySfi()) {
                return StatusWord.FILE_NOT_FOUND.bytes(); // this card knows its files only by id
            }
            SsFile file = sfi == 0 ? current : sfiFile(sfi);
            if (file == null) {
                return StatusWord.FILE_NOT_FOUND.bytes();
            }
            current = file; // READ RECORD by SFI also selects the file (ISO 7816-4)
            List<byte[]> records = files.get(file);
            record = p1 >= 1 && p1 <= records.size() ? records.get(p1 - 1) : null;
        } else if (p2 == 0x00 && fixture.selectByFileId()) {
            if (current == null) {
                return StatusWord.CONDITIONS_NOT_SATISFIED.bytes();
            }
            record = files.get(current).stream().filter(r -> (r[0] & 0xFF) == p1).findFirst().orElse(null);
        } else {
            return StatusWord.WRONG_P1P2.bytes();
        }
        if (record == null) {
            return StatusWord.RECORD_NOT_FOUND.bytes();
        }
        if (fixture.withheld().stream().anyMatch(i -> i.tag() == (record[0] & 0xFF))) {
            return StatusWord.SECURITY_NOT_SATISFIED.bytes();
        }
        if (le != record.length) {
            return new byte[] {0x6C, (byte) record.length};
        }
        return ok(record);
    }

    private static SsFile sfiFile(int sfi) {
        for (SsFile f : SsFile.values()) {
            if (f.sfi() == sfi) {
                return f;
            }
        }
        return null;
    }

    private byte[] getResponse(int le) {
        if (pending == null) {
            return StatusWord.CONDITIONS_NOT_SATISFIED.bytes();
        }
        if (le != pending.length) {
            return new byte[] {0x6C, (byte) pending.length};
        }
        byte[] r = pending;
        pending = null;
        return ok(r);
    }

    private static byte[] ok(byte[] data) {
        return Apdus.concat(data, StatusWord.OK.bytes());
    }

    /** Command data of a case-3/4 APDU; empty for case 1/2. */
    private static byte[] body(byte[] apdu) {
        if (apdu.length <= 5) {
            return new byte[0];
        }
        int lc = apdu[4] & 0xFF;
        return Arrays.copyOfRange(apdu, 5, Math.min(apdu.length, 5 + lc));
    }

    /** Le of a case-2 APDU (P3); 0 means 256. */
    private static int le(byte[] apdu) {
        int le = apdu.length >= 5 ? apdu[apdu.length - 1] & 0xFF : 0;
        return le == 0 ? 256 : le;
    }
}
