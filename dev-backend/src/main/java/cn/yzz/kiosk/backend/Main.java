package cn.yzz.kiosk.backend;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code ./kiosk backend [--port N] [--data DIR] [--enroll-code CODE]… [--faults SPEC]}: runs until Ctrl-C. */
public final class Main {
  private static final String USAGE = "usage: ./kiosk backend [--port N] [--data DIR] [--enroll-code CODE]... [--faults SPEC]\n"
      + "  faults: delay=200ms,error-rate=0.2,429=0.1,503=0.1,retry-after=2,drop-before-commit=0.1,\n"
      + "          drop-after-commit=0.3,malformed=0.1,slow-body=0.1,slow-body-time=2s,seed=42,only=transactions:batch|heartbeat,max-rps=50";

  private Main() {}

  /** The parsed command line. */
  record Options(int port, Path data, List<String> codes, FaultSettings faults, boolean help) {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("dev-backend: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (o.help()) {
      System.out.println(USAGE);
      return;
    }
    List<String> codes = new ArrayList<>(o.codes());
    if (codes.isEmpty()) {
      codes.add(freshCode());
    }
    DevBackend backend = DevBackend.start(o.port(), o.data(), codes, o.faults(), DevBackend.DEFAULT_MAX_BODY_BYTES);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      backend.close();
      stopped.countDown();
    }, "dev-backend-shutdown"));
    System.out.println("dev-backend listening on " + backend.url() + "  (endpoints under /api/v1)");
    System.out.println("data directory: " + backend.dataDir() + (o.data() == null ? " (temporary)" : ""));
    for (String c : codes) {
      System.out.println("enrollment code: " + c);
    }
    System.out.println("faults: " + (o.faults().equals(FaultSettings.none()) ? "none" : o.faults()));
    System.out.println("Ctrl-C stops it.");
    System.out.flush();
    stopped.await();
  }

  /** Parses the options; IllegalArgumentException names what is wrong. */
  static Options parse(String[] args) {
    int port = 8080;
    Path data = null;
    List<String> codes = new ArrayList<>();
    FaultSettings faults = FaultSettings.none();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> {
          String v = value(args, ++i);
          try {
            port = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port: '" + v + "' is not a number", e);
          }
          if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " is not a TCP port");
          }
        }
        case "--data" -> data = Path.of(value(args, ++i));
        case "--enroll-code" -> codes.add(value(args, ++i));
        case "--faults" -> faults = FaultSettings.parse(value(args, ++i));
        case "-h", "--help" -> {
          return new Options(port, data, codes, faults, true);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(port, data, List.copyOf(codes), faults, false);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** A code like 7K3Q-92XD, from letters and digits that cannot be misread (no 0/O, 1/I). */
  static String freshCode() {
    String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    SecureRandom r = new SecureRandom();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        b.append('-');
      }
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
