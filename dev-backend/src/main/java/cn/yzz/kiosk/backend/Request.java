package cn.yzz.kiosk.backend;

import com.sun.net.httpserver.Headers;

/** What a route needs from an exchange: the body already read, decompressed and size-checked. */
record Request(String method, String path, Headers headers, byte[] body) {
    String header(String name) {
        return headers.getFirst(name);
    }
}
