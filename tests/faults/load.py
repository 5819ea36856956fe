#!/usr/bin/python3
"""A bounded load of real submissions and verifications through the web
server, each client retrying a failed request with the same idempotency
key, as the portal would.

  load.py BASE CITIZENS COMMUNE SECONDS CLIENTS OUT [VCODE...]

CITIZENS is a file of personal numbers (password "demo").  Each client
files temporary residence registrations in COMMUNE as one citizen after
another, and between them verifies one of the confirmation codes given
(and, with MOTCUA_DRILL_OFFICIAL, looks one of the citizens up).
A request that fails (no answer, or a 5xx) is sent again with the same
key, after a short pause, for at most 90 s; a 4xx is an answer, and
counts as refused.  Submissions stop being started after SECONDS; the
ones in hand are finished.

OUT gets one JSON document: the counts (sent, acknowledged, retried,
refused, given up, verifications and their failures), every
acknowledged key with its receipt code, the keys given up, the slowest
answer of each kind, and the longest time the service gave no good
answer (below 500) to any of the clients, who kept asking.
"""
import base64
import datetime
import http.client
import json
import os
import random
import sys
import threading
import time

BASE, CITIZENS, COMMUNE, SECONDS, CLIENTS, OUT = sys.argv[1:7]
VCODES = sys.argv[7:]
HOST, PORT = BASE.split("://", 1)[1].split(":")
PORT = int(PORT)
PIDS = [l.strip() for l in open(CITIZENS) if l.strip()]
UNTIL = (datetime.date.today() + datetime.timedelta(days=200)).isoformat()
RETRY_FOR = 90.0
# an official of COMMUNE (password "demo"): each client also looks one
# of the citizens up, which writes an access-log row
OFFICIAL = os.environ.get("MOTCUA_DRILL_OFFICIAL")

lock = threading.Lock()
counts = {"sent": 0, "acknowledged": 0, "retried": 0, "refused": 0,
          "given_up": 0, "verified": 0, "verify_failed": 0,
          "looked_up": 0,
          "answers": {"submit": {}, "verify": {}, "lookup": {}},
          "slowest_s": {"submit": 0.0, "verify": 0.0, "lookup": 0.0}}
acked = {}
given_up = []
# the service's outage: the longest time without a good answer (one
# below 500) to any client, while the clients kept asking
last_ok = [time.monotonic()]
longest = [0.0]


def note(kind, status, took):
    """An answer (None: none) to a request of that kind, and its time."""
    with lock:
        if took > counts["slowest_s"][kind]:
            counts["slowest_s"][kind] = round(took, 2)
        a = counts["answers"][kind]
        a[str(status)] = a.get(str(status), 0) + 1
        if status is not None and status < 500:
            now = time.monotonic()
            longest[0] = max(longest[0], now - last_ok[0])
            last_ok[0] = now


def request(method, path, pid=None, body=None, user=None):
    """One request on a new connection: (status, body, seconds), status
    None when there was no answer."""
    h = {"Accept": "application/json"}
    if pid is not None or user is not None:
        h["Authorization"] = "Basic " + base64.b64encode(
            ("%s:demo" % (user or pid)).encode()).decode()
    if body is not None:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    # longer than the web server's own limit (nginx: 60 s), so that a
    # missing answer is the service's, not ours
    c = http.client.HTTPConnection(HOST, PORT, timeout=75)
    t0 = time.monotonic()
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        return r.status, r.read(), time.monotonic() - t0
    except (OSError, http.client.HTTPException) as e:
        return None, str(e).encode(), time.monotonic() - t0
    finally:
        c.close()


def submit(pid, key):
    from urllib.parse import urlencode
    body = urlencode({"idempotency_key": key, "commune_code": COMMUNE,
                      "address": "Số %d, ngõ 7, phố Huế" % random.randint(1, 999),
                      "until": UNTIL})
    start = time.monotonic()
    tries = 0
    while True:
        status, out, took = request(
            "POST", "/residence/citizen/dossiers/temporary", pid, body)
        note("submit", status, took)
        tries += 1
        if status is not None and status < 500:
            break
        if time.monotonic() - start > RETRY_FOR:
            with lock:
                given_up.append(key)
                counts["given_up"] += 1
            return
        time.sleep(0.2 + random.random() * 0.3)
    with lock:
        counts["retried"] += tries - 1
        if 200 <= status < 300:
            counts["acknowledged"] += 1
            acked[key] = json.loads(out)["receipt_code"]
        else:
            counts["refused"] += 1
            counts.setdefault("refusals", []).append(
                out.decode("utf-8", "replace")[:200])


def verify():
    code = random.choice(VCODES)
    status, _, took = request("GET", "/residence/confirmations/" + code)
    note("verify", status, took)
    with lock:
        counts["verified"] += 1
        if status != 200:
            counts["verify_failed"] += 1


def lookup():
    """An official's look-up (it writes an access-log row); a read, not
    retried: a retry would be a second read."""
    from urllib.parse import urlencode
    body = urlencode({"pid": random.choice(PIDS),
                      "purpose": "Kiểm tra thông tin khi diễn tập"})
    status, _, took = request("POST", "/residence/official/lookup", None, body,
                              OFFICIAL)
    note("lookup", status, took)
    with lock:
        counts["looked_up"] += 1


def client(n, stop_at):
    i = 0
    while time.monotonic() < stop_at:
        pid = PIDS[(n + i * int(CLIENTS)) % len(PIDS)]
        key = "drill-%d-%d-%d-%d" % (n, i, time.time_ns(), random.randint(0, 1 << 30))
        with lock:
            counts["sent"] += 1
        submit(pid, key)
        if VCODES:
            verify()
        if OFFICIAL:
            lookup()
        i += 1


stop_at = time.monotonic() + float(SECONDS)
threads = [threading.Thread(target=client, args=(n, stop_at))
           for n in range(int(CLIENTS))]
for t in threads:
    t.start()
for t in threads:
    t.join()
counts["unavailable_s"] = round(longest[0], 2)
with open(OUT, "w") as f:
    json.dump({"counts": counts, "acked": acked, "given_up": given_up}, f,
              ensure_ascii=False)
