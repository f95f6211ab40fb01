package cn.yzz.kiosk.cache.sync;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The 网络 page's check of the way to the county backend, one step after the other, each with what it found and,
 * when it fails, the cause and the fix in words a village administrator can act on: {@link Check#INTERFACE} (a
 * network interface with an address), {@link Check#DNS}, {@link Check#TCP} (5 s), {@link Check#TLS} (the pinned
 * key), {@link Check#HTTP} (is it the county API, or a login page or proxy), {@link Check#TOKEN} (an authenticated
 * {@code GET /catalog}: are this kiosk's credentials taken) and {@link Check#CLOCK} (the backend's {@code Date}
 * against this kiosk's clock, 5 minutes at most). After a failure the later steps are {@link Outcome#NOT_CHECKED}.
 *
 * <p>{@link #run} blocks for up to {@link #DEADLINE} in all: call it off the JavaFX thread. It sends nothing but the
 * one authenticated GET (no heartbeat: a heartbeat's commands belong to the sync engine), and no result or log line
 * holds the token.
 */
public final class NetworkDiagnosis {

    /** The steps, in the order they run. */
    public enum Check {
        INTERFACE("网络接口"), DNS("域名解析"), TCP("连接后台"), TLS("加密与公钥"), HTTP("后台应答"), TOKEN("终端凭据"), CLOCK("时钟");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        /** The step's name on the checklist. */
        public String label() {
            return label;
        }
    }

    public enum Outcome {
        OK,
        FAILED,
        /** Not run, because an earlier step failed (or the time was up). */
        NOT_CHECKED,
        /** Nothing to check for this backend: no interface or DNS for one on this machine, no TLS over plain http. */
        NOT_APPLICABLE
    }

    /**
     * One step's result.
     *
     * @param detail what was found, one line (also when OK)
     * @param cause  when FAILED: what is wrong, in plain words; otherwise null
     * @param fix    when FAILED: what the administrator can do; otherwise null
     */
    public record Result(Check check, Outcome outcome, String detail, String cause, String fix) {
        public Result {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }

        public boolean failed() {
            return outcome == Outcome.FAILED;
        }
    }

    /**
     * The whole run: one result per {@link Check}, in order, and how far the backend's clock is ahead of this kiosk's
     * ({@code skew}: negative when this kiosk is fast; null when the clock was not compared), which 校准时钟 corrects by.
     */
    public record Report(List<Result> results, Duration skew) {
        public Report {
            results = List.copyOf(results);
        }

        /** How far the backend's clock is ahead of this kiosk's, when it was compared. */
        public Optional<Duration> clockSkew() {
            return Optional.ofNullable(skew);
        }

        /** Every step passed or did not apply. */
        public boolean ok() {
            return results.stream().allMatch(r -> r.outcome() == Outcome.OK || r.outcome() == Outcome.NOT_APPLICABLE);
        }

        /** The step that failed, if one did. */
        public Optional<Result> failure() {
            return results.stream().filter(Result::failed).findFirst();
        }

        public Result result(Check check) {
            return results.stream().filter(r -> r.check() == check).findFirst().orElseThrow();
        }
    }

    /** The longest a whole run takes. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(NetworkDiagnosis.class.getName());
    private static final String CALL_COUNTY = "仍不行请联系县里";

    private final EnrollmentFile enrollment;
    private final Clock clock;
    private final Duration deadline;
    private final Supplier<List<String>> interfaces;

    /**
     * @param enrollment the kiosk's enrollment: the backend's address, its pins, the kiosk id and token
     * @param clock      this kiosk's clock, compared with the backend's
     */
    public NetworkDiagnosis(EnrollmentFile enrollment, Clock clock) {
        this(enrollment, clock, DEADLINE, NetworkDiagnosis::usableInterfaces);
    }

    /** With the interfaces given ({@code "eth0 192.168.1.23"} each) instead of the machine's: tests. */
    NetworkDiagnosis(EnrollmentFile enrollment, Clock clock, Duration deadline, Supplier<List<String>> interfaces) {
        this.enrollment = Objects.requireNonNull(enrollment, "enrollment");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
    }

    /**
     * Runs every step in order and gives each result to {@code each} as it finishes (on this thread), so that a screen
     * can tick them off. Blocks up to {@link #DEADLINE}.
     */
    public Report run(Consumer<Result> each) {
        Run r = new Run(each);
        try {
            r.all();
        } finally {
            r.closeSocket();
        }
        Report report = new Report(r.results, r.skew);
        LOG.log(System.Logger.Level.INFO, "network diagnosis of {0}: {1}", enrollment.backendUrl(),
                report.failure().map(f -> f.check() + " failed: " + f.cause()).orElse("all passed"));
        return report;
    }

    /** One run's state: the target, what was found so far, and the time left. */
    private final class Run {
        final Consumer<Result> each;
        final List<Result> results = new ArrayList<>();
        Duration skew;
        final long end = System.nanoTime() + deadline.toNanos();
        String scheme;
        String host;
        int port;
        boolean loopback;
        List<InetAddress> addresses = List.of();
        Socket socket;

        Run(Consumer<Result> each) {
            this.each = Objects.requireNonNull(each, "each");
        }

        void all() {
            try {
                URI u = new URI(enrollment.backendUrl().strip());
                scheme = u.getScheme().toLowerCase(Locale.ROOT);
                host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
                port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
                loopback = host.equalsIgnoreCase("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
            } catch (URISyntaxException | RuntimeException e) {
                fail(Check.INTERFACE, "后台地址 " + enrollment.backendUrl() + " 无效", "后台地址 " + enrollment.backendUrl()
                        + " 不是有效的网址", "请联系县里要正确的后台地址，用 kioskctl enroll 重新登记");
            }
            for (Check c : Check.values()) {
                if (results.stream().anyMatch(r -> r.check() == c)) {
                    continue; // TOKEN and CLOCK are told by the HTTP step, from the same answer
                }
                if (!results.isEmpty() && results.get(results.size() - 1).outcome() == Outcome.FAILED
                        || !results.isEmpty() && results.get(results.size() - 1).outcome() == Outcome.NOT_CHECKED) {
                    tell(new Result(c, Outcome.NOT_CHECKED, "前面一项没通过，这一项没有检查", null, null));
                } else if (Thread.currentThread().isInterrupted()) {
                    tell(new Result(c, Outcome.NOT_CHECKED, "检查被取消", null, null));
                } else if (remaining().isZero()) {
                    fail(c, "检查超过了 " + deadline.toSeconds() + " 秒", "网络太慢，检查在 " + deadline.toSeconds()
                            + " 秒内没有做完", "请检查网线和路由器，稍后再检查一次；" + CALL_COUNTY);
                } else {
                    switch (c) {
                        case INTERFACE -> networkInterface();
                        case DNS -> dns();
                        case TCP -> tcp();
                        case TLS -> tls();
                        default -> httpTokenAndClock();
                    }
                }
            }
        }

        Duration remaining() {
            long left = end - System.nanoTime();
            return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
        }

        Duration atMost(Duration step) {
            Duration left = remaining();
            return left.compareTo(step) < 0 ? left : step;
        }

        void tell(Result r) {
            results.add(r);
            try {
                each.accept(r);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the diagnosis' listener failed", e);
            }
        }

        void ok(Check c, String detail) {
            tell(new Result(c, Outcome.OK, detail, null, null));
        }

        void fail(Check c, String detail, String cause, String fix) {
            tell(new Result(c, Outcome.FAILED, detail, cause, fix));
        }

        // ---- the steps ----

        void networkInterface() {
            if (loopback) {
                tell(new Result(Check.INTERFACE, Outcome.NOT_APPLICABLE, "后台在本机（" + host + "），不经过网络", null, null));
                return;
            }
            List<String> up;
            try {
                up = interfaces.get();
            } catch (RuntimeException e) {
                fail(Check.INTERFACE, "读不到网络接口：" + e.getMessage(), "这台终端读不到自己的网络接口",
                        "请重启终端后再检查一次；" + CALL_COUNTY);
                return;
            }
            if (up.isEmpty()) {
                fail(Check.INTERFACE, "没有一个网口或无线网有地址", "终端没有连上网络：网线没插好或路由器没开",
                        "请检查网线两头是否插好、路由器是否开着（灯亮），再检查一次；" + CALL_COUNTY);
                return;
            }
            ok(Check.INTERFACE, String.join("；", up));
        }

        void dns() {
            if (host.matches("[\\d.]+") || host.contains(":")) {
                addresses = List.of(parseLiteral(host));
                tell(new Result(Check.DNS, Outcome.NOT_APPLICABLE, "后台地址是 IP 地址 " + host + "，不用解析", null, null));
                return;
            }
            // The JDK's resolver has no timeout of its own: it runs on a thread of its own, waited for at most so long.
            FutureTask<InetAddress[]> lookup = new FutureTask<>(() -> InetAddress.getAllByName(host));
            Thread t = new Thread(lookup, "kiosk-diagnosis-dns");
            t.setDaemon(true);
            t.start();
            Duration wait = atMost(DNS_TIMEOUT);
            try {
                addresses = List.of(lookup.get(wait.toMillis(), TimeUnit.MILLISECONDS));
                ok(Check.DNS, host + " → " + String.join("、", addresses.stream().map(InetAddress::getHostAddress).toList()));
            } catch (TimeoutException e) {
                fail(Check.DNS, "查 " + host + " 的地址 " + wait.toSeconds() + " 秒没有回答", "域名解析超时：路由器可能没连上外网",
                        "请重启路由器，等灯正常后再检查一次；" + CALL_COUNTY + "或网络运营商");
            } catch (ExecutionException e) {
                boolean unknown = e.getCause() instanceof UnknownHostException;
                fail(Check.DNS, "查不到 " + host + " 的地址" + (unknown ? "" : "（" + e.getCause() + "）"),
                        "域名解析失败：查不到后台 " + host + " 的 IP 地址，路由器可能没连上外网，或后台地址写错了",
                        "请用手机连同一个无线网络试试能否打开网页；能打开则后台地址可能有误，请联系县里核对后用 kioskctl enroll 重新登记");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tell(new Result(Check.DNS, Outcome.NOT_CHECKED, "检查被取消", null, null));
            }
        }

        void tcp() {
            IOException last = null;
            InetAddress tried = null;
            for (InetAddress a : addresses) {
                Duration wait = atMost(CONNECT_TIMEOUT);
                if (wait.isZero()) {
                    break;
                }
                Socket s = new Socket();
                long start = System.nanoTime();
                try {
                    s.connect(new InetSocketAddress(a, port), (int) Math.max(1, wait.toMillis()));
                    socket = s;
                    ok(Check.TCP, "已连上 " + where(a) + "（用时 " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                            + " 毫秒）");
                    return;
                } catch (IOException e) {
                    close(s);
                    last = e;
                    tried = a;
                }
            }
            String at = tried == null ? host + ":" + port : where(tried);
            if (last instanceof ConnectException && String.valueOf(last.getMessage()).contains("refused")) {
                fail(Check.TCP, "连接 " + at + " 被拒绝", "后台 " + at + " 拒绝连接：那台机器在，但后台程序没有在这个端口上运行",
                        "后台可能在维护或停机，不是这台终端的问题；请稍后再检查一次，" + CALL_COUNTY);
            } else if (last instanceof NoRouteToHostException || last instanceof SocketException
                    && String.valueOf(last.getMessage()).contains("unreachable")) {
                fail(Check.TCP, "到 " + at + " 没有网络路线", "网络不通：网线没插好或路由器没开，也可能路由器没连上外网",
                        "请检查网线和路由器，或联系县里");
            } else if (last instanceof SocketTimeoutException || last == null) {
                fail(Check.TCP, "连接 " + at + " " + CONNECT_TIMEOUT.toSeconds() + " 秒没有回应",
                        "连不上后台：网络不通，或被防火墙挡住了", "请检查网线和路由器，或联系县里");
            } else {
                fail(Check.TCP, "连不上 " + at + "：" + last.getMessage(), "连不上县里的后台", "请检查网线和路由器，或联系县里");
            }
        }

        void tls() {
            if (!scheme.equals("https")) {
                tell(new Result(Check.TLS, Outcome.NOT_APPLICABLE, "不加密的 http，只用于本机测试", null, null));
                return;
            }
            Watching trust = new Watching(enrollment.pins().isEmpty() ? systemTrust() : new PinnedTrust(enrollment.pins()));
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {trust}, null);
                socket.setSoTimeout((int) Math.max(1, atMost(ANSWER_TIMEOUT).toMillis()));
                SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
                socket = s;
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name this host, as OkHttp checks
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                s.setSSLParameters(p);
                s.startHandshake();
                String presented = trust.chain == null ? "?" : Pins.of(trust.chain[0].getPublicKey());
                ok(Check.TLS, s.getSession().getProtocol() + "，后台的公钥与登记的一致（" + presented + "）");
            } catch (SocketTimeoutException e) {
                fail(Check.TLS, "加密握手 " + ANSWER_TIMEOUT.toSeconds() + " 秒没有做完", "后台连上了，但加密握手没有回应：网络很差，或者中间有设备拦截",
                        "请稍后再检查一次；" + CALL_COUNTY);
            } catch (IOException | GeneralSecurityException e) {
                tlsFailed(trust, e);
            }
        }

        private void tlsFailed(Watching trust, Exception e) {
            if (trust.chain == null) {
                fail(Check.TLS, "加密握手失败：" + e.getMessage(), "那个地址上回答的不是加密的县里后台（握手没有成功）",
                        "后台地址可能写错（https 或端口），或这条网络要先登录认证；请联系县里核对地址");
            } else if (trust.refused != null) {
                String presented = Pins.of(trust.chain[0].getPublicKey());
                fail(Check.TLS, "后台出示的公钥是 " + presented + "，本终端认的是 " + String.join("、", enrollment.pins()),
                        "后台出示的公钥是 " + presented + "，而本终端认的是 " + String.join(" 或 ", enrollment.pins())
                                + "：连到的不是县里的后台（例如这条网络要先登录认证，或被代理拦截），或者县里换了密钥",
                        "请把这两个指纹告诉县里核对；县里确认换了密钥，就用 kioskctl enroll 带上新的 --pin 重新登记");
            } else {
                fail(Check.TLS, "证书检查没通过：" + e.getMessage(), "后台的公钥对，但它的证书不是给 " + host + " 这个地址的",
                        "请联系县里核对后台地址，用 kioskctl enroll 重新登记");
            }
        }

        void httpTokenAndClock() {
            closeSocket(); // the answer comes over the kiosk's own HTTP client, as the sync engine's does
            Duration wait = atMost(ANSWER_TIMEOUT);
            SyncConfig config = enrollment.syncConfig(EnrollmentFile.isLoopback(enrollment.backendUrl())
                    ? enrollment.backendUrl() : null).withTimeouts(wait, wait);
            BackendClient.Probe answer;
            Instant sent = clock.instant();
            try {
                answer = new BackendClient(config, clock).probe();
            } catch (BackendException e) {
                fail(Check.HTTP, "没有收到应答：" + e.getMessage(), "后台连上了，但没有应答",
                        "后台可能太忙或出了故障，不是这台终端的问题；请稍后再检查一次，" + CALL_COUNTY);
                return;
            } catch (RuntimeException e) {
                fail(Check.HTTP, "无法发出请求：" + e.getMessage(), "这台终端的后台设置有误", "请联系县里，用 kioskctl enroll 重新登记");
                return;
            }
            Instant received = clock.instant();
            if (!http(answer) || !token(answer)) {
                return;
            }
            clock(answer, sent, received);
        }

        private boolean http(BackendClient.Probe a) {
            int code = a.status();
            String type = a.contentType() == null ? "" : a.contentType().toLowerCase(Locale.ROOT);
            String got = "HTTP " + code + (type.isEmpty() ? "" : "，" + type.split(";")[0].strip());
            if (code >= 300 && code < 400 && code != 304) {
                fail(Check.HTTP, got + "，转到 " + (a.location() == null ? "别处" : a.location()),
                        "请求被转到了别的网页：这通常是网络的登录认证页或代理，不是县里的后台",
                        "如果这条网络要先登录（如运营商的认证页），请用手机或电脑先登录；" + CALL_COUNTY);
                return false;
            }
            if (type.contains("html")) {
                fail(Check.HTTP, got, "收到的是一个网页，不是县里后台的应答：可能是网络的登录认证页或代理页",
                        "如果这条网络要先登录，请用手机或电脑先登录；否则后台地址可能有误，请联系县里核对");
                return false;
            }
            if (code == 404) {
                fail(Check.HTTP, got, "这个地址上没有县里的后台接口：后台地址可能写错了",
                        "请联系县里核对后台地址，用 kioskctl enroll 重新登记");
                return false;
            }
            if (code >= 500 || code == 429) {
                fail(Check.HTTP, got, "县里的后台现在忙或出了故障，不是这台终端的问题", "请稍后再检查一次；一直这样请告诉县里");
                return false;
            }
            if (!type.contains("json") && code != 304) {
                fail(Check.HTTP, got, "应答不是县里后台的格式：中间可能有代理或别的服务", "请联系县里核对后台地址");
                return false;
            }
            ok(Check.HTTP, "县里的后台应答了（" + got + "）");
            return true;
        }

        private boolean token(BackendClient.Probe a) {
            if (a.status() == 401 || a.status() == 403) {
                fail(Check.TOKEN, "后台不认终端 " + enrollment.kioskId() + " 的凭据（HTTP " + a.status() + "）",
                        "县里的后台不认这台终端的凭据：凭据已被作废，或这台终端被重新登记过",
                        "请向县里要一个新的注册码，用 kioskctl enroll 重新登记；在那之前终端照常办事，记录都保存在本机");
                return false;
            }
            if (a.status() >= 400) {
                fail(Check.TOKEN, "后台应答 HTTP " + a.status() + "，无法确认凭据", "县里的后台不接受这台终端的请求",
                        "请联系县里");
                return false;
            }
            ok(Check.TOKEN, "终端 " + enrollment.kioskId() + " 的凭据有效");
            return true;
        }

        private void clock(BackendClient.Probe a, Instant sent, Instant received) {
            Instant server;
            try {
                server = a.date() == null ? null
                        : ZonedDateTime.parse(a.date(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                server = null;
            }
            if (server == null) {
                tell(new Result(Check.CLOCK, Outcome.NOT_CHECKED, "后台的应答没有带时间，无法比对时钟", null, null));
                return;
            }
            // The Date header has whole seconds: half a second is the server's own rounding.
            Duration skew = ClockSkew.measure(sent, received, server.plusMillis(500)).skew();
            this.skew = skew;
            if (skew.abs().compareTo(ClockSkew.LIMIT) <= 0) {
                ok(Check.CLOCK, "本机时钟与县里相差 " + span(skew) + "（允许 " + ClockSkew.LIMIT.toMinutes() + " 分钟）");
                return;
            }
            String way = skew.isNegative() ? "快了" : "慢了";
            fail(Check.CLOCK, "本机时钟比县里" + way + " " + span(skew),
                    "本机时钟比县里的" + way + " " + span(skew) + "：收据和记录上的时间会不对",
                    "请把本机的日期和时间调准（最好开启自动对时），然后再检查一次；调不了请联系县里");
        }

        void closeSocket() {
            close(socket);
            socket = null;
        }

        private String where(InetAddress a) {
            return (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
        }
    }

    /** A duration in words: "12 分钟", "3 秒", "2 小时 5 分钟", "3 天". */
    static String span(Duration d) {
        long s = Math.abs(d.toSeconds());
        if (s < 60) {
            return s + " 秒";
        }
        long minutes = Math.round(s / 60.0);
        if (minutes < 60) {
            return minutes + " 分钟";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " 小时" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " 分钟");
        }
        return Math.round(minutes / (24 * 60.0)) + " 天";
    }

    /** Records the chain the server presented and whether the pins refused it, before the handshake fails. */
    private static final class Watching implements X509TrustManager {
        private final X509TrustManager inner;
        volatile X509Certificate[] chain;
        volatile CertificateException refused;

        Watching(X509TrustManager inner) {
            this.inner = inner;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            chain = presented == null || presented.length == 0 ? null : presented.clone();
            try {
                inner.checkServerTrusted(presented, authType);
            } catch (CertificateException e) {
                refused = e;
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType) throws CertificateException {
            throw new CertificateException("the kiosk is never a TLS server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static X509TrustManager systemTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return Arrays.stream(f.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).findFirst().orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this runtime", e);
        }
    }

    private static InetAddress parseLiteral(String ip) {
        try {
            return InetAddress.getByName(ip); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(ip, e);
        }
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a probe's socket: nothing to do
            }
        }
    }

    /** The machine's interfaces that are up, not loopback, with an address that can reach another machine. */
    static List<String> usableInterfaces() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!n.isUp() || n.isLoopback()) {
                    continue;
                }
                List<String> usable = n.getInterfaceAddresses().stream().map(InterfaceAddress::getAddress)
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).map(InetAddress::getHostAddress)
                        .toList();
                if (!usable.isEmpty()) {
                    out.add(n.getName() + " " + String.join("、", usable));
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }
}
