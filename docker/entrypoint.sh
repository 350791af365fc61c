#!/bin/sh
# Container entrypoint of every Anshin service image. A shell only to fill in the advertised host:
# routing-service runs as several replicas and each must tell the others where its interactive
# queries are served. The default is this container's own address (resolved from its hostname,
# which Docker sets to the container id), so no per-replica configuration is needed.
# exec hands PID 1 to the JVM so that SIGTERM from `docker stop` reaches its shutdown hooks.
set -eu
if [ -z "${ANSHIN_ADVERTISED_HOST:-}" ]; then
  ANSHIN_ADVERTISED_HOST="$(hostname -i 2>/dev/null | awk '{print $1}')"
  [ -n "${ANSHIN_ADVERTISED_HOST}" ] || ANSHIN_ADVERTISED_HOST="$(hostname)"
  export ANSHIN_ADVERTISED_HOST
fi
: "${ANSHIN_MAIN_CLASS:?ANSHIN_MAIN_CLASS is not set (image built without --build-arg MAIN_CLASS)}"
# JAVA_TOOL_OPTIONS (image default) carries the JVM flags; JAVA_OPTS adds to them per deployment.
app="${ANSHIN_HOME:-/app}"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags and must split
exec java ${JAVA_OPTS:-} -cp "${app}/classes:${app}/lib/*" "${ANSHIN_MAIN_CLASS}" "$@"
