# syntax=docker/dockerfile:1.7
# One image recipe for the three services; docker-compose.yml builds it once per service:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=ingest-service \
#     --build-arg MAIN_CLASS=org.anshin.ingest.IngestMain --build-arg PORT=8080 -t anshin/ingest-service .
# (routing-service: org.anshin.routing.RoutingMain, 8082; notifier-service: org.anshin.notifier.NotifierMain, 8083)
# The build context is the repository root (see /.dockerignore).
# Platforms: linux/amd64 and linux/arm64 (docker buildx build --platform linux/amd64,linux/arm64 ...);
# routing-service's RocksDbNativeLibraryTest checks rocksdbjni carries the glibc library of both.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
# The runtime base must be glibc with libstdc++ (Ubuntu 24.04 here): RocksDB, Kafka Streams' state
# store in routing-service, is a C++ library loaded over JNI, and Alpine (musl) images have neither
# libstdc++ nor glibc. docker/validate.sh refuses an Alpine/musl base.
ARG JRE_IMAGE=eclipse-temurin:17-jre-noble

FROM ${MAVEN_IMAGE} AS build
ARG MODULE
WORKDIR /src
COPY . .
# -am also builds devstack and test-support: they are (test-scoped) reactor dependencies of every
# service, so Maven needs them even with tests skipped. They stay in this throwaway stage.
# The cache mount keeps ~/.m2 between builds (BuildKit).
# One Maven run so that copy-dependencies takes the sibling jars (common, schemas) from this reactor.
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" \
 && mvn -B -q -pl "${MODULE}" -am -Dmaven.test.skip=true \
        package dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/smoke \
 && cp -r "${MODULE}/target/dependency" /out/lib \
 && cp -r "${MODULE}/target/classes" /out/classes \
 && if ls /out/lib/rocksdbjni-*.jar > /dev/null 2>&1; then \
      javac -d /out/smoke -cp "/out/lib/*" docker/tools/RocksDbSmoke.java; \
    fi

FROM ${JRE_IMAGE}
ARG MAIN_CLASS
ARG PORT=8080
LABEL org.opencontainers.image.title="anshin" \
      org.opencontainers.image.description="Anshin incident-notification pipeline service"
# The base must carry what the image relies on: glibc's libstdc++ (RocksDB's JNI library; the
# multiarch path exists on Debian/Ubuntu glibc images only) and wget (the HEALTHCHECK). Then a fixed,
# unprivileged uid so volume ownership is predictable across hosts.
RUN set -eu; \
    if ! ls /usr/lib/*-linux-gnu/libstdc++.so.6 > /dev/null 2>&1; then \
      echo "the runtime base has no glibc libstdc++.so.6: RocksDB (routing-service) cannot load" >&2; exit 1; \
    fi; \
    if ! command -v wget > /dev/null; then \
      echo "the runtime base has no wget: the HEALTHCHECK needs it" >&2; exit 1; \
    fi; \
    groupadd --system --gid 10001 anshin; \
    useradd --system --uid 10001 --gid anshin --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin anshin; \
    mkdir -p /app/config /app/var; \
    chown -R anshin:anshin /app/var
WORKDIR /app
COPY --from=build /out/lib /app/lib
COPY --from=build /out/classes /app/classes
COPY --chmod=0555 docker/entrypoint.sh /app/entrypoint.sh
# The plan tables are mounted at /app/config (see docker-compose.yml); nothing secret is baked in.
ENV ANSHIN_MAIN_CLASS=${MAIN_CLASS} \
    ANSHIN_PORT=${PORT} \
    ANSHIN_CONFIG_DIR=/app/config \
    ANSHIN_STATE_DIR=/app/var \
    ANSHIN_BIND_ADDRESS=0.0.0.0 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Dfile.encoding=UTF-8 -Djava.util.concurrent.ForkJoinPool.common.parallelism=2"
# Listening on every interface of the container's own network namespace: what reaches the host is
# decided by `docker run -p` / compose `ports:` (docker-compose.yml publishes on 127.0.0.1).
USER anshin
# routing-service only (the image carrying rocksdbjni): load RocksDB's JNI library with this base's
# JVM, as the non-root user, and write and read a key; a base it cannot load on fails the build here.
RUN --mount=type=bind,from=build,source=/out/smoke,target=/tmp/smoke \
    if [ -f /tmp/smoke/RocksDbSmoke.class ]; then \
      java -XX:TieredStopAtLevel=1 -cp "/tmp/smoke:/app/lib/*" RocksDbSmoke; \
    fi
EXPOSE ${PORT}
# wget is in the eclipse-temurin Ubuntu images (checked above); /health/ready answers 200 only when
# the service can do its job
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${ANSHIN_PORT}/health/ready" || exit 1
ENTRYPOINT ["/app/entrypoint.sh"]
