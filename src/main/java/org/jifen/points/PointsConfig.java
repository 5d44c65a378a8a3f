package org.jifen.points;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the points feature, under {@code jifen.points.*}. */
@ConfigMapping(prefix = "jifen.points")
public interface PointsConfig {

    /** Largest photo accepted as evidence of an entry, in bytes (JPEG or PNG). */
    @WithDefault("5242880")
    int photoMaxBytes();
}
