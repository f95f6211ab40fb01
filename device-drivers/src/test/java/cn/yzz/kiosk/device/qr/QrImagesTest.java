package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pictures are also written to target/qr-images/ so that a person can look at them. */
class QrImagesTest {

    static final Path OUT = Path.of("target", "qr-images");
    static final String RECEIPT = "https://yzz.gd.gov.cn/verify?no=4418250001&amt=35.00&name=陈**&svc=城乡居民养老保险缴费";

    @BeforeAll
    static void dir() throws IOException {
        Files.createDirectories(OUT);
    }

    @Test
    void chineseTextRoundTripsAtEveryCorrectionLevel() throws Exception {
        for (QrImages.Correction c : QrImages.Correction.values()) {
            BufferedImage img = QrImages.image(RECEIPT, c, 4, 6);
            save(img, "receipt-" + c + ".png");
            QrImages.Decoded d = QrImages.decode(img);
            assertThat(d.text()).isEqualTo(RECEIPT);
            assertThat(d.format()).isEqualTo("QR_CODE");
            assertThat(d.toString()).doesNotContain("verify", "陈");
        }
    }

    @Test
    void theMatrixHasTheQuietZoneAndTheImageIsItScaled() {
        boolean[][] m = QrImages.matrix("粤智助", QrImages.Correction.M, 4);
        int n = m.length;
        assertThat(n).as("version 1 plus 4 modules each side").isEqualTo(21 + 8);
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < 4; q++) {
                assertThat(m[i][q] || m[q][i] || m[i][n - 1 - q] || m[n - 1 - q][i]).as("quiet zone is light").isFalse();
            }
        }
        assertThat(m[4][4]).as("finder pattern corner is dark").isTrue();
        BufferedImage img = QrImages.image("粤智助", QrImages.Correction.M, 4, 10);
        assertThat(img.getWidth()).isEqualTo(n * 10);
        assertThat(img.getRGB(4 * 10 + 5, 4 * 10 + 5) & 0xFFFFFF).isZero();
        assertThat(img.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(QrImages.matrix("粤智助", QrImages.Correction.M, 0)).hasDimensions(21, 21);
    }

    @Test
    void aRotatedScaledPhotoOfACodeOnAGreyBackgroundIsRead() throws Exception {
        BufferedImage code = QrImages.image(RECEIPT, QrImages.Correction.Q, 4, 5);
        BufferedImage photo = new BufferedImage(900, 700, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(0x8A8F96));
        g.fillRect(0, 0, photo.getWidth(), photo.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(450, 350);
        t.rotate(Math.toRadians(27));
        t.scale(0.7, 0.7);
        t.translate(-code.getWidth() / 2.0, -code.getHeight() / 2.0);
        g.drawImage(code, t, null);
        g.dispose();
        save(photo, "receipt-photo-rotated.png");
        assertThat(QrImages.decode(photo).text()).isEqualTo(RECEIPT);
    }

    @Test
    void aPictureWithoutACodeSaysSoPlainly() {
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> QrImages.decode(blank)).isInstanceOf(QrImages.NoCodeFound.class)
                .hasMessageStartingWith("图像中没有找到二维码或条码");
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThatThrownBy(() -> QrImages.image("", QrImages.Correction.M, 4, 4)).hasMessageContaining("needs some text");
        assertThatThrownBy(() -> QrImages.image("x".repeat(8000), QrImages.Correction.H, 4, 1)).hasMessageContaining("too long");
        assertThatThrownBy(() -> QrImages.matrix("x", QrImages.Correction.H, -1)).hasMessageContaining("quietZone");
    }

    static void save(BufferedImage img, String name) throws IOException {
        ImageIO.write(img, "png", OUT.resolve(name).toFile());
    }
}
