#!/usr/bin/env python3
"""Writes a county of data into a migrated jifen database, every table with COPY (see bench/county-gen.sh).

Towns x villages x households, YEARS*12 months ending with the last ended month (Beijing time): entries (about one
per household and month, a few rejected), their EARN postings, the monthly bonuses of the default scheme, two
redemptions a year per household (with items, batch picks and REDEEM postings), earned figures, accounts, every
month but the last closed and sealed (month_close + month_seal_head), a published notice per village and quarter
with its rows. The hash chains and seals are computed here exactly as posting_hash() (R__ledger.sql) and
ledger/Seal.java do, and loaded with triggers off (session_replication_role = replica) for the load only; the
app's ledger verifier checks a sample afterwards (county-gen.sh).

Usage: county_gen.py DB   (env TOWNS VILLAGES HOUSEHOLDS YEARS SEED OPEN_MONTHS=1, NEW_TOWNS=1 to leave the app's first
       town alone; PG* for the connection). Tested by ledger/CountyGeneratorTest.
"""
import hashlib
import os
import random
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

DB = sys.argv[1]
TOWNS = int(os.environ.get("TOWNS", 20))
VILLAGES = int(os.environ.get("VILLAGES", 15))
HOUSEHOLDS = int(os.environ.get("HOUSEHOLDS", 670))
YEARS = int(os.environ.get("YEARS", 5))
rnd = random.Random(int(os.environ.get("SEED", 15)))
CN = timezone(timedelta(hours=8))


