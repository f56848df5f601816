#!/usr/bin/env python3
"""A fake xAPI learning-record store for tests/lrs/push.sh (Python 3, standard library only).

Listens on 127.0.0.1 on a port the system picks (or --port, to come back on the same one) and
writes that port to --port-file (atomically, so a test waits for the file instead of sleeping). POST /xapi/statements takes a statement or an
array of them and checks, as an LRS does: the X-Experience-API-Version header (1.0.x), HTTP Basic
auth (--key/--secret), and each statement's required fields (id, actor, verb with id and display,
object with id, timestamp): 400 when one is missing. Statements are stored by id; a batch with an
id already stored (or twice in itself) is refused whole with 409, storing none of it, as the ADL
LRS does. Every statement stored and every POST (its status and ids) is kept in --record (JSON),
rewritten after each POST and read back at start, so a second server goes on from the first.

Told to fail: --fail-first N answers 503 to the first N POSTs; --fail-4xx answers 401 to every
POST; --drop-after N, after N batches stored, takes each later POST as usual (storing what is
new) but closes the connection without a reply, like a network that drops the answer.
"""
import argparse
import base64
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def write_atomically(path, text):
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def problem(st):
    """What is wrong with one statement, or None."""
    if not isinstance(st, dict):
        return "a statement must be an object"
    for field in ("id", "actor", "verb", "object", "timestamp"):
        if field not in st:
            return f"statement {st.get('id', '?')}: {field} is missing"
    if not isinstance(st["id"], str) or not UUID.match(st["id"]):
        return f"statement id {st['id']!r} is not a UUID"
    actor = st["actor"]
    if not isinstance(actor, dict) or not any(k in actor for k in ("mbox", "mbox_sha1sum", "openid", "account")):
        return f"statement {st['id']}: the actor has no identifier"
    if "account" in actor and not (isinstance(actor["account"], dict) and "homePage" in actor["account"] and "name" in actor["account"]):
        return f"statement {st['id']}: account needs homePage and name"
    verb = st["verb"]
    if not isinstance(verb, dict) or not isinstance(verb.get("id"), str) or not isinstance(verb.get("display"), dict):
        return f"statement {st['id']}: verb needs id and display"
    if not isinstance(st["object"], dict) or not isinstance(st["object"].get("id"), str):
        return f"statement {st['id']}: object needs an id"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--port", type=int, default=0, help="0: any free port (a restart passes the one it had)")
    ap.add_argument("--record", required=True)
    ap.add_argument("--key", default="key")
    ap.add_argument("--secret", default="secret")
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--fail-4xx", action="store_true")
    ap.add_argument("--drop-after", type=int, default=-1)
    args = ap.parse_args()

    record = {"statements": {}, "posts": []}
    if os.path.exists(args.record):
        with open(args.record, encoding="utf-8") as f:
            record = json.load(f)
    auth = "Basic " + base64.b64encode(f"{args.key}:{args.secret}".encode()).decode()
    counters = {"posts": 0, "stored_batches": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as libcurl reuses its connection
        # A reply in one write, sent at once: no Nagle wait on each of hundreds of small POSTs.
        wbufsize = 1 << 16
        disable_nagle_algorithm = True

        def log_message(self, *a):
            pass

        def reply(self, status, body):
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Experience-API-Version", "1.0.3")
            self.end_headers()
            self.wfile.write(data)

        def log_post(self, status, ids):
            record["posts"].append({"status": status, "ids": ids})
            write_atomically(args.record, json.dumps(record, ensure_ascii=False))

        def do_GET(self):
            if self.path.rstrip("/").endswith("/about"):
                return self.reply(200, {"version": ["1.0.3"]})
            self.reply(404, {"error": "not found"})

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            counters["posts"] += 1
            if not self.path.split("?")[0].rstrip("/").endswith("/statements"):
                return self.reply(404, {"error": f"no resource {self.path}"})
            if args.fail_4xx:
                self.log_post(401, [])
                return self.reply(401, {"error": "fake LRS: credentials refused (told to fail)"})
            if counters["posts"] <= args.fail_first:
                self.log_post(503, [])
                return self.reply(503, {"error": "fake LRS: unavailable (told to fail)"})
            if not self.headers.get("X-Experience-API-Version", "").startswith("1.0."):
                self.log_post(400, [])
                return self.reply(400, {"error": "X-Experience-API-Version header missing or not 1.0.x"})
            if self.headers.get("Authorization") != auth:
                self.log_post(401, [])
                return self.reply(401, {"error": "bad or missing Basic credentials"})
            try:
                statements = json.loads(body)
            except ValueError as e:
                self.log_post(400, [])
                return self.reply(400, {"error": f"not JSON: {e}"})
            if isinstance(statements, dict):
                statements = [statements]
            if not isinstance(statements, list) or not statements:
                self.log_post(400, [])
                return self.reply(400, {"error": "expected a statement or a non-empty array of statements"})
            for st in statements:
                why = problem(st)
                if why:
                    self.log_post(400, [])
                    return self.reply(400, {"error": why})
            ids = [st["id"] for st in statements]
            drop = 0 <= args.drop_after <= counters["stored_batches"]
            if len(set(ids)) != len(ids) or any(i in record["statements"] for i in ids):
                status = 409
            else:
                status = 200
                for st in statements:
                    record["statements"][st["id"]] = st
                if not drop:
                    counters["stored_batches"] += 1
            if drop:
                self.log_post(f"dropped {status}", ids)
                self.close_connection = True  # no reply at all: the client sees the connection close
                return
            self.log_post(status, ids)
            if status == 409:
                return self.reply(409, {"error": "a statement with one of these ids is already stored"})
            self.reply(200, ids)

    server = HTTPServer(("127.0.0.1", args.port), Handler)
    write_atomically(args.port_file, str(server.server_address[1]))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
