# syntax=docker/dockerfile:1.7
# One image recipe for the three services; docker-compose.yml builds it once per service:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=ingest-service \
#     --build-arg MAIN_CLASS=org.anshin.ingest.IngestMain --build-arg PORT=8080 -t anshin/ingest-service .
# (routing-service: org.anshin.routing.RoutingMain, 8082; notifier-service: org.anshin.notifier.NotifierMain, 8083)
# The build context is the repository root (see /.dockerignore).

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre-alpine

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
 && mkdir -p /out \
 && cp -r "${MODULE}/target/dependency" /out/lib \
 && cp -r "${MODULE}/target/classes" /out/classes

FROM ${JRE_IMAGE}
ARG MAIN_CLASS
ARG PORT=8080
LABEL org.opencontainers.image.title="anshin" \
      org.opencontainers.image.description="Anshin incident-notification pipeline service"
# a fixed, unprivileged uid so volume ownership is predictable across hosts
RUN addgroup -S -g 10001 anshin && adduser -S -D -H -u 10001 -G anshin anshin \
 && mkdir -p /app/config /app/var && chown -R anshin:anshin /app/var
WORKDIR /app
COPY --from=build /out/lib /app/lib
COPY --from=build /out/classes /app/classes
COPY --chmod=0555 docker/entrypoint.sh /app/entrypoint.sh
# The plan tables are mounted at /app/config (see docker-compose.yml); nothing secret is baked in.
ENV ANSHIN_MAIN_CLASS=${MAIN_CLASS} \
    ANSHIN_PORT=${PORT} \
    ANSHIN_CONFIG_DIR=/app/config \
    ANSHIN_STATE_DIR=/app/var \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Dfile.encoding=UTF-8"
USER anshin
EXPOSE ${PORT}
# busybox wget is in the alpine base; /health/ready answers 200 only when the service can do its job
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${ANSHIN_PORT}/health/ready" || exit 1
ENTRYPOINT ["/app/entrypoint.sh"]
