package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.DomainException;
import org.jifen.common.Photos;

import java.util.List;

/**
 * A photo uploaded from a shop page (phone camera or file): read without blocking, its type taken from its first
 * bytes ({@link Photos}), never from what the browser claims. JPEG, PNG and WebP only: every browser shows them.
 */
@ApplicationScoped
public class ShopPhotos {

    public record Upload(String contentType, byte[] data) {
    }

    @Inject
    Vertx vertx;

    @Inject
    ShopConfig config;

    public Uni<Upload> read(FileUpload file, String field) {
        if (file == null || file.size() == 0 || file.uploadedFile() == null) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请拍摄或选择一张照片", List.of(field)));
        }
        if (file.size() > config.photoMaxBytes()) {
            return Uni.createFrom().failure(tooLarge(field));
        }
        return vertx.fileSystem().readFile(file.uploadedFile().toString()).map(buffer -> check(buffer.getBytes(), field));
    }

    /** A photo sent as the raw request body (the API): the same checks, the type from its bytes. */
    public Upload check(byte[] data, String field) {
        if (data == null || data.length == 0) {
            throw DomainException.badRequest("request.invalid", "请拍摄或选择一张照片", List.of(field));
        }
        if (data.length > config.photoMaxBytes()) {
            throw tooLarge(field);
        }
        String type = Photos.type(data);
        if (type == null || Photos.HEIC.equals(type)) {
            throw new DomainException(415, "shop.photo-type", "只接受 JPEG、PNG 或 WebP 照片",
                    "请用手机相机拍照，或选择 JPEG、PNG、WebP 格式的图片", List.of(field));
        }
        return new Upload(type, data);
    }

    private DomainException tooLarge(String field) {
        return new DomainException(413, "shop.photo-too-large", "照片过大",
                "照片不能超过 " + (config.photoMaxBytes() / 1024 / 1024) + " MB", List.of(field));
    }
}
