#!/usr/bin/env python3
"""alignkit_ref: an independent reference of kpi-score (SPEC sections 5-7).

Reads a JSON Lines stream (goal, initiative, kpi, measurement and target
records; any other record is ignored) and writes, on standard output, the
`rollup` and `score` records kpi-score derives from it, in kpi-score's order
(kind, then subject id, then period) and field order, with numbers printed
as kpi-score prints them.  Python 3.11 standard library only.  It is written
from the SPEC text, not from lib/score.c or lib/rollup.c, so that a
differential test (tests/cli/score-differential.sh) compares two readings.

usage: alignkit_ref.py --batch DIR [FLAGS...]
       alignkit_ref.py --as-of DATE [--period P] [--periods N]
                       [--red-below X] [--green-at X] [--forecast-window N]
                       [--no-new-fields] [FILE...]

--no-new-fields leaves out the score fields `target`/`min`/`max` and
`forecast`, for comparison with a kpi-score that does not write them yet.
--known-round4 rounds to 4 places as today's kpi-score does (half away from
zero after multiplying by 10000 in doubles: 13333/20000 = 0.66665 gives
0.6667), not as SPEC 1 says (0.6666, from the double 0.666649999...); it
exists only so that the differential test can run while that defect stands.
--known-double-mean computes a rollup's weighted mean in doubles, children in
stream order (KPIs, then child goals), as today's kpi-score appears to,
instead of exactly (R1): (0.5*1 + 2*1 + 1.5*0.5156)/4 is exactly 0.81835,
whose nearest double rounds to 0.8184; the double sum gives
0.81834999999999991, which rounds to 0.8183.  Also only for the known defect.

Readings of the SPEC (where the text leaves room; the lead checks the C code
against these):

 R1  Derived numbers are the exact mathematical value (rational arithmetic),
     rounded once to the nearest double: sums, means, deltas, progress,
     score, weighted means and the forecast.  progress, expected and score
     are then rounded to 4 places from that double's exact binary value,
     ties to even (Python's round(x, 4)); a tie cannot occur for a double.
 R2  score = clamp(p / e) uses the unrounded p and e; status compares the
     score as reported (rounded to 4 places) with 1 and with --red-below, so
     a user never sees score 1 with status amber, or score 0.8 red under the
     default --red-below.
 R3  Rollups: a child's score is the score as reported (rounded); a child
     goal contributes its own rollup score for the same report period.  The
     rollup score is rounded to 4 places like every `score` field, and its
     status compares the rounded score.
 R4  Thresholds in force in a period: the single target record of the KPI
     with the latest `from` (a label: its first day) on or before the
     period's last day (equal `from`: the later in the stream) replaces the
     KPI's own fields that it names; fields it does not name are the KPI's
     own, never an earlier target record's.
 R5  missing: zero counts 0 for a complete period without any measurement
     (null or not) whose last day is on or after the KPI's `start`, else on
     or after the UTC date of its first measurement (of any value, in
     stream order irrelevant: the earliest date); the period holding that
     day is included.  A KPI without `start` and without measurements never
     counts 0.
 R6  previous is the value of the period just before, in the KPI's cadence
     (0 when that period counts 0; null when it has no value or is n/a),
     written whatever this period is (none and n/a periods too); delta and
     trend are null unless both values exist.
 R7  trend: up: v > previous improving, v < previous worsening; down the
     reverse; equal: flat.  range: the distance of each value to the band
     [min, max] in force in this period (0 inside): smaller improving,
     larger worsening, equal flat (so moves inside the band are flat).
 R8  stale, per score record: no measurement (a null one counts) and no
     missing-zero period among the stale_after periods ending with this one.
     An n/a period therefore never makes a KPI stale.  A missing-zero KPI
     with `start` and no measurement at all is stale only before its start.
 R9  forecast: x is the period's last day in days (since 1970-01-01); the
     window is the last --forecast-window periods, up to and including this
     one, and its points are those of them that have a value (missing-zero
     0 included, n/a excluded): the KPI's recent course (SPEC 3), not
     values from years back when the recent periods have none; it is written for up and down KPIs whose `due`
     is after this period's last day, whether or not this period itself has
     a value; fewer than 3 points: null.
 R9b target_at_due: with a forecast, the target in force at `due` when it
     differs from the period's target (a target record moves it); else
     left out.
 R10 status with a red flag: up: red when v < red; down: red when v > red;
     range: red when v < red_min (if given) or v > red_max (if given), else
     amber, even when v is beyond a side of the band without a red flag.
 R11 range progress with red_min = min (or red_max = max) and v outside
     that side: p = 0 (no distance to share); the generator does not make it.
 R12 Measurements dated (UTC date) after --as-of are passed on and not used;
     those of retired KPIs and KPIs not in the stream are not scored.
 R13 A rollup child that is n/a or has no score counts in `children`, not in
     `scored`.  A KPI's contribution is the score of its cadence's period
     that holds the report period's last day, or the one before it when that
     one ends later; it need not be among the KPI's reported periods.
 R14 Derived records sort by kind, then subject id as UTF-8 bytes ("G1" <
     "Goal-1" < "g2"), then period start.
 R15 missing: zero periods and the forecast use the thresholds in force like
     any period; a missing-zero period is a value for previous, delta and
     trend, and a forecast point.
R16 note: the note of the period's latest measurement with a value (latest
     instant, then later in the stream), whatever the aggregate; in a period
     whose measurements are all null, the latest null one's; written only
     when that measurement has a non-empty note.
"""

