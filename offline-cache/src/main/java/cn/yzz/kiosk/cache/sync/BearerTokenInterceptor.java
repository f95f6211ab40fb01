package cn.yzz.kiosk.cache.sync;

import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Adds {@code Authorization: Bearer} to every request except those tagged {@link Unauthenticated} (enroll). */
final class BearerTokenInterceptor implements Interceptor {

    private final Supplier<String> token;

    BearerTokenInterceptor(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String t = token.get();
        if (request.tag(Unauthenticated.class) != null || t == null) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().header("Authorization", "Bearer " + t).build());
    }
}
