package org.jifen.funds;

import org.jifen.common.DomainException;
import org.jifen.common.Photos;

import java.util.List;

/**
 * An uploaded voucher: JPEG, PNG or PDF, its type read from its first bytes (never from what the client claims),
 * its size limited, its SHA-256 kept. Pure.
 */
public record VoucherFile(String contentType, byte[] data, String sha256) {

    public static final String PDF = "application/pdf";

    public static VoucherFile check(byte[] data, long maxBytes, String field) {
        if (data == null || data.length == 0) {
            throw DomainException.badRequest("funds.voucher-missing", "请选择凭证照片或 PDF 文件", List.of(field));
        }
        if (data.length > maxBytes) {
            throw tooLarge(maxBytes, field);
        }
        String type = type(data);
        if (type == null) {
            throw new DomainException(415, "funds.voucher-type", "只接受 JPEG、PNG 照片或 PDF 文件",
                    "请拍照（JPEG/PNG）或选择 PDF 扫描件", List.of(field));
        }
        return new VoucherFile(type, data, Photos.sha256(data));
    }

    public static DomainException tooLarge(long maxBytes, String field) {
        return new DomainException(413, "funds.voucher-too-large", "凭证文件过大",
                "凭证不能超过 " + (maxBytes / 1024 / 1024) + " MB", List.of(field));
    }

    /** JPEG, PNG or PDF from the first bytes; null for anything else. */
    static String type(byte[] b) {
        String photo = Photos.type(b);
        if (Photos.JPEG.equals(photo) || Photos.PNG.equals(photo)) {
            return photo;
        }
        if (b.length > 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return PDF;
        }
        return null;
    }
}