import argparse
import datetime as dt
import json
import math
import os
import sys
from fractions import Fraction

EPOCH = dt.date(1970, 1, 1)
LEVELS = ("target", "min", "max", "baseline", "red", "red_min", "red_max")


# ---- numbers (SPEC 1) -------------------------------------------------------

def fmt_g(v, prec):
    s = "%.*g" % (prec, v)
    return s


def fmt_num(v):
    v = float(v)
    if v == 0:
        return "0"
    if v == int(v) and abs(v) < 9007199254740992.0:
        return str(int(v))
    for prec in (15, 16, 17):
        s = fmt_g(v, prec)
        if float(s) == v:
            return s
    return s


ROUND4_KNOWN = False


def round4(x):
    x = float(x)
    if ROUND4_KNOWN:
        # Known kpi-score defect (see --known-round4): half away from zero
        # after the product x * 10000 has itself been rounded to a double.
        y = x * 10000.0
        a = abs(y)
        f = math.floor(a)
        f = float(f + 1 if a - f >= 0.5 else f) if a < 2.0 ** 52 else a
        r = (f if y >= 0 else -f) / 10000.0
    else:
        r = round(x, 4)
    return 0.0 if r == 0 else r


def to_float(q):
    """The nearest double to an exact rational (correctly rounded)."""
    return float(q)


class Raw:
    """A number already formatted."""
    def __init__(self, s):
        self.s = s


def enc(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, Raw):
        return v.s
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return fmt_num(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    raise TypeError(v)


def record(fields):
    return "{" + ",".join(json.dumps(k) + ":" + enc(v) for k, v in fields) + "}"


# ---- dates and periods (SPEC 1, 5) -------------------------------------------

def parse_date(s):
    return dt.date.fromisoformat(s) if len(s) == 10 else None


def parse_at(s):
    """(UTC date, UTC instant) of a measurement's `at`."""
    if len(s) == 10:
        d = dt.date.fromisoformat(s)
        return d, dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc)
    t = dt.datetime.fromisoformat(s.replace("z", "Z").replace("Z", "+00:00"))
    u = t.astimezone(dt.timezone.utc)
    return u.date(), u


def days(d):
    return (d - EPOCH).days


class Period:
    __slots__ = ("kind", "start", "end", "label")

    def __init__(self, kind, start, end, label):
        self.kind, self.start, self.end, self.label = kind, start, end, label

    def __eq__(self, o):
        return self.kind == o.kind and self.start == o.start

    def __hash__(self):
        return hash((self.kind, self.start))


def period_of(kind, d):
    if kind == "week":
        y, w, wd = d.isocalendar()
        s = d - dt.timedelta(days=wd - 1)
        return Period(kind, s, s + dt.timedelta(days=6), "%04d-W%02d" % (y, w))
    if kind == "month":
        s = d.replace(day=1)
        n = (s + dt.timedelta(days=32)).replace(day=1)
        return Period(kind, s, n - dt.timedelta(days=1), "%04d-%02d" % (d.year, d.month))
    if kind == "quarter":
        q = (d.month - 1) // 3
        s = dt.date(d.year, 3 * q + 1, 1)
        n = dt.date(d.year + 1, 1, 1) if q == 3 else dt.date(d.year, 3 * q + 4, 1)
        return Period(kind, s, n - dt.timedelta(days=1), "%04d-Q%d" % (d.year, q + 1))
    if kind == "year":
        return Period(kind, dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "%04d" % d.year)
    raise ValueError(kind)


