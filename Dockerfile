# syntax=docker/dockerfile:1
# The jifen image built with a Docker engine (Jib needs none: README "Deploy", ./mvnw package -Pimage). Either
#   docker build -t registry.example.cn/jifen/jifen:0.1.0 .
#       builds the app inside (JDK 17, Maven from the wrapper), then the runtime image; or
#   ./mvnw -B package -DskipTests && docker build --target prebuilt -t registry.example.cn/jifen/jifen:0.1.0 .
#       puts an already built target/quarkus-app into the runtime image (seconds).
# The runtime is the one .ci/image-base makes for Jib from the same Debian packages: Debian 12, OpenJDK 17 JRE,
# the WenQuanYi Micro Hei font (Chinese in PDFs), user 10001 with no privileges.

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless fonts-wqy-microhei ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 jifen \
 && useradd --uid 10001 --gid 10001 --home-dir /deployments --no-create-home --shell /usr/sbin/nologin jifen \
 && mkdir /deployments && chown 10001:10001 /deployments
ENV LANG=C.UTF-8 \
    JIFEN_PDF_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
WORKDIR /deployments
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
COPY notices-templates notices-templates
COPY qr qr
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

# target/quarkus-app from the build context (see .dockerignore); the app files stay root's, read-only to the app
FROM runtime AS prebuilt
COPY target/quarkus-app/ /deployments/

# the default: built from source
FROM runtime AS app
COPY --from=build /src/target/quarkus-app/ /deployments/
