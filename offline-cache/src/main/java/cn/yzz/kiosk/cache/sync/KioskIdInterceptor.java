package cn.yzz.kiosk.cache.sync;

import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Adds {@code X-Kiosk-Id} to every request except those tagged {@link Unauthenticated} (enroll). */
final class KioskIdInterceptor implements Interceptor {

    private final Supplier<String> kioskId;

    KioskIdInterceptor(Supplier<String> kioskId) {
        this.kioskId = kioskId;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String id = kioskId.get();
        if (request.tag(Unauthenticated.class) != null || id == null) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().header("X-Kiosk-Id", id).build());
    }
}
