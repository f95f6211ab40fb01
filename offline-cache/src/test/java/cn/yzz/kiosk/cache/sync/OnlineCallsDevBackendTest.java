package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.backend.YssCodes;
import cn.yzz.kiosk.cache.Person;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online calls end to end against the real dev-backend, with a test acting as the villager's phone. */
class OnlineCallsDevBackendTest {
    @TempDir Path dir;

    @Test
    void a_qr_order_is_paid_by_opening_its_pay_url_and_household_and_identity_resolve() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir, "7K3Q-92XD", FaultSettings.none())) {
            MutableClock clock = new MutableClock(SyncFixtures.T0);
            Enrollment enrolled = new BackendClient(SyncFixtures.config(backend.url()), clock)
                    .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "ab".repeat(32), "1.0.0"));
            BackendClient client = new BackendClient(SyncConfig.defaults(backend.url(), enrolled.kioskId(), enrolled.token(), true),
                    clock);

            QrOrder order = client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 30000, new Person("440203195103152316", "李秀英"));
            assertThat(client.paymentStatus(order.orderId())).isEqualTo(PaymentStatus.PENDING);
            try (Response phone = new OkHttpClient().newCall(new Request.Builder().url(order.payUrl()).build()).execute()) {
                assertThat(phone.code()).isEqualTo(200);
                assertThat(phone.body().string()).contains("已支付");
            }
            assertThat(client.paymentStatus(order.orderId())).isEqualTo(PaymentStatus.PAID);
            assertThat(client.cancelPayment(order.orderId())).as("paid is final").isEqualTo(PaymentStatus.PAID);

            QrOrder second = client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 18000, null);
            assertThat(client.cancelPayment(second.orderId())).isEqualTo(PaymentStatus.CANCELLED);
            assertThat(catchThrowableOfType(BackendException.class, () -> client.paymentStatus("PO-NONE")).status()).isEqualTo(404);

            List<HouseholdMember> household = client.household("441802198503120035");
            assertThat(household).extracting(HouseholdMember::relation).containsExactly("本人", "妻", "子");
            assertThat(catchThrowableOfType(BackendException.class, () -> client.household("110101199003070011")).status())
                    .isEqualTo(404);

            assertThat(client.resolveIdentity(DevBackend.DEMO_YSS_CODE).idNumber()).isEqualTo("440203195103152316");
            for (YssCodes.Holder h : YssCodes.valid()) {
                assertThat(client.resolveIdentity(h.code()).person()).isEqualTo(new Person(h.idNumber(), h.name()));
            }
            BackendException expired = catchThrowableOfType(BackendException.class, () -> client.resolveIdentity(YssCodes.EXPIRED));
            assertThat(expired.status()).isEqualTo(404);
            assertThat(expired).hasMessageNotContaining(YssCodes.EXPIRED);
            assertThat(catchThrowableOfType(BackendException.class, () -> client.resolveIdentity("YSS-NOPE")).status())
                    .isEqualTo(404);
        }
    }
}
