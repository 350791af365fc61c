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
if [ -n "${cli}" ]; then
  # shellcheck disable=SC2086 # "docker compose" is two words
  check "${cli} config -q (schema, anchors, interpolation)" \
    bash -c "cd '${here}' && ${cli} -f docker-compose.yml config -q"
  if [ -n "${python}" ]; then
    # every bind-mounted host file must exist: compose itself does not check that without an engine
    # shellcheck disable=SC2086
    check "bind mounts point to existing files" bash -c "cd '${here}' && ${cli} -f docker-compose.yml config \
      | '${python}' '${here}/tools/check_compose.py'"
  else
    skip "bind mounts: no python3 with PyYAML (apt-get install python3-yaml)"
  fi
else
  skip "compose config: neither docker-compose nor 'docker compose' installed (apt-get install docker-compose)"
fi

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
if has hadolint; then
  check "hadolint service.Dockerfile" hadolint "${here}/service.Dockerfile"
else
  skip "hadolint not installed (not in Debian; put its binary on PATH to enable)"
fi
if has shellcheck; then
  check "shellcheck entrypoint.sh create-topics.sh validate.sh" \
    shellcheck "${here}/entrypoint.sh" "${here}/create-topics.sh" "${here}/validate.sh"
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

echo
echo "docker validation: ${ok} ok, ${skipped} skipped, ${failed} failing"
if [ "${failed}" -gt 0 ]; then
  printf '  failing: %s\n' "${failures[@]}"
  exit 1
fi