def period_before(p):
    return period_of(p.kind, p.start - dt.timedelta(days=1))


def last_complete(kind, as_of, n):
    """The last n complete periods of kind as of as_of, oldest first."""
    p = period_of(kind, as_of)
    if p.end > as_of:
        p = period_before(p)
    out = [p]
    while len(out) < n:
        out.append(period_before(out[-1]))
    out.reverse()
    return out


def label_first_day(s):
    """First day of a date or a period label (`from` of a target record)."""
    if len(s) == 10 and s[4] == "-" and s[7] == "-":
        return dt.date.fromisoformat(s)
    if "-W" in s:
        y, w = s.split("-W")
        return dt.date.fromisocalendar(int(y), int(w), 1)
    if "-Q" in s:
        y, q = s.split("-Q")
        return dt.date(int(y), 3 * (int(q) - 1) + 1, 1)
    if len(s) == 7:
        return dt.date(int(s[:4]), int(s[5:]), 1)
    if len(s) == 4:
        return dt.date(int(s), 1, 1)
    raise ValueError("bad from: " + s)


# ---- the model -----------------------------------------------------------------

def num(v):
    if v is None:
        return None
    return Fraction(float(v)) if not isinstance(v, bool) else None


class Kpi:
    def __init__(self, r):
        self.r = r
        self.id = r["id"]
        self.measures = r["measures"]
        self.direction = r.get("direction", "up")
        self.aggregate = r.get("aggregate", "last")
        self.missing = r.get("missing", "none")
        self.cadence = r.get("cadence")
        self.stale_after = int(r.get("stale_after", 2))
        self.weight = Fraction(float(r.get("weight", 1)))
        self.active = r.get("status", "active") == "active"
        self.start = parse_date(r["start"]) if "start" in r else None
        self.due = parse_date(r["due"]) if "due" in r else None
        self.own = {k: num(r[k]) for k in LEVELS if k in r}
        self.src = r.get("src")
        self.ms = []        # (utc date, instant, seq, value or None, note or None)
        self.targets = []   # (from day, seq, {field: value})
        self.by_day = None


