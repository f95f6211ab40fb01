package cn.yzz.kiosk.demo.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The villager's phone on a sandbox backend (sync-api.md, "Sandbox backends"): it opens the code it
 * scanned with an HTTP GET, which pays the order. It uses its own mobile data, not the village line.
 */
final class Phone {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** Opens {@code payUrl}; fails unless the backend answers 2xx. */
    void pay(String payUrl) {
        open(payUrl);
    }

    /** Opens the page a printout's QR code names, as a phone checks a document; returns the page, fails unless 2xx. */
    String verify(String url) {
        return open(url);
    }

    private String open(String payUrl) {
        URI uri;
        try {
            uri = URI.create(payUrl);
        } catch (IllegalArgumentException e) {
            throw new JourneyFailed("the QR code on screen is not a URL: " + payUrl);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new JourneyFailed("the QR code on screen is not a web address: " + payUrl);
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new JourneyFailed("the phone opened " + payUrl + " and the backend answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new JourneyFailed("the phone could not open " + payUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailed("interrupted");
        }
    }
}
