#!/usr/bin/python3
"""A secretariat's subscriber in Python: reads its notice topics and prints one line per notice.

The same rules as the Java example (examples/java-subscriber):
  * isolation.level=read_committed: routing writes notices in exactly-once transactions; the default
    read_uncommitted would also show notices of aborted transactions.
  * enable.auto.commit=False and a synchronous commit after each notice is printed: a crash re-reads a notice
    (de-duplicate on noticeId), never skips one.
  * values are Avro in the Confluent wire format: byte 0 is the magic byte 0, bytes 1-4 the big-endian schema id.

Decoding: confluent_kafka.schema_registry.avro.AvroDeserializer needs the `fastavro` package. Where it is
missing (Debian's python3-confluent-kafka does not depend on it), this script decodes by hand: it fetches the
writer's schema by id with confluent_kafka's SchemaRegistryClient, strips the 5-byte header and reads the rest
with the `avro` package (python3-avro). Where fastavro is installed, AvroDeserializer does the same in one call.

Needs: python3-confluent-kafka, python3-avro, python3-requests (Debian), or pip install confluent-kafka avro.

  /usr/bin/python3 subscriber.py --bootstrap localhost:9092 \
      --registry http://localhost:8081/apis/ccompat/v7 --group secretariat-gas \
      --topic ceptoar.gas.incidents --topic ceptoar.gas.advisories
"""
import argparse
import io
import struct
import sys
import time

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaException
from confluent_kafka.schema_registry import SchemaRegistryClient

MAGIC_BYTE = 0


class WireFormatDecoder:
    """Confluent wire format -> dict, with the writer's schema from the registry (cached by id)."""

    def __init__(self, registry_url):
        self._registry = SchemaRegistryClient({"url": registry_url})
        self._readers = {}

    def decode(self, value):
        if value is None or len(value) < 5 or value[0] != MAGIC_BYTE:
            raise ValueError("not Confluent wire format (magic byte 0 + 4-byte schema id)")
        schema_id = struct.unpack(">I", value[1:5])[0]
        reader = self._readers.get(schema_id)
        if reader is None:
            schema = avro.schema.parse(self._registry.get_schema(schema_id).schema_str)
            reader = avro.io.DatumReader(schema)
            self._readers[schema_id] = reader
        return reader.read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))


def line(msg, notice):
    where = "%s %d@%d" % (msg.topic(), msg.partition(), msg.offset())
    key = msg.key().decode("utf-8") if msg.key() is not None else ""
    if msg.topic().endswith(".advisories"):
        return "advisory %s advisory=%s severity=%s tlp=%s exercise=%s %s" % (
            notice["noticeId"], notice["advisoryId"], notice["severity"], notice["tlp"],
            str(notice["exercise"]).lower(), where)
    return "notice %s incident=%s type=%s classification=%s tlp=%s exercise=%s %s" % (
        notice["noticeId"], key, notice["noticeType"], notice["classification"], notice["tlp"],
        str(notice["exercise"]).lower(), where)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True, help="bootstrap servers, host:port[,host:port]")
    parser.add_argument("--registry", required=True, help="Confluent-API registry URL")
    parser.add_argument("--group", required=True, help="consumer group id (one per subscriber application)")
    parser.add_argument("--topic", action="append", required=True, help="topic to read (repeat for several)")
    parser.add_argument("--max-messages", type=int, default=0, help="stop after this many notices (0: never)")
    parser.add_argument("--timeout", type=float, default=0, help="stop after this many seconds (0: never)")
    args = parser.parse_args(argv)

    decoder = WireFormatDecoder(args.registry)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
    })
    consumer.subscribe(args.topic)
    printed = 0
    deadline = time.monotonic() + args.timeout if args.timeout > 0 else None
    try:
        while args.max_messages == 0 or printed < args.max_messages:
            if deadline is not None and time.monotonic() > deadline:
                print("timed out after %d notice(s)" % printed, file=sys.stderr)
                return 1
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                raise KafkaException(msg.error())
            print(line(msg, decoder.decode(msg.value())), flush=True)
            printed += 1
            consumer.commit(message=msg, asynchronous=False)  # only now: printed means committed
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
