"""A webhook receiver that verifies Standard Webhooks signatures, written independently of the notifier.

Started by SignedWebhookIT as a child process: python3 standard_webhooks_receiver.py
Environment:
  WEBHOOK_SECRET         the channel's secret, whsec_ + base64(key)
  EXPECTED_AUTHORIZATION the Authorization header every request must carry
  FAIL_FIRST             optional "path=count:status,...": answer the first count verified requests on path
                         with status (e.g. "/flaky=1:503")
It prints "listening <port>" once bound to 127.0.0.1 on a free port. POST: verify, then answer; GET /requests:
every request so far as JSON (path, headers that matter, verification outcome, status answered).
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60
PREFIX = "whsec_"


def verify(key, headers, body, now):
    """The Standard Webhooks check: all three headers, a timestamp within the tolerance, one v1 signature
    of "{id}.{timestamp}.{body}" that matches in constant time. Returns None if valid, else why not."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        return "missing webhook-id, webhook-timestamp or webhook-signature"
    try:
        ts = int(timestamp)
    except ValueError:
        return "webhook-timestamp is not an integer"
    if abs(now - ts) > TOLERANCE_SECONDS:
        return "webhook-timestamp outside the tolerance"
    signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return None
    return "no matching v1 signature"


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.fail_first = {}
        for item in filter(None, os.environ.get("FAIL_FIRST", "").split(",")):
            path, _, rest = item.partition("=")
            count, _, status = rest.partition(":")
            self.fail_first[path] = [int(count), int(status)]


KEY = base64.b64decode(os.environ["WEBHOOK_SECRET"][len(PREFIX):])
AUTHORIZATION = os.environ["EXPECTED_AUTHORIZATION"]
STATE = State()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        problem = verify(KEY, headers, body, int(time.time()))
        authorized = hmac.compare_digest(headers.get("authorization", ""), AUTHORIZATION)
        if problem is not None:
            # echoes what it was sent, as careless receivers do: the notifier must scrub it from its receipts
            status, answer = 401, "signature rejected: " + problem + "; authorization was " \
                + headers.get("authorization", "")
        elif not authorized:
            status, answer = 401, "bad authorization"
        else:
            status, answer = 204, ""
            with STATE.lock:
                rule = STATE.fail_first.get(self.path)
                if rule and rule[0] > 0:
                    rule[0] -= 1
                    status, answer = rule[1], "try again later"
        with STATE.lock:
            STATE.requests.append({
                "path": self.path,
                "idempotencyKey": headers.get("idempotency-key"),
                "id": headers.get("webhook-id"),
                "timestamp": headers.get("webhook-timestamp"),
                "signature": headers.get("webhook-signature"),
                "verified": problem is None,
                "problem": problem,
                "authorized": authorized,
                "status": status,
                "body": json.loads(body or b"null"),
            })
        self.send_response(status)
        data = answer.encode()
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with STATE.lock:
            data = json.dumps(STATE.requests).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("listening", server.server_address[1], flush=True)
    server.serve_forever()