def psql_value(sql):
    return subprocess.run(["psql", "-qtA", "-d", DB, "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


def next_id(table):
    return int(psql_value(f"SELECT coalesce(max(id), 0) + 1 FROM {table}"))


class Copy:
    """One COPY ... FROM STDIN in its own psql session, triggers off (replica) for this session only."""
    all = []

    def __init__(self, table, cols):
        self.table, self.rows = table, 0
        self.p = subprocess.Popen(["psql", "-q", "-d", DB, "-v", "ON_ERROR_STOP=1",
                                   "-c", "SET session_replication_role = replica",
                                   "-c", f"COPY {table} ({cols}) FROM STDIN"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        self.buf = []
        Copy.all.append(self)

    def row(self, *values):
        self.buf.append("\t".join("\\N" if v is None else str(v) for v in values))
        self.rows += 1
        if len(self.buf) >= 5000:
            self.flush()

    def flush(self):
        if self.buf:
            self.p.stdin.write(("\n".join(self.buf) + "\n").encode())
            self.buf = []

    def close(self):
        self.flush()
        self.p.stdin.close()
        if self.p.wait() != 0:
            sys.exit(f"COPY {self.table} failed")


def ts(epoch_us):
    """timestamptz text of an epoch in microseconds (UTC)."""
    s, us = divmod(epoch_us, 1000000)
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(s)) + ".%06d+00" % us


def epoch_us(d, hour, minute=0, second=0):
    return int(datetime(d.year, d.month, d.day, hour, minute, second, tzinfo=CN).timestamp()) * 1000000


def posting_hash(prev, hid, vid, seq, typ, points, month, cause_type, cause_id, reversal_of, reason, actor, at_us):
    text = "|".join((prev, str(hid), str(vid), str(seq), typ, str(points), month, cause_type or "",
                     "" if cause_id is None else str(cause_id), "" if reversal_of is None else str(reversal_of),
                     reason or "", actor, str(at_us)))
    return hashlib.sha256(text.encode()).hexdigest()


def seal_of(vid, month, prev, heads):
    text = "jifen-seal-v1|%d|%s|%s" % (vid, month, prev) + "".join("|%d:%d:%s" % h for h in heads)
    return hashlib.sha256(text.encode()).hexdigest()


# ---- months: YEARS*12 ending with the last ended month; all closed but the last -------------------------------
now_cn = datetime.now(CN)
end_y, end_m = (now_cn.year, now_cn.month - 1) if now_cn.month > 1 else (now_cn.year - 1, 12)
months = []
y, m = end_y, end_m
for _ in range(YEARS * 12):
    months.append((y, m))
    y, m = (y, m - 1) if m > 1 else (y - 1, 12)
months.reverse()
MONTHS = ["%04d-%02d" % ym for ym in months]
OPEN_MONTHS = set(MONTHS[-int(os.environ.get("OPEN_MONTHS", 1)):])  # left open (the last ones), for month-close benchmarks
OPEN = MONTHS[-1]
start = time.time()

# ---- ids: after whatever the migrated database already holds ------------------------------------------------
ids = {t: next_id(t) for t in ("town", "village", "staff", "household", "catalog_item", "entry", "posting",
                               "goods", "batch", "redemption", "notice")}
first_town = int(psql_value("SELECT min(id) FROM town") or 0)
pw_hash = psql_value("SELECT password_hash FROM staff WHERE username = 'admin'")
if not pw_hash:
    sys.exit("no admin user: start the app once with JIFEN_BOOTSTRAP_ADMIN_PASSWORD")


def take(table):
    v = ids[table]
    ids[table] += 1
    return v


c_town = Copy("town", "id, name")
c_village = Copy("village", "id, town_id, code, name")
c_staff = Copy("staff", "id, town_id, village_id, username, password_hash, display_name, role")
c_item = Copy("catalog_item", "id, town_id, village_id, code, category, title, points, unit")
c_household = Copy("household", "id, village_id, number, head_name, phone, group_name")
c_account = Copy("account", "household_id, village_id, available, seq, head_hash, updated_at")
c_entry = Copy("entry", "id, village_id, household_id, item_id, item_code, item_title, unit_points, quantity, points, "
                        "occurred_on, month, status, approvals_needed, approvals, recorded_by, recorded_by_id, created_at, decided_at")
c_posting = Copy("posting", "id, household_id, village_id, seq, type, points, month, cause_type, cause_id, reason, actor, "
                            "created_at, prev_hash, hash")
c_earned = Copy("earned_points", "household_id, village_id, period, points")
c_close = Copy("month_close", "village_id, month, closed_at, closed_by, seal, prev_seal, households")
c_head = Copy("month_seal_head", "village_id, month, household_id, seq, head_hash")
c_goods = Copy("goods", "id, village_id, name, category, unit, points_price")
c_batch = Copy("batch", "id, goods_id, village_id, quantity, remaining, unit_cost_cents, received_on")
c_redemption = Copy("redemption", "id, village_id, household_id, idempotency_key, card_version, total_points, "
                                  "available_after, month, actor, created_at")
c_ritem = Copy("redemption_item", "redemption_id, goods_id, quantity, points_price")
c_pick = Copy("redemption_pick", "redemption_id, batch_id, quantity")
c_notice = Copy("notice", "id, village_id, year, quarter, status, statistics_date, notice_from, notice_to, signatory, "
                          "contact, month_seals, content_hash, created_by, created_at, published_by, published_at")
c_nrow = Copy("notice_row", "notice_id, position, rank, household_id, number, head_name, quarter_points, bonus_points, "
                            "year_points, available_points")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "建国明华英秀兰芳军伟强磊洋勇艳杰娟涛超霞平刚桂玉德福春生海林云"
ITEMS = [  # code, category, title, points, unit
    ("HY01", "环境卫生", "庭院整洁", 5, "次"), ("HY02", "环境卫生", "垃圾分类", 3, "次"), ("HY03", "环境卫生", "门前三包", 4, "次"),
    ("JF01", "家风家教", "孝老爱亲", 10, "次"), ("JF02", "家风家教", "邻里和睦", 6, "次"), ("ZY01", "志愿服务", "志愿服务", 2, "小时"),
    ("ZY02", "志愿服务", "义务巡逻", 3, "次"), ("GY01", "公益活动", "捐资助学", 8, "次"), ("GY02", "公益活动", "无偿献血", 15, "次"),
    ("YF01", "遵纪守法", "移风易俗", 10, "次"), ("AQ01", "平安建设", "反诈宣传", 2, "次"), ("CY01", "产业发展", "科技示范", 12, "次"),
    ("KF01", "扣分项", "乱堆乱放", -5, "次"), ("KF02", "扣分项", "焚烧秸秆", -10, "次"),
]
ITEM_WEIGHTS = [14, 16, 12, 6, 8, 12, 8, 3, 2, 4, 8, 3, 3, 1]
BONUS = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
GOODS = [("食用油", "粮油", "桶", 60), ("大米", "粮油", "袋", 50), ("洗衣粉", "日化", "袋", 12), ("牙膏", "日化", "支", 8),
         ("毛巾", "日用", "条", 10), ("洗洁精", "日化", "瓶", 9), ("肥皂", "日化", "块", 5), ("酱油", "调味", "瓶", 8),
         ("食盐", "调味", "袋", 3), ("挂面", "粮油", "把", 6), ("纸巾", "日用", "提", 15), ("水桶", "日用", "个", 20)]
month_index = {mm: i for i, mm in enumerate(MONTHS)}
years = sorted({y for y, _ in months})

for t in range(TOWNS):
    if t == 0 and first_town and os.environ.get("NEW_TOWNS") != "1":  # the app's first town (bootstrap) is town 1
        town = first_town
    else:
        town = take("town")
        c_town.row(town, "测试镇%02d" % (t + 1))
    c_staff.row(take("staff"), town, None, "town%02d-admin" % (t + 1), pw_hash, "镇管理员%02d" % (t + 1), "TOWN_ADMIN")
    items = []
    for code, cat, title, pts, unit in ITEMS:
        iid = take("catalog_item")
        c_item.row(iid, town, None, code, cat, title, pts, unit)
        items.append((iid, code, title, pts))
    for v in range(VILLAGES):
        vid = take("village")
        tag = "t%02dv%02d" % (t + 1, v + 1)
        c_village.row(vid, town, "v%02d" % (v + 1), "测试村%02d-%02d" % (t + 1, v + 1))
        clerk, clerk_id = "%s-clerk" % tag, take("staff")
        officer, officer_id = "%s-officer" % tag, take("staff")
        c_staff.row(clerk_id, town, vid, clerk, pw_hash, "管理员" + tag, "CLERK")
        c_staff.row(officer_id, town, vid, officer, pw_hash, "村干部" + tag, "OFFICER")
        # goods, and one batch of each per year (received on 2 January or on the first month)
        goods, batches = [], {}
        for name, cat, unit, price in GOODS:
            gid = take("goods")
            c_goods.row(gid, vid, name, cat, unit, price)
            goods.append((gid, price))
        batch_taken = {}
        for y in years:
            for gid, _ in goods:
                bid = take("batch")
                batches[(gid, y)] = bid
                batch_taken[bid] = 0
        # households
        hh = []
        for n in range(HOUSEHOLDS):
            hid = take("household")
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
            phone = "13%d%08d" % (rnd.randint(0, 9), rnd.randrange(10 ** 8))
            number = "%04d" % (n + 1)
            c_household.row(hid, vid, number, name, phone, "第%d组" % (n % 12 + 1))
            hh.append((hid, number, name))
        # entries per household and month; the EARN postings come with the chain below
        events = {hid: [] for hid, _, _ in hh}        # hid -> [(at_us, kind, ...)]
        month_points = [dict() for _ in MONTHS]        # month index -> hid -> EARN+ADJUST points
        for hid, _, _ in hh:
            activity = rnd.choice((0.5, 1.0, 1.0, 1.5, 2.0))
            for mi, (y, m) in enumerate(months):
                k = int(activity + rnd.random())
                for _ in range(k):
                    iid, code, title, pts = rnd.choices(items, ITEM_WEIGHTS)[0]
                    qty = 1 if rnd.random() < 0.8 else rnd.randint(2, 3)
                    day = date(y, m, rnd.randint(1, 27))
                    created = epoch_us(day, rnd.randint(8, 17), rnd.randint(0, 59), rnd.randint(0, 59)) + rnd.randrange(10 ** 6)
                    decided = created + rnd.randint(3600, 20 * 3600) * 1000000
                    eid = take("entry")
                    status = "REJECTED" if rnd.random() < 0.03 else "APPROVED"
                    c_entry.row(eid, vid, hid, iid, code, title, pts, qty, pts * qty, day.isoformat(), MONTHS[mi], status, 1, 1 if status == "APPROVED" else 0,
                                clerk, clerk_id, ts(created), ts(decided))
                    if status == "APPROVED":
                        events[hid].append((decided, "EARN", mi, pts * qty, eid))
                        month_points[mi][hid] = month_points[mi].get(hid, 0) + pts * qty
        # month closes: on the 1st of the next month at 09:00 (Beijing), ranks by the month's points, top ten get bonuses
        close_at = []
        for mi, (y, m) in enumerate(months):
            ny, nm = (y, m + 1) if m < 12 else (y + 1, 1)
            close_at.append(epoch_us(date(ny, nm, 1), 9) + mi * 1000)
            if MONTHS[mi] in OPEN_MONTHS:
                continue
            ranked = sorted(((p, h) for h, p in month_points[mi].items() if p > 0), key=lambda x: (-x[0], x[1]))
            for place, (p, h) in enumerate(ranked[:len(BONUS)]):
                events[h].append((close_at[mi] - 1000 + place, "BONUS", mi, BONUS[place], place + 1))
        # redemptions: on the 15th of the last month of each second quarter (June, December)
        for hid, _, _ in hh:
            for mi, (y, m) in enumerate(months):
                if m in (6, 12) and rnd.random() < 0.9:
                    events[hid].append((epoch_us(date(y, m, 15), rnd.randint(9, 16), rnd.randint(0, 59)) + rnd.randrange(10 ** 6),
                                        "REDEEM", mi, 0, None))
        # the chains, household by household in time order; heads at each close; earned figures
        heads = [[] for _ in MONTHS]                   # month index -> [(hid, seq, hash)] in household order
        earned_q = {}                                  # (hid, 'yyyy-Qn') for the notices
        avail_at_q = {}                                # (hid, quarter end month index) -> available
        for hid, _, _ in hh:
            seq, head, avail = 0, "", 0
            earned = {}
            ev = sorted(events[hid])
            ei = 0
            for mi in range(len(MONTHS)):
                # everything up to this month's close
                while ei < len(ev) and (ev[ei][2] < mi or (ev[ei][2] == mi and ev[ei][0] < close_at[mi])):
                    at, kind, emi, pts, ref = ev[ei]
                    ei += 1
                    month = MONTHS[emi]
                    if kind == "REDEEM":
                        y = months[emi][0]
                        choice = [g for g in goods if g[1] <= avail]
                        if not choice:
                            continue
                        gid, price = rnd.choice(choice)
                        qty = max(1, min(3, avail // price // 2))
                        total = price * qty
                        rid = take("redemption")
                        avail_after = avail - total
                        c_redemption.row(rid, vid, hid, "gen-%d" % rid, 1, total, avail_after, month, clerk, ts(at))
                        c_ritem.row(rid, gid, qty, price)
                        bid = batches[(gid, y)]
                        c_pick.row(rid, bid, qty)
                        batch_taken[bid] += qty
                        typ, points, cause_type, cause_id, reason, actor = "REDEEM", -total, "REDEMPTION", rid, None, clerk
                    elif kind == "EARN":
                        typ, points, cause_type, cause_id, reason, actor = "EARN", pts, "entry", ref, None, officer
                    else:
                        y, m = months[emi]
                        typ, points, cause_type, cause_id = "BONUS", pts, "month-close", y * 100 + m
                        reason, actor = "月度第 %d 名奖励性加分" % ref, officer
                    seq += 1
                    pid = take("posting")
                    h = posting_hash(head, hid, vid, seq, typ, points, month, cause_type, cause_id, None, reason, actor, at)
                    c_posting.row(pid, hid, vid, seq, typ, points, month, cause_type, cause_id, reason, actor, ts(at), head, h)
                    head, avail = h, avail + points
                    if typ != "REDEEM":
                        y = month[:4]
                        q = "%s-Q%d" % (y, (int(month[5:]) + 2) // 3)
                        for period in (month, q, y):
                            earned[period] = earned.get(period, 0) + points
                if seq > 0 and MONTHS[mi] not in OPEN_MONTHS:
                    heads[mi].append((hid, seq, head))
                if months[mi][1] % 3 == 0:
                    avail_at_q[(hid, mi)] = avail
            c_account.row(hid, vid, avail, seq, head, ts(ev[-1][0]) if ev else ts(close_at[0]))
            for period, p in earned.items():
                c_earned.row(hid, vid, period, p)
                if "-Q" in period:
                    earned_q[(hid, period)] = p
            earned_q.update({(hid, "Y" + k): v for k, v in earned.items() if len(k) == 4})
            earned_q.update({(hid, "M" + k): v for k, v in earned.items() if len(k) == 7})
        # seals, month by month in order
        prev = ""
        seals = {}
        for mi, month in enumerate(MONTHS):
            if month in OPEN_MONTHS:
                continue
            s = seal_of(vid, month, prev, heads[mi])
            c_close.row(vid, month, ts(close_at[mi]), officer, s, prev, len(heads[mi]))
            for hid, seq, head in heads[mi]:
                c_head.row(vid, month, hid, seq, head)
            seals[month] = s
            prev = s
        # a published notice per ended quarter whose three months are closed
        for mi, (y, m) in enumerate(months):
            if m % 3 or mi < 2 or any(MONTHS[j] not in seals for j in (mi - 2, mi - 1, mi)):
                continue
            q = "%d-Q%d" % (y, m // 3)
            rows = []
            for hid, number, name in hh:
                qp = earned_q.get((hid, q), 0)
                bonus = 0  # bonuses of the quarter are part of qp; shown separately as in NoticeRules
                rows.append((-qp, number, hid, name, qp, bonus, earned_q.get((hid, "Y%d" % y), 0), avail_at_q.get((hid, mi), 0)))
            rows.sort()
            nid = take("notice")
            stat = date(y, m, 28) + timedelta(days=4)
            month_seals = "\n".join("%s=%s" % (MONTHS[j], seals[MONTHS[j]]) for j in (mi - 2, mi - 1, mi))
            content = hashlib.sha256(("%d|%s|%s" % (nid, month_seals, rows)).encode()).hexdigest()
            published = epoch_us(stat, 10)
            c_notice.row(nid, vid, y, m // 3, "PUBLISHED", stat.isoformat(), stat.isoformat(), (stat + timedelta(days=7)).isoformat(),
                         "村民委员会", "0571-00000000", month_seals.replace("\n", "\\n"), content, officer, ts(published - 3600 * 10 ** 6),
                         officer, ts(published))
            rank, last = 0, None
            for pos, (negp, number, hid, name, qp, bonus, yp, av) in enumerate(rows, 1):
                if negp != last:
                    rank, last = pos, negp
                c_nrow.row(nid, pos, rank, hid, number, name, qp, bonus, yp, av)
        # batches: 100,000 of each goods a year, less what the redemptions took
        for (gid, y), bid in batches.items():
            c_batch.row(bid, gid, vid, 100000, 100000 - batch_taken[bid], 100, date(y, 1, 2).isoformat())
    print("town %d of %d written after %.0f s" % (t + 1, TOWNS, time.time() - start), file=sys.stderr, flush=True)

for c in Copy.all:
    c.close()
# the identity sequences after the ids written here
psql_value("""DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname AS tab, a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
           WHERE c.relnamespace = 'public'::regnamespace AND a.attidentity <> '' AND c.relkind = 'r' LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), greatest(1, (SELECT coalesce(max(%I), 0) FROM %I)))',
                   t.tab, t.col, t.col, t.tab);
  END LOOP;
END $$""")
# the town dashboard's figures of every closed month (village_month_points), which the trigger on month_close would
# have counted at each close (R__dashboard.sql: village_month_figures; CountyGeneratorTest compares the two), in one
# pass over the postings rather than one index scan per village and month
psql_value("""INSERT INTO village_month_points (village_id, month, issued, deducted, redeemed, refunded, earners, postings)
SELECT c.village_id, c.month, coalesce(p.issued, 0), coalesce(p.deducted, 0), coalesce(p.redeemed, 0), coalesce(p.refunded, 0),
       coalesce(e.earners, 0), coalesce(p.postings, 0)
  FROM month_close c
  LEFT JOIN (SELECT village_id, month,
                    sum(points) FILTER (WHERE type IN ('EARN', 'BONUS', 'ADJUST')) AS issued,
                    -sum(points) FILTER (WHERE type IN ('EARN', 'BONUS', 'ADJUST') AND points < 0) AS deducted,
                    -sum(points) FILTER (WHERE type = 'REDEEM') AS redeemed,
                    sum(points) FILTER (WHERE type = 'REFUND') AS refunded, count(*) AS postings
               FROM posting GROUP BY village_id, month) p ON p.village_id = c.village_id AND p.month = c.month
  LEFT JOIN (SELECT village_id, period, count(*) AS earners FROM earned_points WHERE points > 0 GROUP BY village_id, period) e
         ON e.village_id = c.village_id AND e.period = c.month
 WHERE NOT EXISTS (SELECT 1 FROM village_month_points k WHERE k.village_id = c.village_id AND k.month = c.month)""")
print("copy done in %.0f s; open months %s" % (time.time() - start, " ".join(sorted(OPEN_MONTHS))), file=sys.stderr)
