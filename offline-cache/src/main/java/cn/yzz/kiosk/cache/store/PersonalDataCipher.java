package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.StoreException;
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
 * blob = version (1 byte, 1) | nonce (12 bytes) | ciphertext of idNumber UTF-8, 0x00, name UTF-8 | tag (16 bytes)
 * </pre>
 */
public final class PersonalDataCipher {

    static final String KEY_FILE = "keys/person.key";
    private static final byte VERSION = 1;
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
            if (!Files.exists(file)) {
                create(file);
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

    private static void create(Path file) throws IOException {
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
        try {
            Files.createLink(file, tmp); // never replaces a key another process made meanwhile
        } catch (FileAlreadyExistsException raced) {
            // theirs wins; ours was never used
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public byte[] encrypt(UUID id, Person person) throws StoreException {
        byte[] plain = (person.idNumber() + "\0" + person.name()).getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(id));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreException.Kind.STATE, "cannot encrypt personal data", e);
        }
    }

    public Person decrypt(UUID id, byte[] blob) throws StoreException {
        if (blob.length < 1 + NONCE + TAG_BITS / 8 || blob[0] != VERSION) {
            throw new StoreException(StoreException.Kind.CORRUPT, "personal data of " + id + " is not a version-1 blob", null);
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, NONCE));
            c.updateAAD(aad(id));
            String plain = new String(c.doFinal(blob, 1 + NONCE, blob.length - 1 - NONCE), StandardCharsets.UTF_8);
            int cut = plain.indexOf('\0');
            return new Person(plain.substring(0, cut), plain.substring(cut + 1));
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreException.Kind.CORRUPT,
                    "personal data of " + id + " does not decrypt (wrong key or altered)", e);
        }
    }

    private static byte[] aad(UUID id) {
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
