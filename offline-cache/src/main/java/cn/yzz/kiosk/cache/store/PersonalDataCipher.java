package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.StoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the personal part of a stored transaction (PIPL Art. 51): AES-256-GCM, a fresh
 * 12-byte nonce per record, the transaction id as associated data (a blob moved to another row
 * does not decrypt). The key is DATA/keys/person.key, 32 raw bytes, created on first use with
 * mode 0600 before any key byte is written; a key file others can read is refused.
 *
 * <pre>
 * blob = version (1 byte) | nonce (12 bytes) | ciphertext | tag (16 bytes)
 * version 1 (schema 1 to 3): plaintext = idNumber UTF-8, 0x00, name UTF-8 (the person only)
 * version 2 (since schema 4): plaintext = UTF-8 JSON {"person": {"idNumber", "name"} or absent, "members": [...] or absent}
 * </pre>
 *
 * Version 2 is the home of all personal data of a transaction: the identified person and the people
 * paid for ({@code data.members}). Blobs written by earlier releases (version 1) still decrypt, as a
 * person without members; nothing rewrites them.
 */
public final class PersonalDataCipher {

    static final String KEY_FILE = "keys/person.key";
    private static final byte V1 = 1;
    private static final byte V2 = 2;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * The personal part of one transaction.
     *
     * @param person  the identified person, or null
     * @param members the value of {@code data.members} as stored (a list of objects), or null when absent
     */
    public record Personal(Person person, Object members) {
        public boolean isEmpty() {
            return person == null && members == null;
        }
    }
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private PersonalDataCipher(SecretKey key) {
        this.key = key;
    }

    /** Loads DATA/keys/person.key, creating it (mode 0600) when absent. */
    public static PersonalDataCipher open(Path dataDir) throws StoreException {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            DataFolderOwner.adopt(dataDir, file.getParent());
            if (!Files.exists(file)) {
                create(dataDir, file);
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new StoreException(StoreException.Kind.STATE, "refusing the personal-data key " + file
                        + ": mode " + PosixFilePermissions.toString(perms) + ", must be rw------- (chmod 600)", null);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != 32) {
                throw new StoreException(StoreException.Kind.STATE,
                        "personal-data key " + file + " has " + bytes.length + " bytes, expected 32", null);
            }
            return new PersonalDataCipher(new SecretKeySpec(bytes, "AES"));
        } catch (IOException e) {
            throw Failures.of("cannot read or create the personal-data key " + file, e);
        } catch (UnsupportedOperationException e) {
            throw new StoreException(StoreException.Kind.STATE, "the data directory must be on a POSIX file system", e);
        }
    }

    private static void create(Path dataDir, Path file) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        // the permissions come with the file's creation, so the key is never readable by others
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            Files.setPosixFilePermissions(tmp, OWNER_ONLY); // in case the umask took bits away from 0600 only
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        DataFolderOwner.adopt(dataDir, tmp);
        try {
            Files.createLink(file, tmp); // never replaces a key another process made meanwhile
        } catch (FileAlreadyExistsException raced) {
            // theirs wins; ours was never used
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Seals the personal part of transaction {@code id} (version 2); null when there is none. */
    public byte[] encrypt(UUID id, Personal personal) throws StoreException {
        if (personal.isEmpty()) {
            return null;
        }
        ObjectNode n = JSON.createObjectNode();
        if (personal.person() != null) {
            ObjectNode p = n.putObject("person");
            p.put("idNumber", personal.person().idNumber());
            p.put("name", personal.person().name());
        }
        if (personal.members() != null) {
            n.set("members", JSON.valueToTree(personal.members()));
        }
        try {
            return seal(V2, id, JSON.writeValueAsBytes(n));
        } catch (JsonProcessingException e) {
            throw new StoreException(StoreException.Kind.STATE, "cannot write the personal data of " + id, e);
        }
    }

    /**
     * The version-1 blob of releases up to schema 3 (the person only). The store no longer writes it; tests
     * use it to build databases as those releases left them.
     */
    public byte[] encrypt(UUID id, Person person) throws StoreException {
        return seal(V1, id, (person.idNumber() + "\0" + person.name()).getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a blob of either version. */
    public Personal decryptPersonal(UUID id, byte[] blob) throws StoreException {
        if (blob.length < 1 + NONCE + TAG_BITS / 8 || (blob[0] != V1 && blob[0] != V2)) {
            throw new StoreException(StoreException.Kind.CORRUPT, "personal data of " + id + " is not a version-1 or -2 blob", null);
        }
        byte[] plain = open(id, blob);
        if (blob[0] == V1) {
            String s = new String(plain, StandardCharsets.UTF_8);
            int cut = s.indexOf('\0');
            return new Personal(new Person(s.substring(0, cut), s.substring(cut + 1)), null);
        }
        try {
            JsonNode n = JSON.readTree(plain);
            JsonNode p = n.get("person");
            Person person = p == null || p.isNull() ? null : new Person(p.get("idNumber").asText(), p.get("name").asText());
            JsonNode m = n.get("members");
            return new Personal(person, m == null || m.isNull() ? null : JSON.convertValue(m, Object.class));
        } catch (IOException | RuntimeException e) {
            throw new StoreException(StoreException.Kind.CORRUPT, "personal data of " + id + " decrypts to no valid record", e);
        }
    }

    /** The person in a blob of either version. */
    public Person decrypt(UUID id, byte[] blob) throws StoreException {
        return decryptPersonal(id, blob).person();
    }

    private byte[] seal(byte version, UUID id, byte[] plain) throws StoreException {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(version, id));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(version).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreException.Kind.STATE, "cannot encrypt personal data", e);
        }
    }

    private byte[] open(UUID id, byte[] blob) throws StoreException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, NONCE));
            c.updateAAD(aad(blob[0], id)); // from version 2 the version byte is authenticated too
            return c.doFinal(blob, 1 + NONCE, blob.length - 1 - NONCE);
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreException.Kind.CORRUPT,
                    "personal data of " + id + " does not decrypt (wrong key or altered)", e);
        }
    }

    /** Version 1: the transaction id; version 2: the version byte, then the transaction id. */
    private static byte[] aad(byte version, UUID id) {
        byte[] ascii = id.toString().getBytes(StandardCharsets.US_ASCII);
        return version == V1 ? ascii : ByteBuffer.allocate(1 + ascii.length).put(version).put(ascii).array();
    }
}
