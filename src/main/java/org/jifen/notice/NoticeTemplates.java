package org.jifen.notice;

import io.quarkus.logging.Log;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notice templates: the defaults packaged from {@code notices-templates/} (as {@code templates/notices/*.html}),
 * each replaceable by a file of the same name in {@code jifen.notice.templates-dir}, read again when it
 * changes (no rebuild, no restart). Overrides are HTML templates: every {@code {expr}} is escaped.
 */
@ApplicationScoped
public class NoticeTemplates {

    public static final String PAGE = "notice-page";
    public static final String BOARD = "notice-board";
    public static final String POSTER = "notice-poster";

    /** How long a looked-up override stays trusted before the file is looked at again. */
    private static final long RECHECK_MILLIS = 2000;

    private record Override(Template template, String version, FileTime modified, long checkedAt) {
    }

    /** A template and a short version string that changes whenever the template text does. */
    public record Resolved(Template template, String version) {
    }

    @Inject
    Engine engine;

    @Inject
    NoticeConfig config;

    private final Map<String, Override> overrides = new ConcurrentHashMap<>();

    public Resolved get(String name) {
        if (config.templatesDir().isPresent() && !config.templatesDir().get().isBlank()) {
            Resolved custom = override(name, Path.of(config.templatesDir().get()).resolve(name + ".html"));
            if (custom != null) {
                return custom;
            }
        }
        Template packaged = engine.getTemplate("notices/" + name);
        if (packaged == null) {
            throw new IllegalStateException("missing packaged template notices/" + name);
        }
        return new Resolved(packaged, "d");
    }

    private Resolved override(String name, Path file) {
        long now = System.currentTimeMillis();
        Override cached = overrides.get(name);
        if (cached != null && now - cached.checkedAt() < RECHECK_MILLIS) {
            return cached.template() == null ? null : new Resolved(cached.template(), cached.version());
        }
        try {
            if (!Files.isRegularFile(file)) {
                overrides.put(name, new Override(null, null, null, now));
                return null;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (cached != null && cached.template() != null && modified.equals(cached.modified())) {
                overrides.put(name, new Override(cached.template(), cached.version(), modified, now));
                return new Resolved(cached.template(), cached.version());
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            Template t = engine.parse(content, new Variant(Locale.forLanguageTag("zh-CN"), StandardCharsets.UTF_8, "text/html"),
                    "notices-override/" + name + ".html");
            String version = "o" + NoticeRules.sha256(content.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
            overrides.put(name, new Override(t, version, modified, now));
            Log.infof("jifen: notice template %s overridden by %s", name, file);
            return new Resolved(t, version);
        } catch (IOException | RuntimeException e) {
            Log.warnf("jifen: cannot use notice template override %s (%s); using the packaged one", file, e.getMessage());
            overrides.put(name, new Override(null, null, null, now));
            return null;
        }
    }
}
