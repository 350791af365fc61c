#!/usr/bin/env bash
# Creates the compose stack's secrets (docker-compose.yml, top-level `secrets:`) under docker/secrets/,
# once: an existing file is kept, so running it again changes nothing (rotate a secret by deleting
# its file, running this again and recreating the services that use it).
#
#   docker/make-secrets.sh            (or SECRETS_DIR=/elsewhere docker/make-secrets.sh)
#
#   internal-token          shared secret of routing's internal query API (ingest -> routing and
#                           routing -> routing), ANSHIN_INTERNAL_TOKEN_FILE
#   pseudonym-key           HMAC key of the pseudonyms in AMBER cascade warnings (routing),
#                           ANSHIN_PSEUDONYM_KEY_FILE; changing it changes every future pseudonym
#   grafana-admin-password  Grafana's admin password (GF_SECURITY_ADMIN_PASSWORD__FILE)
#
# Each is 32 random bytes, hex-encoded. docker/secrets/ is git-ignored. The directory is private
# (0700); the files themselves are world-readable (0444) because compose bind-mounts a file secret
# as it is on the host, and the services run as uid 10001, not as your user: the directory is what
# keeps other users of this host out.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dir="${SECRETS_DIR:-${here}/secrets}"

random_hex() {
  if command -v openssl > /dev/null 2>&1; then
    openssl rand -hex 32
  else
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
    echo
  fi
}

umask 077
mkdir -p "${dir}"
chmod 0700 "${dir}"
for name in internal-token pseudonym-key grafana-admin-password; do
  file="${dir}/${name}"
  if [ -s "${file}" ]; then
    echo "kept    ${file}"
    continue
  fi
  random_hex > "${file}.tmp"
  chmod 0444 "${file}.tmp"
  mv -f "${file}.tmp" "${file}"
  echo "created ${file}"
done
