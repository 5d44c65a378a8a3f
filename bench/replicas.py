#!/usr/bin/env python3
"""The claims of bench/replicas.sh, checked against two running replicas of one database (python3 stdlib only).

usage (from replicas.sh): python3 bench/replicas.py URL_A URL_B WECHAT_STANDIN_URL
env: PGHOST PGPORT PGUSER PGDATABASE (the replicas' database, read with psql for the counts), ADMIN_PASSWORD,
     CACHE_SECONDS (jifen.portal.cache-seconds of both), LOG_A LOG_B (the replicas' logs), SRC (src/main/java).
Prints PASS/FAIL per claim; exits 1 on any FAIL.
"""
import datetime
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

A, B, WX = sys.argv[1], sys.argv[2], sys.argv[3]
CACHE = float(os.environ.get("CACHE_SECONDS", "2"))
CHINA = datetime.timezone(datetime.timedelta(hours=8))
results = []


def call(base, method, path, body=None, token=None):
    """(status, json or None) of one request."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode(errors="replace")


def ok(base, method, path, body=None, token=None, want=(200, 201)):
    status, answer = call(base, method, path, body, token)
    if status not in want:
        raise SystemExit(f"seed: {method} {base}{path} -> {status} {answer}")
    return answer


def sql(query):
    out = subprocess.run(["psql", "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", query], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def at_once(*calls):
    """Runs the calls in threads released together; answers their results in order."""
    barrier = threading.Barrier(len(calls))
    out = [None] * len(calls)

    def run(i, f):
        barrier.wait()
        out[i] = f()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def claim(name, passed, detail):
    results.append(passed)
    print(f"{'PASS' if passed else 'FAIL'} {name}: {detail}", flush=True)


def stand_in():
    with urllib.request.urlopen(WX + "/_stats", timeout=10) as r:
        return json.load(r)


# ---- seed, through both replicas, as the admin -------------------------------------------------------------
admin = {b: ok(b, "POST", "/api/login", {"username": "admin", "password": os.environ["ADMIN_PASSWORD"]})["token"] for b in (A, B)}
now = datetime.datetime.now(CHINA)
this_month = now.strftime("%Y-%m")
last_month = (now.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
run = uuid.uuid4().hex[:6]
village = ok(A, "POST", "/api/villages", {"code": "rep" + run, "name": "双副本村"}, admin[A])["id"]
N = 12
households = []
for i in range(N):
    base = (A, B)[i % 2]
    phone = f"1390000{i:04d}"
    h = ok(base, "POST", f"/api/villages/{village}/households",
           {"number": f"R{i:03d}", "headName": f"户主{i}", "phone": phone, "group": "一组", "members": []}, admin[base])
    card = ok(base, "GET", f"/api/households/{h['id']}/card", token=admin[base])
    # WeChat mini-program user o-rep-i binds to the household: login code, then card + phone with the bind ticket
    mini = ok(base, "POST", "/api/portal/wechat/mini-login", {"code": f"good-o-rep-{run}-{i}"})
    portal = ok((B, A)[i % 2], "POST", "/api/portal/login",
                {"qrText": card["qrText"], "phoneLast4": phone[-4:], "bindTicket": mini["bindTicket"]})
    households.append({"id": h["id"], "qr": card["qrText"], "portal": portal["token"]})
for i, h in enumerate(households):
    base = (A, B)[i % 2]
    ok(base, "POST", f"/api/households/{h['id']}/adjustments", {"points": 100, "month": this_month, "reason": "双副本测试"}, admin[base])
    ok(base, "POST", f"/api/households/{h['id']}/adjustments", {"points": 20 + i, "month": last_month, "reason": "上月"}, admin[base])
goods = ok(A, "POST", f"/api/villages/{village}/goods", {"name": "食盐", "unit": "袋", "pointsPrice": 5, "category": "日用"}, admin[A])["id"]
ok(B, "POST", f"/api/villages/{village}/purchases", {"supplier": "供销社", "purchasedOn": now.strftime("%Y-%m-%d"),
                                                     "items": [{"goodsId": goods, "quantity": 500, "unitCostCents": 150}]}, admin[B])
print(f"seeded village {village}: {N} households bound to WeChat (mini-program), 100 points each, goods {goods}", flush=True)

# ---- (e) login rate limit across both ------------------------------------------------------------------------
user = "rate" + run
ok(A, "POST", "/api/staff", {"username": user, "password": "right-password", "displayName": "限流测试", "role": "CLERK",
                             "villageId": village}, admin[A])
seen = [call((A, B)[k % 2], "POST", "/api/login", {"username": user, "password": f"wrong-{k}"})[0] for k in range(6)]
right = call(B, "POST", "/api/login", {"username": user, "password": "right-password"})
claim("e login rate limit counts across both", seen == [401] * 5 + [429] and right[0] == 429,
      f"wrong passwords alternating A,B,A,B,A,B -> {seen}; then the right password on B -> {right[0]} {right[1].get('code') if isinstance(right[1], dict) else right[1]}")

# ---- (a) one redemption, whichever replica it reaches -----------------------------------------------------------
h = households[0]
redeem = lambda base, key, qty: call(base, "POST", "/api/redemptions",
                                     {"qrText": h["qr"], "items": [{"goodsId": goods, "quantity": qty}], "idempotencyKey": key}, admin[base])
start = ok(A, "GET", f"/api/households/{h['id']}", token=admin[A])["availablePoints"]
key = "k-" + uuid.uuid4().hex
first = redeem(A, key, 1)
again = redeem(B, key, 1)
other = redeem(B, key, 3)
key2 = "k-" + uuid.uuid4().hex
both = at_once(lambda: redeem(A, key2, 2), lambda: redeem(B, key2, 2))
balance = ok(B, "GET", f"/api/households/{h['id']}", token=admin[B])["availablePoints"]
rows = sql(f"SELECT count(*) FILTER (WHERE idempotency_key = '{key}') || ' ' || count(*) FILTER (WHERE idempotency_key = '{key2}') "
           f"FROM redemption WHERE household_id = {h['id']}")
claim("a redemption on A is a double on B",
      first[0] == 201 and again[0] == 200 and again[1]["id"] == first[1]["id"]
      and other[0] == 200 and other[1]["id"] == first[1]["id"] and other[1]["totalPoints"] == 5
      and sorted(s for s, _ in both) == [200, 201] and both[0][1]["id"] == both[1][1]["id"]
      and rows == "1 1" and balance == start - 5 - 10,
      f"key K on A -> {first[0]} id {first[1].get('id')}; same body on B -> {again[0]} id {again[1].get('id')} (replay); "
      f"other body (3 items) same key on B -> {other[0]} id {other[1].get('id')} totalPoints {other[1].get('totalPoints')} "
      f"(the first redemption again, not carried out); key K2 on A and B at the same moment -> {[s for s, _ in both]} "
      f"ids {[a.get('id') for _, a in both]}; redemption rows per key {rows}; balance {start} -> {balance} (5 + 10: one debit per key)")

# ---- (b) a balance changed on A shows on B within the cache time -----------------------------------------------
h = households[1]
me = lambda base: ok(base, "GET", "/api/portal/me", token=h["portal"])["availablePoints"]
before = me(B)
me(B)  # B keeps the answer for CACHE seconds
ok(A, "POST", f"/api/households/{h['id']}/adjustments", {"points": 7, "month": this_month, "reason": "缓存测试"}, admin[A])
t0 = time.monotonic()
on_a = me(A)
staff_b = ok(B, "GET", f"/api/households/{h['id']}", token=admin[B])["availablePoints"]
seen_b, waited = me(B), 0.0
while seen_b != before + 7 and time.monotonic() - t0 < CACHE + 5:
    time.sleep(0.05)
    seen_b, waited = me(B), time.monotonic() - t0
claim("b balance changed on A shows on B within the cache time",
      on_a == before + 7 and staff_b == before + 7 and seen_b == before + 7 and waited <= CACHE + 0.5,
      f"portal balance {before} -> +7 on A: A's portal shows {on_a} at once, B's staff API {staff_b} at once, "
      f"B's portal (cached) {seen_b} after {waited:.2f} s (jifen.portal.cache-seconds={CACHE:g})")

# ---- (f) the month close started on A and B at the same moment -------------------------------------------------
close = lambda base: call(base, "POST", f"/api/villages/{village}/months/{last_month}/close", {}, admin[base])
closes = at_once(lambda: close(A), lambda: close(B))
won = [a for s, a in closes if s == 200]
refused = [a.get("code") for s, a in closes if s != 200]
counts = sql(f"SELECT (SELECT count(*) FROM month_close WHERE village_id = {village} AND month = '{last_month}') || ' ' || "
             f"(SELECT count(*) FROM posting WHERE village_id = {village} AND month = '{last_month}' AND type = 'BONUS')")
bonuses = len(won[0]["bonuses"]) if won else -1
claim("f month close cannot run twice at once",
      sorted(s for s, _ in closes) == [200, 409] and refused == ["points.month-closed"] and counts == f"1 {bonuses}" and bonuses == 10,
      f"close {last_month} on A and B together -> {[s for s, _ in closes]} {refused}; month_close rows and BONUS postings {counts} "
      f"(the answer listed {bonuses} bonuses)")

# ---- (d) scheduled jobs: a redemption day today; both replicas' reminder crons run every 2 s ------------------
ok(B, "POST", f"/api/villages/{village}/redemption-days", {"day": now.strftime("%Y-%m-%d"), "title": "双副本兑换日"}, admin[B])
time.sleep(7)

# ---- (c) the outbox: wait until every queued message went out, then count deliveries per message ----------------
postings = int(sql(f"SELECT count(*) FROM posting p JOIN wechat_binding b ON b.household_id = p.household_id "
                   f"AND b.created_at <= p.created_at JOIN household h ON h.id = p.household_id WHERE h.village_id = {village}"))
deadline = time.monotonic() + 90
while time.monotonic() < deadline and sql(
        f"SELECT count(*) FILTER (WHERE o.status = 'PENDING') = 0 AND count(*) FILTER (WHERE o.kind LIKE 'posting:%') = {postings} "
        f"AND count(*) FILTER (WHERE o.kind = 'redemption-day') = {N} "
        f"FROM wechat_outbox o JOIN household h ON h.id = o.household_id WHERE h.village_id = {village}") != "t":
    time.sleep(1)
rows = [json.loads(line) for line in sql(
    f"SELECT json_build_object('id', o.id, 'status', o.status, 'attempts', o.attempts, 'kind', o.kind, 'touser', o.openid, "
    f"'template', o.template_id, 'data', o.data) FROM wechat_outbox o JOIN household h ON h.id = o.household_id "
    f"WHERE h.village_id = {village} ORDER BY o.id").splitlines()]
stats = stand_in()
canon = lambda touser, template, data: json.dumps([touser, template, data], sort_keys=True, ensure_ascii=False)
delivered = {}
by_replica = {}
for d in stats["deliveries"]:
    k = canon(d["touser"], d["template_id"], d["data"])
    delivered[k] = delivered.get(k, 0) + 1
    by_replica[d["replica"]] = by_replica.get(d["replica"], 0) + 1
mine = [r for r in rows if r["touser"].startswith(f"o-rep-{run}-")]
per_row = [delivered.get(canon(r["touser"], r["template"], r["data"]), 0) for r in mine]
statuses = {}
for r in mine:
    statuses[r["status"]] = statuses.get(r["status"], 0) + 1
posting_rows = sum(1 for r in mine if r["kind"].startswith("posting:"))
day_rows = sum(1 for r in mine if r["kind"] == "redemption-day")
claim("c outbox sends each message once",
      len(mine) > 0 and statuses == {"SENT": len(mine)} and per_row == [1] * len(mine)
      and sum(delivered.values()) == len(stats["deliveries"]) and all(r["attempts"] == 1 for r in mine)
      and len(by_replica) == 2,
      f"{len(mine)} messages queued, statuses {statuses}, deliveries per message {sorted(set(per_row))}, "
      f"{len(stats['deliveries'])} deliveries in all (by replica {by_replica})")

# ---- (d) scheduled jobs run once ------------------------------------------------------------------------------
jobs = sorted(set(re.findall(r"src/main/java/(\S+)\.java", subprocess.run(
    ["grep", "-rl", "@Scheduled", os.environ.get("SRC", "src/main/java")], capture_output=True, text=True).stdout)))
known = {"org/jifen/shop/RedemptionDayReminder", "org/jifen/wechat/OutboxSender", "org/jifen/wechat/PostingScanner",
         "org/jifen/common/security/Pruning", "org/jifen/ledger/LedgerChecks"}
runs = {}
queued = 0
for name in ("LOG_A", "LOG_B"):
    text = open(os.environ[name], encoding="utf-8", errors="replace").read()
    found = re.findall(r"redemption day reminders queued: (\d+)", text)
    runs[name[-1]] = len(found)
    queued += sum(int(n) for n in found)
claim("d scheduled jobs run once",
      set(jobs) == known and runs.get("A", 0) >= 2 and runs.get("B", 0) >= 2 and queued == N and day_rows == N
      and posting_rows == postings,
      f"@Scheduled jobs: {', '.join(j.split('/')[-1] for j in jobs)} (no other: no expiry-warning job exists; Pruning and LedgerChecks take an advisory lock, the other replica skips, see PruningTest); "
      f"RedemptionDayReminder ran {runs} times on A/B and queued {queued} reminders in all, {day_rows} rows for {N} bound "
      f"households (dedup key per day and binding); PostingScanner (cursor row FOR UPDATE SKIP LOCKED + dedup key) "
      f"queued {posting_rows} rows for {postings} postings of bound households; OutboxSender (FOR UPDATE SKIP LOCKED): see c")

# ---- WeChat access token: one per app, shared ------------------------------------------------------------------
fetches = {k: v for k, v in stats["calls"].items() if k.split(" ")[1] in ("/cgi-bin/token", "/cgi-bin/stable_token")}
claim("wechat one access token per app across replicas",
      stats["invalid_token"] == {} and stats["forced"] == 0 and not any("/cgi-bin/token" == k.split(" ")[1] for k in fetches)
      and all(v == 1 for v in fetches.values()) and len(fetches) == 2,
      f"token calls {fetches}, forced refreshes {stats['forced']}, 40001 answers {stats['invalid_token'] or 0}")

sys.exit(0 if all(results) else 1)
