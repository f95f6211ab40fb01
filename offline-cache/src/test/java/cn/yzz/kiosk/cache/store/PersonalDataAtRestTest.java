package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import cn.yzz.kiosk.cache.UuidV7;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataAtRestTest {

    @TempDir
    Path dir;

    @Test
    void rawDatabaseFilesHoldNeitherIdNumberNorNameWhileTheOutboxReturnsThem() throws Exception {
        Person wang = new Person("44010619880101001X", "王建国");
        try (KioskStore store = KioskStore.open(dir, Settings.defaults())) {
            for (int i = 0; i < 50; i++) {
                Transaction t = Transactions.payment(i, i);
                store.outbox().enqueue(new Transaction(t.id(), t.type(), t.serviceCode(), t.createdAt(), t.sessionId(),
                        i % 2 == 0 ? Transactions.LI : wang, t.data(), t.amountFen(), t.cash(), t.receiptNo()));
            }
            // while open, the rows sit in the WAL: grep it as well as the main file
            assertNoPlainText(dir.resolve("kiosk.db"), dir.resolve("kiosk.db-wal"));
            assertThat(store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 100))
                    .extracting(e -> e.transaction().person()).containsOnly(Transactions.LI, wang).hasSize(50);
        }
        assertNoPlainText(dir.resolve("kiosk.db")); // after the checkpoint at close
    }

    private static void assertNoPlainText(Path... files) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            assertThat(f).exists();
            all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)); // byte for byte
        }
        String raw = all.toString();
        for (String secret : new String[] {"440203195103152316", "李秀英", "44010619880101001X", "王建国"}) {
            String asBytes = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            assertThat(raw.contains(asBytes)).as("%s in the raw database files", secret).isFalse();
        }
        assertThat(raw.contains("WJ-0042-20261122-0001"))
                .as("the receipt number is stored in clear, proving the grep sees the rows").isTrue();
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        PersonalDataCipher first = PersonalDataCipher.open(dir);
        Path key = dir.resolve("keys/person.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
        assertThat(Files.size(key)).isEqualTo(32);
        var id = UuidV7.next();
        byte[] blob = first.encrypt(id, Transactions.LI);
        assertThat(PersonalDataCipher.open(dir).decrypt(id, blob)).isEqualTo(Transactions.LI);
    }

    @Test
    void keyFileReadableByOthersIsRefused() throws Exception {
        PersonalDataCipher.open(dir);
        Files.setPosixFilePermissions(dir.resolve("keys/person.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PersonalDataCipher.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("rw-r--r--");
        assertThatThrownBy(() -> KioskStore.open(dir, Settings.defaults())).isInstanceOf(StoreException.class);
    }

    @Test
    void eachRecordGetsItsOwnNonceAndABlobMovedToAnotherIdDoesNotDecrypt() throws Exception {
        PersonalDataCipher cipher = PersonalDataCipher.open(dir);
        var a = UuidV7.next();
        var b = UuidV7.next();
        byte[] one = cipher.encrypt(a, Transactions.LI);
        byte[] two = cipher.encrypt(a, Transactions.LI);
        assertThat(one).isNotEqualTo(two);
        assertThatThrownBy(() -> cipher.decrypt(b, one)).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.CORRUPT);
        one[one.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(a, one)).isInstanceOf(StoreException.class);
    }

    @Test
    void purgeErasesTheBlobFromTheFile() throws Exception {
        var clock = new cn.yzz.kiosk.cache.TestClock(Instant.parse("2026-11-22T02:00:00Z"));
        Transaction t = Transactions.payment(0, 1);
        try (KioskStore store = KioskStore.open(dir, Settings.defaults().withClock(clock))) {
            store.outbox().enqueue(t);
            store.outbox().acknowledge(t.id(), "CNTY-1");
            clock.advance(java.time.Duration.ofDays(31));
            assertThat(store.purgePersonal()).isEqualTo(1);
            assertThat(store.outbox().list(1).get(0).transaction().person()).isNull();
        }
    }

    @Test
    void aHouseholdPaymentsMembersAreNeitherInThePayloadNorInTheFileAndGoWithThePurge() throws Exception {
        var clock = new cn.yzz.kiosk.cache.TestClock(Instant.parse("2026-11-22T02:00:00Z"));
        String[] secrets = {Transactions.MING.idNumber(), Transactions.MING.name(), Transactions.FANG.idNumber(),
                Transactions.FANG.name(), Transactions.LI.idNumber(), Transactions.LI.name()};
        try (KioskStore store = KioskStore.open(dir, Settings.defaults().withClock(clock))) {
            Transaction queued = store.outbox().enqueueReceipted(Transactions.householdQr(0, "ORD-1"), "WJ-0042");
            Transaction draft = Transactions.householdQr(5, null); // journaled, not yet paid
            store.payments().open(draft);
            assertThat(column(store, "SELECT payload FROM outbox") + column(store, "SELECT draft FROM payments"))
                    .contains("ORD-1", "SWJ-0001").doesNotContain(secrets);
            assertNoPlainText(secrets, "WJ-0042-20261122-0001", dir.resolve("kiosk.db"), dir.resolve("kiosk.db-wal"));
            assertThat(store.outbox().list(10).get(0).transaction()).isEqualTo(queued);
            assertThat(store.payments().open().get(0).draft()).isEqualTo(draft);

            store.outbox().acknowledge(queued.id(), "CNTY-1");
            clock.advance(java.time.Duration.ofDays(31));
            assertThat(store.purgePersonal()).isEqualTo(1);
            assertThat(column(store, "SELECT count(*) FROM outbox WHERE person IS NOT NULL")).isEqualTo("0");
            Transaction left = store.outbox().list(10).get(0).transaction();
            assertThat(left.person()).isNull();
            assertThat(left.data()).doesNotContainKey("members");
            assertThat(store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 10)).isEmpty();
        }
    }

    @Test
    void aVersionOneBlobOfAnEarlierReleaseStillDecryptsAndAVersionTwoBlobCannotPassForOne() throws Exception {
        PersonalDataCipher cipher = PersonalDataCipher.open(dir);
        var id = UuidV7.next();
        byte[] v1 = cipher.encrypt(id, Transactions.LI);
        assertThat(cipher.decryptPersonal(id, v1)).isEqualTo(new PersonalDataCipher.Personal(Transactions.LI, null));
        Object members = Transactions.members(Transactions.MING);
        byte[] v2 = cipher.encrypt(id, new PersonalDataCipher.Personal(null, members));
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(cipher.decryptPersonal(id, v2).members()).isEqualTo(members);
        v2[0] = 1;
        assertThatThrownBy(() -> cipher.decryptPersonal(id, v2)).isInstanceOf(StoreException.class);
        assertThat(cipher.encrypt(id, new PersonalDataCipher.Personal(null, null))).as("nothing to seal").isNull();
    }

    private static String column(KioskStore store, String sql) throws Exception {
        return store.database().read(sql, c -> {
            StringBuilder all = new StringBuilder();
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    all.append(rs.getString(1)).append('\n');
                }
            }
            return all.toString().strip();
        });
    }

    private static void assertNoPlainText(String[] secrets, String visible, Path... files) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        String raw = all.toString();
        for (String secret : secrets) {
            String asBytes = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            assertThat(raw.contains(asBytes)).as("%s in the raw database files", secret).isFalse();
        }
        assertThat(raw.contains(visible)).as("the grep sees the rows").isTrue();
    }
}
