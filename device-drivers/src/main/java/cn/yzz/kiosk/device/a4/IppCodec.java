package cn.yzz.kiosk.device.a4;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** IPP's binary encoding (RFC 8010 §3), both ways, with no I/O. */
final class IppCodec {

    /** CUPS answers a Get-Jobs for a busy queue in tens of kilobytes; anything far larger is not an answer. */
    static final int MAX_MESSAGE = 4 * 1024 * 1024;

    private IppCodec() {}

    static byte[] encode(IppMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        short16(out, m.version());
        short16(out, m.code());
        int32(out, m.requestId());
        for (IppMessage.Group g : m.groups()) {
            out.write(g.tag());
            for (IppMessage.Attribute a : g.attributes()) {
                if (a.values().isEmpty()) {
                    value(out, a.valueTag(), a.name(), new byte[0]);
                }
                for (int i = 0; i < a.values().size(); i++) {
                    value(out, a.valueTag(), i == 0 ? a.name() : "", bytes(a.valueTag(), a.values().get(i)));
                }
            }
        }
        out.write(IppMessage.END);
        return out.toByteArray();
    }

    /** Parses a whole message; anything that does not follow the encoding is an {@link IppException}. */
    static IppMessage decode(byte[] data) throws IppException {
        if (data.length > MAX_MESSAGE) {
            throw new IppException("IPP 应答太大（" + data.length + " 字节）");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            int version = b.getShort() & 0xFFFF;
            int code = b.getShort() & 0xFFFF;
            int requestId = b.getInt();
            List<IppMessage.Group> groups = new ArrayList<>();
            int tag = b.get() & 0xFF;
            while (tag != IppMessage.END) {
                if (tag > 0x0F || tag == 0x00) {
                    throw new IppException("IPP 应答格式错误：位置 " + (b.position() - 1) + " 应为属性组标记，实为 0x" + hex(tag));
                }
                int groupTag = tag;
                List<IppMessage.Attribute> attrs = new ArrayList<>();
                String name = null;
                int valueTag = 0;
                List<Object> values = new ArrayList<>();
                while (true) {
                    tag = b.get() & 0xFF;
                    if (tag <= 0x0F) {
                        break;
                    }
                    if (tag == 0x7F) {
                        throw new IppException("IPP 应答含有不支持的扩展标记");
                    }
                    String n = new String(chunk(b), StandardCharsets.UTF_8);
                    byte[] v = chunk(b);
                    if (n.isEmpty() && name == null) {
                        throw new IppException("IPP 应答格式错误：附加值前没有属性名");
                    }
                    if (!n.isEmpty()) {
                        if (name != null) {
                            attrs.add(new IppMessage.Attribute(name, valueTag, values));
                        }
                        name = n;
                        valueTag = tag;
                        values = new ArrayList<>();
                    }
                    Object value = value(tag, v);
                    if (value != null) {
                        values.add(value);
                    }
                }
                if (name != null) {
                    attrs.add(new IppMessage.Attribute(name, valueTag, values));
                }
                groups.add(new IppMessage.Group(groupTag, attrs));
            }
            return new IppMessage(version, code, requestId, groups);
        } catch (BufferUnderflowException e) {
            throw new IppException("IPP 应答不完整（" + data.length + " 字节）");
        }
    }

    private static byte[] chunk(ByteBuffer b) throws IppException {
        int len = b.getShort() & 0xFFFF;
        if (len > b.remaining()) {
            throw new IppException("IPP 应答不完整：需要 " + len + " 字节，只剩 " + b.remaining() + " 字节");
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }

    /** The value as the model holds it; null for out-of-band tags (no value, unknown, unsupported). */
    private static Object value(int tag, byte[] v) throws IppException {
        switch (tag) {
            case IppMessage.INTEGER, IppMessage.ENUM -> {
                if (v.length != 4) {
                    throw new IppException("IPP 整数值长度应为 4，实为 " + v.length);
                }
                return ByteBuffer.wrap(v).getInt();
            }
            case IppMessage.BOOLEAN -> {
                if (v.length != 1) {
                    throw new IppException("IPP 布尔值长度应为 1，实为 " + v.length);
                }
                return v[0] != 0;
            }
            case IppMessage.TEXT_WITH_LANGUAGE, IppMessage.NAME_WITH_LANGUAGE -> {
                ByteBuffer b = ByteBuffer.wrap(v);
                try {
                    chunk(b); // the language
                    return new String(chunk(b), StandardCharsets.UTF_8);
                } catch (BufferUnderflowException e) {
                    throw new IppException("IPP 带语言的文字值不完整");
                }
            }
            default -> {
                if (tag >= 0x10 && tag <= 0x1F) {
                    return null;
                }
                if (tag >= 0x40 && tag <= 0x5F) {
                    return new String(v, StandardCharsets.UTF_8);
                }
                return HexFormat.of().formatHex(v);
            }
        }
    }

    private static byte[] bytes(int tag, Object v) {
        return switch (tag) {
            case IppMessage.INTEGER, IppMessage.ENUM -> ByteBuffer.allocate(4).putInt((Integer) v).array();
            case IppMessage.BOOLEAN -> new byte[] {(byte) ((Boolean) v ? 1 : 0)};
            default -> ((String) v).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static void value(ByteArrayOutputStream out, int tag, String name, byte[] value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        out.write(tag);
        short16(out, n.length);
        out.writeBytes(n);
        short16(out, value.length);
        out.writeBytes(value);
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        short16(out, v >>> 16);
        short16(out, v & 0xFFFF);
    }

    private static String hex(int v) {
        return String.format("%02X", v);
    }
}
