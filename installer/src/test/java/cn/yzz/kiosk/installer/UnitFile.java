package cn.yzz.kiosk.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file read as systemd reads the simple ones: sections, keys, values in order (no continuations). */
record UnitFile(Map<String, List<String>> values) {

    static UnitFile read(Path file) throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.indexOf(']'));
                continue;
            }
            int eq = line.indexOf('=');
            values.computeIfAbsent(section + "." + line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return new UnitFile(values);
    }

    /** The last value of {@code Section.Key}, as systemd takes it for single-valued settings. */
    String get(String key) {
        List<String> v = values.getOrDefault(key, List.of());
        if (v.isEmpty()) {
            throw new AssertionError("the unit has no " + key);
        }
        return v.get(v.size() - 1);
    }

    /** Every value of a list setting such as {@code Unit.After}, split on spaces. */
    List<String> all(String key) {
        return values.getOrDefault(key, List.of()).stream().flatMap(v -> List.of(v.split("\\s+")).stream()).toList();
    }

    /** A time span such as {@code 2}, {@code 2s} or {@code 500ms}, in milliseconds. */
    long millis(String key) {
        String v = get(key);
        if (v.endsWith("ms")) {
            return Long.parseLong(v.substring(0, v.length() - 2));
        }
        return Math.round(Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * 1000);
    }
}
