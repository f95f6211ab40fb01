package cn.yzz.kiosk.backend;

/** One transaction of a batch after validation: either storable, or carrying its rejection reason. */
record BatchItem(String id, String type, String serviceCode, String createdAt, String json, String rejection) {
    static BatchItem rejected(String id, String reason) {
        return new BatchItem(id, null, null, null, null, reason);
    }
}