class Scorer:
    def __init__(self, opts):
        self.o = opts
        self.goals = {}
        self.inits = {}
        self.kpis = {}
        self.pending = []
        self.cache = {}

    def read(self, fp):
        seq = 0
        for line in fp:
            if line.startswith("\ufeff"):
                line = line[1:]
            line = line.rstrip("\r\n")
            if not line:
                continue
            seq += 1
            r = json.loads(line)
            k = r.get("kind")
            if k == "goal":
                self.goals[r["id"]] = r
            elif k == "initiative":
                self.inits[r["id"]] = r
            elif k == "kpi":
                self.kpis[r["id"]] = Kpi(r)
            elif k in ("measurement", "target"):
                self.pending.append((seq, r))

    def link(self):
        for seq, r in self.pending:
            k = self.kpis.get(r["kpi"])
            if k is None:
                continue
            if r["kind"] == "target":
                f = {x: num(r[x]) for x in LEVELS if x in r}
                k.targets.append((label_first_day(r["from"]), seq, f))
                continue
            d, inst = parse_at(r["at"])
            if d > self.o.as_of:
                continue
            v = r["value"]
            k.ms.append((d, inst, seq, None if v is None else Fraction(float(v)),
                         r.get("note") or None))
        for k in self.kpis.values():
            k.by_day = {}
            for m in k.ms:
                k.by_day.setdefault(m[0], []).append(m)
            k.first = min((m[0] for m in k.ms), default=None)
            k.zero_from = k.start if k.start is not None else k.first

    # -- one KPI, one period (SPEC 6) --

    def cadence(self, k):
        return k.cadence or self.o.period

    def levels(self, k, p):
        return self.levels_at(k, p.end)

    def levels_at(self, k, day):
        best = None
        for t in k.targets:
            if t[0] <= day and (best is None or (t[0], t[1]) > (best[0], best[1])):
                best = t
        lv = dict(k.own)
        if best is not None:
            lv.update(best[2])
        return lv

    def bucket(self, k, p):
        """(state, value, n, had_any): state is 'value', 'zero', 'na', 'none'."""
        ms = []
        d = p.start
        while d <= p.end:
            ms.extend(k.by_day.get(d, ()))
            d += dt.timedelta(days=1)
        if not ms:
            if (k.missing == "zero" and k.zero_from is not None
                    and p.end >= k.zero_from):
                return "zero", Fraction(0), 0
            return "none", None, 0
        vals = [m for m in ms if m[3] is not None]
        if not vals:
            return "na", None, 0
        n = len(vals)
        a = k.aggregate
        if a == "last":
            v = max(vals, key=lambda m: (m[1], m[2]))[3]
        elif a == "sum":
            v = sum((m[3] for m in vals), Fraction(0))
        elif a == "avg":
            v = sum((m[3] for m in vals), Fraction(0)) / n
        elif a == "min":
            v = min(m[3] for m in vals)
        elif a == "max":
            v = max(m[3] for m in vals)
        elif a == "count":
            v = Fraction(n)
        else:
            raise ValueError(a)
        # The value is a double: round the exact aggregate once (R1).
        return "value", Fraction(to_float(v)), n

    def note(self, k, p):
        """R16: the note of the latest measurement with a value (instant,
        then stream order); in a period without one, of the latest null."""
        ms = []
        d = p.start
        while d <= p.end:
            ms.extend(k.by_day.get(d, ()))
            d += dt.timedelta(days=1)
        vals = [m for m in ms if m[3] is not None] or ms
        if not vals:
            return None
        return max(vals, key=lambda m: (m[1], m[2]))[4]

    def progress(self, k, lv, v):
        t = lv.get("target")
        if k.direction == "up":
            f = lv.get("baseline", lv.get("red", Fraction(0)))
            if t == f:
                return Fraction(1 if v >= t else 0)
            return (v - f) / (t - f)
        if k.direction == "down":
            f = lv.get("baseline", lv.get("red"))
            if f is not None:
                if f == t:
                    return Fraction(1 if v <= t else 0)
                return (f - v) / (f - t)
            if v <= t:
                return Fraction(1)
            return t / v if t > 0 else Fraction(0)
        lo, hi = lv["min"], lv["max"]
        if lo <= v <= hi:
            return Fraction(1)
        if v < lo:
            rm = lv.get("red_min")
            if rm is None or rm == lo:
                return Fraction(0)
            return (v - rm) / (lo - rm)
        rx = lv.get("red_max")
        if rx is None or rx == hi:
            return Fraction(0)
        return (rx - v) / (rx - hi)

    def expected(self, k, p):
        if (k.start is None or k.due is None or k.direction == "range"
                or k.targets):
            return Fraction(1)
        e = Fraction(days(p.end) - days(k.start), days(k.due) - days(k.start))
        return min(max(e, Fraction(0)), Fraction(1))

    def met(self, k, lv, v):
        if k.direction == "up":
            return v >= lv["target"]
        if k.direction == "down":
            return v <= lv["target"]
        return lv["min"] <= v <= lv["max"]

    def status(self, k, lv, v, s):
        if self.met(k, lv, v) or s == 1:
            return "green"
        if k.direction == "up" and "red" in lv:
            return "red" if v < lv["red"] else "amber"
        if k.direction == "down" and "red" in lv:
            return "red" if v > lv["red"] else "amber"
        if k.direction == "range" and ("red_min" in lv or "red_max" in lv):
            if "red_min" in lv and v < lv["red_min"]:
                return "red"
            if "red_max" in lv and v > lv["red_max"]:
                return "red"
            return "amber"
        return "red" if s < self.o.red_below else "amber"

    def trend(self, k, lv, v, prev):
        if k.direction == "up":
            c = (v > prev) - (v < prev)
        elif k.direction == "down":
            c = (v < prev) - (v > prev)
        else:
            def dist(x):
                if x < lv["min"]:
                    return lv["min"] - x
                if x > lv["max"]:
                    return x - lv["max"]
                return Fraction(0)
            dv, dp = dist(v), dist(prev)
            c = (dv < dp) - (dv > dp)
        return {1: "improving", -1: "worsening", 0: "flat"}[c]

    def valued(self, k, p):
        st, v, _ = self.bucket(k, p)
        return v if st in ("value", "zero") else None

    def forecast(self, k, p):
        if k.direction == "range" or k.due is None or not k.due > p.end:
            return None
        pts = []
        q = p
        # The window is the last forecast_window periods; those of them
        # that have a value are the points (R9).
        for _ in range(self.o.forecast_window):
            v = self.valued(k, q)
            if v is not None:
                pts.append((Fraction(days(q.end)), v))
            q = period_before(q)
        if len(pts) < 3:
            return None
        nn = len(pts)
        mx = sum(x for x, _ in pts) / nn
        my = sum(y for _, y in pts) / nn
        sxx = sum((x - mx) ** 2 for x, _ in pts)
        sxy = sum((x - mx) * (y - my) for x, y in pts)
        return to_float(my + sxy / sxx * (days(k.due) - mx))

    def score(self, k, p):
        key = (k.id, p.start)
        if key in self.cache:
            return self.cache[key]
        lv = self.levels(k, p)
        st, v, n = self.bucket(k, p)
        e = self.expected(k, p)
        out = {"period": p, "levels": lv, "n": n, "expected": round4(to_float(e)),
               "value": None, "progress": None, "score": None}
        if st in ("value", "zero"):
            pr = self.progress(k, lv, v)
            if e == 0:
                s = Fraction(1 if pr >= 0 else 0)
            else:
                s = min(max(pr / e, Fraction(0)), Fraction(1))
            out["value"] = to_float(v)
            out["progress"] = round4(to_float(pr))
            out["score"] = round4(to_float(s))
            out["status"] = self.status(k, lv, v, Fraction(out["score"]))
        else:
            out["status"] = "n/a" if st == "na" else "none"
        prev = self.valued(k, period_before(p))
        out["previous"] = None if prev is None else to_float(prev)
        if prev is not None and st in ("value", "zero"):
            out["delta"] = to_float(v - prev)
            out["trend"] = self.trend(k, lv, v, prev)
        else:
            out["delta"] = out["trend"] = None
        stale = True
        q = p
        for _ in range(k.stale_after):
            if self.bucket(k, q)[0] != "none":
                stale = False
                break
            q = period_before(q)
        out["stale"] = stale
        out["forecast"] = self.forecast(k, p)
        # The target the forecast is judged by, when a target record
        # makes it other than the period's.
        out["target_at_due"] = None
        if out["forecast"] is not None:
            due = self.levels_at(k, k.due).get("target")
            if due is not None and due != lv.get("target"):
                out["target_at_due"] = to_float(due)
        out["note"] = self.note(k, p)
        self.cache[key] = out
        return out

    def score_record(self, k, sc):
        p = sc["period"]
        f = [("kind", "score"), ("kpi", k.id), ("measures", k.measures),
             ("period", p.label), ("start", p.start.isoformat()),
             ("end", p.end.isoformat()), ("value", sc["value"]), ("n", sc["n"])]
        if not self.o.no_new_fields:
            lv = sc["levels"]
            if k.direction == "range":
                f += [("min", to_float(lv["min"])), ("max", to_float(lv["max"]))]
            else:
                f += [("target", to_float(lv["target"]))]
        f += [("progress", sc["progress"]), ("expected", sc["expected"]),
              ("score", sc["score"]), ("status", sc["status"]),
              ("previous", sc["previous"]), ("delta", sc["delta"]),
              ("trend", sc["trend"]), ("stale", sc["stale"])]
        if not self.o.no_new_fields:
            f += [("forecast", sc["forecast"])]
            if sc["target_at_due"] is not None:
                f += [("target_at_due", sc["target_at_due"])]
        if sc["note"] is not None:
            f += [("note", sc["note"])]
        if k.src is not None:
            f += [("src", k.src)]
        return record(f)

    # -- rollups (SPEC 7) --

    def rollup(self, gid, typ, r, memo):
        key = (typ, gid)
        if key in memo:
            return memo[key]
        memo[key] = (None, 0, 0)   # a cycle contributes nothing
        kids = []
        for k in self.kpis.values():
            if k.active and k.measures == gid:
                q = period_of(self.cadence(k), r.end)
                if q.end > r.end:
                    q = period_before(q)
                sc = self.score(k, q)
                kids.append((k.weight, None if sc["status"] == "n/a" else sc["score"]))
        if typ == "goal":
            for g in self.goals.values():
                if g.get("parent") == gid and g.get("status", "active") == "active":
                    s = self.rollup(g["id"], "goal", r, memo)[0]
                    kids.append((Fraction(float(g.get("weight", 1))), s))
        scored = [(w, Fraction(s)) for w, s in kids if s is not None]
        if not scored:
            res = (None, len(kids), 0)
        else:
            rec = (self.goals[gid] if typ == "goal" else self.inits[gid])
            if typ == "goal" and rec.get("rollup", "mean") == "min":
                s = min(x for _, x in scored)
            else:
                s = sum(w * x for w, x in scored) / sum(w for w, _ in scored)
                if self.o.known_double_mean:
                    # Known kpi-score defect (see --known-double-mean).
                    num_, den_ = 0.0, 0.0
                    for w, x in scored:
                        num_ += float(w) * float(x)
                        den_ += float(w)
                    s = num_ / den_
            res = (round4(to_float(s)), len(kids), len(scored))
        memo[key] = res
        return res

    def rollup_records(self):
        out = []
        subjects = [(g, "goal") for g, r in self.goals.items()
                    if r.get("status", "active") == "active"]
        subjects += [(i, "initiative") for i, r in self.inits.items()
                     if r.get("status", "active") == "active"]
        for r in last_complete(self.o.period, self.o.as_of, self.o.periods):
            memo = {}
            for sid, typ in subjects:
                s, nk, ns = self.rollup(sid, typ, r, memo)
                if s is None:
                    st = "none"
                elif s >= self.o.green_at:
                    st = "green"
                elif s < self.o.red_below:
                    st = "red"
                else:
                    st = "amber"
                rec = self.goals[sid] if typ == "goal" else self.inits[sid]
                f = [("kind", "rollup"), ("of", sid), ("type", typ),
                     ("period", r.label), ("end", r.end.isoformat()),
                     ("score", s), ("status", st), ("children", nk), ("scored", ns)]
                if "src" in rec:
                    f.append(("src", rec["src"]))
                out.append((sid.encode(), r.start, record(f)))
        return out

    def score_records(self):
        out = []
        for k in self.kpis.values():
            if not k.active:
                continue
            for p in last_complete(self.cadence(k), self.o.as_of, self.o.periods):
                out.append((k.id.encode(), p.start, self.score_record(k, self.score(k, p))))
        return out


