#!/usr/bin/env bash
# Validates the compose stack without a Docker engine (none runs on the development machines or CI).
#
#   docker/validate.sh                 run every check; exit 1 if one fails
#   docker/validate.sh --write-topics  regenerate docker/create-topics.sh from Topics.java, then check
#
# A check whose tool is not installed is SKIPPED with a message; a check that runs and fails makes
# the script exit 1. Tools (Debian packages): docker-compose, prometheus (promtool), python3-yaml,
# and shellcheck, plus hadolint when on PATH (Debian does not package it). The Java checks use the services'
# runtime classpath (<service>/target/classpath.txt, written by `mvn -B verify` or ./anshin up), so
# run this after the build.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "${here}/.." && pwd)"
ok=0
failed=0
skipped=0
failures=()

pass() { ok=$((ok + 1)); echo "  ok: $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "  FAILED: $1"; }
skip() { skipped=$((skipped + 1)); echo "  SKIPPED: $1"; }
has() { command -v "$1" > /dev/null 2>&1; }

# runs a command quietly; prints its output only when it fails
check() {
  local name="$1"
  shift
  local out
  if out="$("$@" 2>&1)"; then
    pass "${name}"
  else
    printf '%s\n' "${out}" | sed 's/^/    /'
    fail "${name}"
  fi
}

# a Python with PyYAML: Debian's (python3-yaml comes with docker-compose) before whatever is on PATH
python=""
for candidate in /usr/bin/python3 python3; do
  if "${candidate}" -c 'import yaml' > /dev/null 2>&1; then
    python="${candidate}"
    break
  fi
done

compose_cli() {
  if has docker-compose; then
    echo docker-compose
  elif has docker && docker compose version > /dev/null 2>&1; then
    # the compose plugin renders config without talking to an engine
    echo "docker compose"
  fi
}

echo "== compose file"
cli="$(compose_cli)"
# the defaults are what is checked: a variable that changes one (opting in to the demo tokens,
# publishing ingest on every interface) must not be taken from this shell
render="env -u ANSHIN_ALLOW_DEMO_TOKENS -u ANSHIN_INGEST_HOST_IP"
if [ -n "${cli}" ]; then
  # shellcheck disable=SC2086 # "docker compose" is two words
  check "${cli} config -q (schema, anchors, interpolation)" \
    bash -c "cd '${here}' && ${cli} -f docker-compose.yml config -q"
  # shellcheck disable=SC2086
  check "${cli} config -q with compose.host-access.yml" \
    bash -c "cd '${here}' && ${cli} -f docker-compose.yml -f compose.host-access.yml config -q"
  if [ -n "${python}" ]; then
    # every bind-mounted host file must exist: compose itself does not check that without an engine;
    # and the stack must stay secure by default (tools/check_compose.py says what it checks)
    # shellcheck disable=SC2086
    check "bind mounts exist; secure defaults: ports on 127.0.0.1 (brokers, registry, routing unpublished), \
bind 0.0.0.0, production profile, demo tokens refused, ANSHIN_ROUTING_URL, secrets wired" \
      bash -c "set -o pipefail; cd '${here}' && ${render} ${cli} -f docker-compose.yml config \
      | '${python}' '${here}/tools/check_compose.py'"
    # shellcheck disable=SC2086
    check "compose.host-access.yml publishes the brokers and the registry on 127.0.0.1 only" \
      bash -c "set -o pipefail; cd '${here}' && ${render} ${cli} -f docker-compose.yml -f compose.host-access.yml \
      config | '${python}' '${here}/tools/check_compose.py'"
  else
    skip "bind mounts and secure defaults: no python3 with PyYAML (apt-get install python3-yaml)"
  fi
else
  skip "compose config: neither docker-compose nor 'docker compose' installed (apt-get install docker-compose)"
fi

echo "== kafka version"
# the stack must run the Kafka the tests run (the root pom's kafka.version): a broker older than the
# clients and Streams code was tested against is a combination nobody has seen work
kafka_version_check() (
  set -eu
  want="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "${repo}/pom.xml" | head -n 1)"
  [ -n "${want}" ] || { echo "no <kafka.version> in pom.xml"; exit 1; }
  found="$(grep -ho 'apache/kafka[a-z-]*:[^}" ]*' "${here}"/*.yml "${here}"/*.Dockerfile || true)"
  [ -n "${found}" ] || { echo "no apache/kafka image in docker/*.yml or docker/*.Dockerfile"; exit 1; }
  bad="$(printf '%s\n' "${found}" | grep -v ":${want}\$" || true)"
  [ -z "${bad}" ] || { printf 'kafka.version is %s, but docker/ uses:\n%s\n' "${want}" "${bad}"; exit 1; }
)
check "the compose stack's Kafka image is the tests' Kafka (kafka.version in pom.xml)" kafka_version_check

echo "== secrets"
# the secrets are files under docker/secrets/: never in git, never in the image's build context
if has git && git -C "${repo}" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  check "docker/secrets/* is git-ignored" git -C "${repo}" check-ignore -q docker/secrets/internal-token
else
  skip "secrets git-ignored: not a git work tree"
fi
check "docker/secrets is in /.dockerignore (kept out of the build context)" \
  grep -qx 'docker/secrets' "${repo}/.dockerignore"
