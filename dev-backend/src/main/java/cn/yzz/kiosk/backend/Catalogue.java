package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;

/** The catalogue the backend serves: the bundled seed, its version, service codes and ETag. */
final class Catalogue {
  private final byte[] json;
  private final String version;
  private final String etag;
  private final Set<String> serviceCodes = new HashSet<>();

  private Catalogue(byte[] json) throws IOException {
    this.json = json;
    JsonNode root = Json.MAPPER.readTree(json);
    version = root.path("version").asText();
    for (JsonNode s : root.path("services")) {
      serviceCodes.add(s.path("code").asText());
    }
    // A strong ETag over the bytes, so any edit of the catalogue changes it even if the version is not bumped.
    etag = "\"" + sha256(json).substring(0, 32) + "\"";
  }

  static Catalogue seed() {
    try (InputStream in = Catalogue.class.getResourceAsStream("seed-catalog.json")) {
      if (in == null) {
        throw new IllegalStateException("seed-catalog.json is missing from the jar");
      }
      return new Catalogue(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] json() {
    return json.clone();
  }

  String version() {
    return version;
  }

  String etag() {
    return etag;
  }

  boolean hasService(String code) {
    return serviceCodes.contains(code);
  }

  /** RFC 9110 If-None-Match: "*" or any listed tag (weak comparison) matches. */
  boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
