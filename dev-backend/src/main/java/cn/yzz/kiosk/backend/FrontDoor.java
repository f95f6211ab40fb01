package cn.yzz.kiosk.backend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one HttpHandler: counts the request, applies the "before" faults, reads the body, routes,
 * then applies the "after" faults while writing. Routes never touch the exchange, so a fault can
 * act after a commit without the route knowing.
 */
final class FrontDoor implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(FrontDoor.class.getName());
    private static final Pattern QUERY = Pattern.compile("/api/v1/services/([^/]+)/query");
    private static final Pattern PAYMENT = Pattern.compile("/api/v1/payments/([^/]+)");
    private static final Pattern DEV_PAY = Pattern.compile("/dev/pay/([^/]+)");
    private static final Pattern DEV_VERIFY = Pattern.compile("/dev/verify/([^/]+)");
    private static final Pattern DEV_QUERY_KNOBS = Pattern.compile("/dev/query-knobs");

    private final Map<String, Route> posts;
    private final Map<String, Route> gets;
    private final QueryRoute queries;
    private final PaymentRoutes payments;
    private final Faults faults;
    private final BodyReader bodies;
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    FrontDoor(Map<String, Route> posts, Map<String, Route> gets, QueryRoute queries, PaymentRoutes payments,
            Faults faults, BodyReader bodies) {
        this.posts = Map.copyOf(posts);
        this.gets = Map.copyOf(gets);
        this.queries = queries;
        this.payments = payments;
        this.faults = faults;
        this.bodies = bodies;
    }

    int requestsSeen(String path) {
        AtomicInteger n = seen.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        seen.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try {
            serve(ex, path);
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "request " + ex.getRequestMethod() + " " + path + " failed", e);
            throw e;
        } finally {
            ex.close();
        }
    }

    private void serve(HttpExchange ex, String path) throws IOException {
        FaultSettings settings = faults.get();
        if (settings.appliesTo(path)) {
            ReplyWriter.sleep(settings.delay().toMillis());
        }
        Faults.Plan plan = faults.planBefore(path);
        Request req;
        try {
            req = new Request(ex.getRequestMethod(), path, ex.getRequestHeaders(), bodies.read(ex));
        } catch (BodyReader.Refused r) {
            ReplyWriter.write(ex, r.reply, Faults.After.NORMAL, settings.slowBodyTime());
            return;
        }
        Reply early = switch (plan) {
            case DROP_BEFORE_COMMIT -> null;
            case ERROR_500 -> Reply.problem(500, "injected-error", "Internal Server Error", "injected fault: error-rate");
            case STATUS_429 -> Reply.problem(429, "too-many-requests", "Too Many Requests", "injected fault: 429")
                    .header("Retry-After", Integer.toString(settings.retryAfterSec()));
            case STATUS_503 -> Reply.problem(503, "unavailable", "Service Unavailable", "injected fault: 503")
                    .header("Retry-After", Integer.toString(settings.retryAfterSec()));
            case NORMAL -> null;
        };
        if (plan == Faults.Plan.DROP_BEFORE_COMMIT) {
            ReplyWriter.drop(ex);
            return;
        }
        if (early != null) {
            ReplyWriter.write(ex, early, Faults.After.NORMAL, settings.slowBodyTime());
            return;
        }
        Reply reply = route(req);
        ReplyWriter.write(ex, reply, faults.planAfter(path), settings.slowBodyTime());
    }

    private Reply route(Request req) {
        try {
            Matcher q = QUERY.matcher(req.path());
            boolean isPost = req.method().equals("POST");
            boolean isGet = req.method().equals("GET");
            if (q.matches()) {
                return isPost ? queries.query(req, q.group(1)) : notAllowed("POST");
            }
            Route post = posts.get(req.path());
            Route get = gets.get(req.path());
            if (post != null) {
                return isPost ? post.handle(req) : notAllowed("POST");
            }
            if (get != null) {
                return isGet ? get.handle(req) : notAllowed("GET");
            }
            Matcher pay = PAYMENT.matcher(req.path());
            if (pay.matches()) {
                return switch (req.method()) {
                    case "GET" -> payments.status(req, pay.group(1));
                    case "DELETE" -> payments.cancel(req, pay.group(1));
                    default -> notAllowed("GET, DELETE");
                };
            }
            Matcher devPay = DEV_PAY.matcher(req.path());
            if (devPay.matches()) {
                return isGet ? payments.devPay(devPay.group(1)) : notAllowed("GET");
            }
            Matcher verify = DEV_VERIFY.matcher(req.path());
            if (verify.matches()) {
                return isGet ? queries.verifyPage(verify.group(1)) : notAllowed("GET");
            }
            if (DEV_QUERY_KNOBS.matcher(req.path()).matches()) {
                return queries.knobsRoute(req);
            }
            return Reply.problem(404, "not-found", "Not Found", "no endpoint " + req.path());
        } catch (Exception e) {
            // A real failure (SQLite, a bug): the batch was rolled back, so "nothing known" is the truth.
            LOG.log(Level.SEVERE, "handler failed for " + req.path(), e);
            return Reply.problem(500, "internal", "Internal Server Error", e.toString());
        }
    }

    private static Reply notAllowed(String allow) {
        return Reply.problem(405, "method-not-allowed", "Method Not Allowed", "use " + allow).header("Allow", allow);
    }
}
