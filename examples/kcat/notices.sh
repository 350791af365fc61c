#!/usr/bin/env bash
# Look at a notice topic with kcat: committed records only, one line each, then exit.
#
#   examples/kcat/notices.sh <bootstrap-servers> <topic>
#   examples/kcat/notices.sh localhost:9092 ceptoar.gas.incidents
#
# Prints: <topic> <partition>@<offset> key=<incidentKey or advisoryId> magic=0 schema-id=<id>
# (a record that is not in the Confluent format keeps kcat's raw "header=<decoded bytes>")
#
# The Debian/Ubuntu kcat package is built without libserdes ("This build of kcat lacks Avro/Schema-Registry
# support"), so `-s value=avro -r <registry-url>` is not available there. This script decodes only the
# Confluent header with a pack string (`>bI`: the magic byte, then the big-endian 4-byte schema id) and skips the
# Avro body. With a kcat built with Avro support, replace `-s value='>bI'` by `-s value=avro -r <registry-url>`
# (and %s prints the notice as JSON). kcat prints the decoded pack fields without a separator ("0" then the
# id), which the sed below splits. To read the notices themselves, use the Java or Python subscriber.
#
# kcat runs here without a consumer group, so it commits nothing: a look, not a subscriber.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 <bootstrap-servers> <topic>" >&2
    exit 2
fi
"${KCAT:-kcat}" -C -q -e -o beginning \
    -b "$1" -t "$2" \
    -X isolation.level=read_committed \
    -s value='>bI' \
    -f '%t %p@%o key=%k header=%s\n' \
  | sed 's/ header=0\([0-9][0-9]*\)$/ magic=0 schema-id=\1/'