def main(argv):
    if argv and argv[0] == "--batch":
        # --batch DIR [FLAGS...]: for every DIR/SEED.jsonl, the options in
        # DIR/SEED.opts plus FLAGS, output to DIR/SEED.ref (one process for
        # many models: the differential test's speed).
        d = argv[1]
        for name in sorted(os.listdir(d)):
            if not name.endswith(".jsonl"):
                continue
            base = os.path.join(d, name[:-6])
            with open(base + ".opts", encoding="utf-8") as f:
                opts = f.read().split()
            with open(base + ".ref", "w", encoding="utf-8") as out:
                run(opts + argv[2:] + [base + ".jsonl"], out)
        return
    run(argv, sys.stdout)


def run(argv, out):
    ap = argparse.ArgumentParser(prog="alignkit_ref.py")
    ap.add_argument("--as-of", required=True, type=dt.date.fromisoformat)
    ap.add_argument("--period", default="week",
                    choices=("week", "month", "quarter", "year"))
    ap.add_argument("--periods", type=int, default=1)
    ap.add_argument("--red-below", type=float, default=0.8)
    ap.add_argument("--green-at", type=float, default=0.95)
    ap.add_argument("--forecast-window", type=int, default=6)
    ap.add_argument("--no-new-fields", action="store_true")
    ap.add_argument("--known-round4", action="store_true")
    ap.add_argument("--known-double-mean", action="store_true")
    ap.add_argument("files", nargs="*")
    o = ap.parse_args(argv)
    global ROUND4_KNOWN
    ROUND4_KNOWN = o.known_round4
    s = Scorer(o)
    if not o.files:
        o.files = ["-"]
    for f in o.files:
        if f == "-":
            s.read(sys.stdin)
        else:
            with open(f, encoding="utf-8") as fp:
                s.read(fp)
    s.link()
    for recs in (s.rollup_records(), s.score_records()):
        for _, _, line in sorted(recs, key=lambda t: (t[0], t[1])):
            out.write(line + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
