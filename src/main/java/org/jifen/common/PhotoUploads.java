package org.jifen.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

import java.util.List;

/**
 * Reads an evidence photo a form uploaded, for every feature that keeps photos in the field (oversight, surveys):
 * JPEG or PNG only, the type read from the first bytes ({@link Photos}), at most the feature's size. A refusal is a
 * 4xx under the feature's own codes ({@code <area>.photo-type} 415, {@code <area>.photo-too-large} 413).
 */
@ApplicationScoped
public class PhotoUploads {

    /** A checked photo: its real type and bytes. */
    public record Upload(String contentType, byte[] data) {
    }

    /** The limits and error codes of one feature's photos. */
    public record Rules(String area, int maxBytes) {
    }

    @Inject
    Vertx vertx;

    /** The uploaded file, checked; {@code null} when the form sent none (the photo is optional). */
    public Uni<Upload> readOptional(FileUpload file, String field, Rules rules) {
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            return Uni.createFrom().nullItem();
        }
        return read(file, field, rules);
    }

    public Uni<Upload> read(FileUpload file, String field, Rules rules) {
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请拍摄或选择一张照片", List.of(field)));
        }
        if (file.size() > rules.maxBytes()) {
            return Uni.createFrom().failure(tooLarge(field, rules));
        }
        return vertx.fileSystem().readFile(file.uploadedFile().toString()).map(b -> check(b.getBytes(), field, rules));
    }

    /** A file part of a form read whole ({@code MultipartFormDataInput}); null when the part is empty. */
    public Uni<Upload> readOptional(FormValue part, String field, Rules rules) {
        if (part == null || !part.isFileItem() || part.getFileName() == null || part.getFileName().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        var item = part.getFileItem();
        return Uni.createFrom().item(() -> {
            try {
                long size = item.getFileSize();
                if (size > rules.maxBytes()) {
                    throw tooLarge(field, rules);
                }
                return size == 0 ? null : item;
            } catch (java.io.IOException e) {
                throw DomainException.badRequest("request.invalid", "照片读取失败，请重新上传", List.of(field));
            }
        }).flatMap(f -> {
            if (f == null) {
                return Uni.createFrom().nullItem();
            }
            if (f.isInMemory()) {
                return Uni.createFrom().item(() -> {
                    try (var in = f.getInputStream()) {
                        return check(in.readAllBytes(), field, rules);
                    } catch (java.io.IOException e) {
                        throw DomainException.badRequest("request.invalid", "照片读取失败，请重新上传", List.of(field));
                    }
                });
            }
            return vertx.fileSystem().readFile(f.getFile().toString()).map(b -> check(b.getBytes(), field, rules));
        });
    }

    public Upload check(byte[] data, String field, Rules rules) {
        if (data.length > rules.maxBytes()) {
            throw tooLarge(field, rules);
        }
        String type = Photos.type(data);
        if (!Photos.JPEG.equals(type) && !Photos.PNG.equals(type)) {
            throw new DomainException(415, rules.area() + ".photo-type", "只接受 JPEG 或 PNG 照片", "请用手机相机拍照，或选择 JPEG、PNG 图片",
                    List.of(field));
        }
        return new Upload(type, data);
    }

    public static DomainException tooLarge(String field, Rules rules) {
        return new DomainException(413, rules.area() + ".photo-too-large", "照片过大",
                "照片不能超过 " + (rules.maxBytes() / 1024 / 1024) + " MB", List.of(field));
    }
}