# make-secrets.sh into a scratch directory: every secret the compose file declares, random, kept
make_secrets_check() (
  set -eu
  dir="$1/secrets"
  SECRETS_DIR="${dir}" "${here}/make-secrets.sh" > /dev/null
  before="$(cat "${dir}"/*)"
  SECRETS_DIR="${dir}" "${here}/make-secrets.sh" > /dev/null
  [ "$(cat "${dir}"/*)" = "${before}" ] || { echo "a rerun changed a secret"; exit 1; }
  [ "$(stat -c %a "${dir}")" = 700 ] || { echo "${dir} is not mode 700"; exit 1; }
  for name in internal-token pseudonym-key grafana-admin-password; do
    grep -Eqx "[0-9a-f]{64}" "${dir}/${name}" || { echo "${name}: not 64 hex digits"; exit 1; }
    grep -q "file: ./secrets/${name}\$" "${here}/docker-compose.yml" \
      || { echo "${name}: not declared in docker-compose.yml as file: ./secrets/${name}"; exit 1; }
  done
  [ "$(sort -u "${dir}"/* | wc -l)" = 3 ] || { echo "two secrets are equal"; exit 1; }
)
secrets_tmp="$(mktemp -d)"
check "make-secrets.sh makes every declared secret (256-bit hex, private dir), keeps them on a rerun" \
  make_secrets_check "${secrets_tmp}"
rm -rf "${secrets_tmp}"

echo "== prometheus"
if has promtool; then
  check "promtool check config prometheus.yml" promtool check config "${here}/prometheus/prometheus.yml"
  check "promtool check rules alerts.yml" promtool check rules "${here}/prometheus/alerts.yml"
  check "promtool test rules alerts_test.yml" bash -c "cd '${here}/prometheus' && promtool test rules alerts_test.yml"
else
  skip "promtool not installed (apt-get install prometheus)"
fi

echo "== grafana"
if [ -n "${python}" ]; then
  check "dashboard JSON parses, every panel has a query, contract metrics covered" \
    "${python}" "${here}/tools/check_dashboard.py" "${here}/grafana"
else
  skip "dashboard check: no python3 with PyYAML (apt-get install python3-yaml)"
fi

echo "== dockerfile and scripts"
if has python3; then
  check "service.Dockerfile: runtime base not Alpine/musl (RocksDB needs glibc + libstdc++), non-root, healthcheck" \
    python3 "${here}/tools/check_dockerfile.py" "${here}/service.Dockerfile"
else
  skip "Dockerfile base check: python3 not installed"
fi
if has hadolint; then
  check "hadolint service.Dockerfile" hadolint "${here}/service.Dockerfile"
else
  skip "hadolint not installed (not in Debian; put its binary on PATH to enable)"
fi
if has shellcheck; then
  check "shellcheck entrypoint.sh create-topics.sh make-secrets.sh validate.sh" \
    shellcheck "${here}/entrypoint.sh" "${here}/create-topics.sh" "${here}/make-secrets.sh" "${here}/validate.sh"
else
  skip "shellcheck not installed (apt-get install shellcheck)"
fi

echo "== topics and config against the project's code"
classpath=""
for service in ingest-service routing-service notifier-service; do
  if [ -f "${repo}/${service}/target/classpath.txt" ]; then
    classpath="${repo}/common/target/classes:${repo}/schemas/target/classes:$(cat "${repo}/${service}/target/classpath.txt")"
    break
  fi
done
if ! has java; then
  skip "topic script and config: java not installed"
elif [ -z "${classpath}" ]; then
  skip "topic script and config: build the services first (mvn -B verify), no <service>/target/classpath.txt"
else
  tool=(java -cp "${classpath}" "${here}/tools/ComposeCheck.java")
  if [ "${1:-}" = "--write-topics" ]; then
    "${tool[@]}" topics "${repo}" > "${here}/create-topics.sh" && chmod +x "${here}/create-topics.sh" \
      && echo "  wrote docker/create-topics.sh"
  fi
  generated="$(mktemp)"
  if "${tool[@]}" topics "${repo}" > "${generated}" 2>&1; then
    if diff -u "${here}/create-topics.sh" "${generated}" > "${generated}.diff"; then
      pass "create-topics.sh matches Topics.java"
    else
      sed 's/^/    /' "${generated}.diff"
      fail "create-topics.sh is out of date with Topics.java (run docker/validate.sh --write-topics)"
    fi
  else
    sed 's/^/    /' "${generated}"
    fail "generating the topic script"
  fi
  rm -f "${generated}" "${generated}.diff"
  check "compose config folder loads with AnshinConfig, CEPTOARs match config/" \
    "${tool[@]}" config "${repo}"
fi
# the program the routing image runs at build time to prove its JVM loads RocksDB, run here on this
# machine's JVM and routing-service's own classpath (so that a broken one is found before a build)
if ! has java; then
  skip "RocksDB smoke program: java not installed"
elif [ ! -f "${repo}/routing-service/target/classpath.txt" ]; then
  skip "RocksDB smoke program: build routing-service first (no routing-service/target/classpath.txt)"
else
  check "tools/RocksDbSmoke.java loads RocksDB's JNI library and stores a key (this JVM)" \
    java -cp "$(cat "${repo}/routing-service/target/classpath.txt")" "${here}/tools/RocksDbSmoke.java"
fi

echo
echo "docker validation: ${ok} ok, ${skipped} skipped, ${failed} failing"
if [ "${failed}" -gt 0 ]; then
  printf '  failing: %s\n' "${failures[@]}"
  exit 1
fi
