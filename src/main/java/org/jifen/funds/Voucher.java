package org.jifen.funds;

import java.time.OffsetDateTime;

/** A kept document of a fund receipt or a purchase (收款凭证, 付款凭证, 发票, 商品照片), without its bytes. */
public record Voucher(long id, long villageId, Long fundReceiptId, Long purchaseId, String kind, String contentType,
                      int size, String sha256, String note, String uploadedBy, OffsetDateTime createdAt) {

    /** The Chinese name of a kind. */
    public static String kindName(String kind) {
        return switch (kind) {
            case "RECEIPT" -> "收款凭证";
            case "PAYMENT" -> "付款凭证";
            case "INVOICE" -> "发票";
            case "GOODS" -> "商品照片";
            default -> "其他凭证";
        };
    }

    public String kindName() {
        return kindName(kind);
    }

    /** The file extension of its type. */
    public static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "application/pdf" -> "pdf";
            default -> "bin";
        };
    }
}
