package cn.yzz.kiosk.admin;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Payments;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.device.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What must never leave the kiosk in a diagnostics bundle, known by value: the enrollment token, the personal-data key
 * (its bytes as base64 and hex), and the ID numbers and names of the people in the store. A log line a careless caller
 * wrote with a full name cannot be recognised by its shape, but it can by the name; {@link #scrub} removes all of these
 * from a text and then masks whatever is ID-shaped. Held only while a bundle is made.
 */
final class Secrets {

    /** People looked at in the store: more than a kiosk's personal data retention ever holds. */
    static final int PEOPLE = 50_000;

    static final String TOKEN_GONE = "[令牌已删除]";
    static final String KEY_GONE = "[密钥已删除]";

    private final List<String> literal = new ArrayList<>();
    private final List<String> literalWords = new ArrayList<>();
    private Pattern keyText;
    private byte[] keyBytes = new byte[0];
    private final Set<String> idNumbers = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    private final Set<Character> firstChars = new HashSet<>();
    private int longestName;
    private final List<String> problems = new ArrayList<>();

    void token(String token) {
        if (token != null && token.length() >= 8) {
            literal.add(token);
            literalWords.add(TOKEN_GONE);
        }
    }

    void key(byte[] key) {
        if (key == null || key.length == 0) {
            return;
        }
        keyBytes = key.clone();
        List<String> forms = new ArrayList<>();
        forms.add(Pattern.quote(Base64.getEncoder().encodeToString(key)));
        forms.add(Pattern.quote(Base64.getEncoder().withoutPadding().encodeToString(key)));
        forms.add(Pattern.quote(Base64.getUrlEncoder().withoutPadding().encodeToString(key)));
        forms.add(Pattern.quote(Base64.getMimeEncoder().encodeToString(key)));
        forms.add(Pattern.quote(HexFormat.of().formatHex(key)));
        // hex in either case, and with separators such as "1a:2b" or "1a 2b"
        forms.add(String.join("[:\\s-]?", HexFormat.of().formatHex(key).split("(?<=\\G..)")));
        keyText = Pattern.compile(String.join("|", forms), Pattern.CASE_INSENSITIVE);
    }

    /** The people of the outbox and of open payments; what cannot be read is noted, not fatal. */
    void people(KioskStore store) {
        try {
            for (OutboxEntry e : store.outbox().list(PEOPLE)) {
                add(e.transaction());
            }
        } catch (StoreException | RuntimeException e) {
            problems.add("读不了离线队列里的人员（" + e.getClass().getSimpleName() + "）：只按号码的样子遮盖");
        }
        try {
            for (Payments.OpenPayment p : store.payments().open()) {
                add(p.draft());
            }
        } catch (StoreException | RuntimeException e) {
            problems.add("读不了未完成的支付（" + e.getClass().getSimpleName() + "）");
        }
    }

    void add(Transaction t) {
        add(t.person());
        if (t.data().get(Transaction.MEMBERS) instanceof List<?> members) {
            for (Object m : members) {
                if (m instanceof Map<?, ?> member) {
                    Object id = member.get("idNumber");
                    Object name = member.get("name");
                    person(id == null ? null : id.toString(), name == null ? null : name.toString());
                }
            }
        }
    }

    void add(Person p) {
        if (p != null) {
            person(p.idNumber(), p.name());
        }
    }

    private void person(String id, String name) {
        if (id != null && id.length() >= 8) {
            idNumbers.add(id.toUpperCase(Locale.ROOT));
        }
        if (name != null && name.strip().length() >= 2) {
            names.add(name.strip());
            firstChars.add(name.strip().charAt(0));
            longestName = Math.max(longestName, name.strip().length());
        }
    }

    List<String> problems() {
        return problems;
    }

    boolean holdsKeyBytes(byte[] data) {
        if (keyBytes.length == 0 || data.length < keyBytes.length) {
            return false;
        }
        outer:
        for (int i = 0; i <= data.length - keyBytes.length; i++) {
            for (int j = 0; j < keyBytes.length; j++) {
                if (data[i + j] != keyBytes[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code text} without the token, the key, the store's ID numbers and names; then anything ID-shaped masked. */
    String scrub(String text) {
        String s = text;
        for (int i = 0; i < literal.size(); i++) {
            s = s.replace(literal.get(i), literalWords.get(i));
        }
        if (keyText != null) {
            s = keyText.matcher(s).replaceAll(KEY_GONE);
        }
        if (!idNumbers.isEmpty()) {
            s = knownNumbers(s);
        }
        if (!names.isEmpty()) {
            s = knownNames(s);
        }
        return IdShaped.mask(s);
    }

    /** Every 18-character run (17 digits and a digit or X) that is a number of the store, wherever it stands. */
    private String knownNumbers(String s) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < s.length() && isDigit(s.charAt(end))) {
                end++;
            }
            if (end < s.length() && (s.charAt(end) == 'X' || s.charAt(end) == 'x')) {
                end++;
            }
            // Only runs long enough to hold a number are looked into: timestamps and counts cost nothing.
            for (int at = i; at + 18 <= end; at++) {
                String candidate = s.substring(at, at + 18).toUpperCase(Locale.ROOT);
                if (idNumbers.contains(candidate)) {
                    if (out == null) {
                        out = new StringBuilder(s.length());
                    }
                    out.append(s, copied, at).append(Mask.number(candidate));
                    copied = at + 18;
                    at += 17;
                }
            }
            i = end;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Every name of the store, longest first where names overlap, masked as everywhere (surname kept). */
    private String knownNames(String s) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < s.length(); i++) {
            if (!firstChars.contains(s.charAt(i))) {
                continue;
            }
            for (int len = Math.min(longestName, s.length() - i); len >= 2; len--) {
                String candidate = s.substring(i, i + len);
                if (names.contains(candidate)) {
                    if (out == null) {
                        out = new StringBuilder(s.length());
                    }
                    out.append(s, copied, i).append(Mask.name(candidate));
                    copied = i + len;
                    i += len - 1;
                    break;
                }
            }
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** Forgets the key's bytes. */
    void clear() {
        Arrays.fill(keyBytes, (byte) 0);
    }
}
