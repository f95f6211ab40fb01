package cn.yzz.kiosk.app.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import javafx.beans.value.ObservableValue;

/**
 * Where a text is still held in memory: walks every field of the kiosk's own objects reachable from a
 * root (and through JavaFX values, collections, maps, arrays, optionals, finished futures and
 * exceptions), and names the path to each string, char array or byte array that contains it. Objects
 * of other libraries are looked at only through their public face. For tests that a credential is
 * dropped once used.
 */
public final class Retained {

    private final String secret;
    private final Predicate<Object> outside;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> found = new ArrayList<>();

    private Retained(String secret, Predicate<Object> outside) {
        this.secret = secret;
        this.outside = outside;
    }

    /**
     * @param outside objects not to look into (what is not the kiosk's memory, such as a fake county's table of codes)
     * @return the paths from a root to where {@code secret} is held; empty when nowhere
     */
    public static List<String> find(String secret, Predicate<Object> outside, Object... roots) {
        Retained r = new Retained(secret, outside);
        for (Object root : roots) {
            r.walk(root, root.getClass().getSimpleName(), 0);
        }
        return r.found;
    }

    private void walk(Object o, String path, int depth) {
        if (o == null || depth > 40 || o instanceof Class<?> || o instanceof Enum<?> || outside.test(o)) {
            return;
        }
        if (o instanceof String s) {
            if (s.contains(secret)) {
                found.add(path);
            }
            return;
        }
        if (!seen.add(o)) {
            return;
        }
        if (o instanceof char[] c) {
            if (new String(c).contains(secret)) {
                found.add(path);
            }
            return;
        }
        if (o instanceof byte[] b) {
            if (new String(b, StandardCharsets.UTF_8).contains(secret) || new String(b, StandardCharsets.ISO_8859_1).contains(secret)) {
                found.add(path);
            }
            return;
        }
        if (o instanceof Object[] a) {
            for (int i = 0; i < a.length; i++) {
                walk(a[i], path + "[" + i + "]", depth + 1);
            }
            return;
        }
        if (o instanceof Throwable t) {
            walk(t.getMessage(), path + ".message", depth + 1);
            walk(t.getCause(), path + ".cause", depth + 1);
        }
        if (o instanceof CompletableFuture<?> f) {
            if (f.isDone() && !f.isCancelled()) {
                Object[] outcome = new Object[2];
                f.handle((v, e) -> {
                    outcome[0] = v;
                    outcome[1] = e;
                    return null;
                });
                walk(outcome[0], path + ".result", depth + 1);
                walk(outcome[1], path + ".failure", depth + 1);
            }
        } else if (o instanceof Optional<?> opt) {
            walk(opt.orElse(null), path + ".get", depth + 1);
        } else if (o instanceof Map<?, ?> m && !mine(o)) {
            for (Map.Entry<?, ?> e : List.copyOf(m.entrySet())) {
                walk(e.getKey(), path + ".key", depth + 1);
                walk(e.getValue(), path + "[" + e.getKey() + "]", depth + 1);
            }
        } else if (o instanceof Collection<?> c && !mine(o)) {
            int i = 0;
            for (Object e : List.copyOf(c)) {
                walk(e, path + "[" + i++ + "]", depth + 1);
            }
        } else if (o instanceof ObservableValue<?> v && !mine(o)) {
            walk(v.getValue(), path + ".value", depth + 1);
        }
        if (mine(o)) {
            for (Class<?> k = o.getClass(); k != null && k.getName().startsWith("cn.yzz."); k = k.getSuperclass()) {
                for (Field field : k.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                        walk(field.get(o), path + "." + field.getName(), depth + 1);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        found.add(path + "." + field.getName() + " (cannot be read: " + e + ")");
                    }
                }
            }
        }
    }

    /** The kiosk's own classes (lambdas and records among them): their fields are looked into. */
    private static boolean mine(Object o) {
        return o.getClass().getName().startsWith("cn.yzz.");
    }
}
