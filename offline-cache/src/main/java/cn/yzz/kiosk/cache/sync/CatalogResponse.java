package cn.yzz.kiosk.cache.sync;

/** {@code GET /api/v1/catalog}: either the new catalogue (raw JSON and its ETag) or "unchanged" (304). */
public record CatalogResponse(boolean notModified, String etag, byte[] body) {}
