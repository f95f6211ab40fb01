package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import okhttp3.CertificatePinner;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class PinsTest {

    private static final String GOOD = "sha256/" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aPinIsTheSameAsOkHttpsForTheSameKey() {
        HeldCertificate c = new HeldCertificate.Builder().build();
        assertThat(Pins.of(c.certificate().getPublicKey())).isEqualTo(CertificatePinner.pin(c.certificate()));
    }

    @Test
    void aWellFormedPinIsKeptAndOneWithoutPaddingIsSpelledWithIt() {
        assertThat(Pins.check(" " + GOOD + " ")).isEqualTo(GOOD);
        assertThat(Pins.check(GOOD.substring(0, GOOD.length() - 1))).isEqualTo(GOOD);
        assertThat(Pins.checkAll(List.of(GOOD, GOOD.substring(0, GOOD.length() - 1)))).containsExactly(GOOD);
    }

    @Test
    void malformedPinsAreRefusedInWordsThatSayWhy() {
        assertThatThrownBy(() -> Pins.check("sha1/" + GOOD.substring(7))).hasMessageContaining("sha256/ 开头");
        assertThatThrownBy(() -> Pins.check("sha256/not base64!")).hasMessageContaining("不是 base64");
        String short31 = "sha256/" + Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> Pins.check(short31)).hasMessageContaining("31 字节").hasMessageContaining("32 字节");
        assertThatThrownBy(() -> Pins.check(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
