#!/usr/bin/env python3
"""gen_model: a seeded random alignkit model for the kpi-score differential
test (tests/cli/score-differential.sh).

usage: gen_model.py --seed N [--options] | --seeds FIRST-LAST --dir DIR [--no-targets] [--no-null]
                    [--no-missing-zero] [--no-min-rollup] [--no-forecast]
                    [--no-offsets] [--no-decimal-values] [--no-same-day-times]

Writes, on standard output, the JSON Lines stream goals-load would make of a
model (canonical records: fields in the SPEC's table order, numbers in the
one number format, `src` on model records): a goal tree with weights and
`rollup: min` goals, initiatives, KPIs of every direction, aggregate, cadence
and `missing`, pacing windows, phased `target` records (`from` a date or a
period label), null measurements, RFC 3339 date-times with offsets, equal
instants, stale KPIs and enough history for forecasts, plus a record of a
kind kpi-score does not know.  The same seed gives the same stream.

--seeds FIRST-LAST --dir DIR writes, for each seed, DIR/SEED.jsonl (the
model) and DIR/SEED.opts (its options).  --options prints instead the kpi-score options for that seed (as-of, report
period, periods, thresholds; --forecast-window unless --no-forecast), one a
word, on one line.  The --no-* flags leave a feature out, for a kpi-score
that does not implement it yet (pass the same flags with --options).
--no-decimal-values makes every measured value a multiple of 1/4, whose sums
are exact in doubles (so that any summation order gives the same double);
--no-same-day-times gives a KPI at most one measurement per UTC day (apart
from equal-instant twins), so that `last` never orders by time of day.
"""

import argparse
import datetime as dt
import random
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from alignkit_ref import fmt_num, record, period_of, period_before  # noqa: E402

CADENCES = (None, "week", "week", "month", "month", "quarter", "year")
AGGREGATES = ("last", "sum", "avg", "min", "max", "count")


def dec(rnd, lo, hi, places=1):
    return round(rnd.uniform(lo, hi), places)


class Gen:
    def __init__(self, o):
        self.o = o
        self.r = random.Random(o.seed)
        r = self.r
        self.as_of = dt.date(2025, 6, 1) + dt.timedelta(days=r.randrange(600))
        self.period = r.choice(("week", "week", "month", "quarter"))
        self.periods = r.choice((1, 1, 2, 3, 5))
        self.red_below, self.green_at = r.choice(
            ((None, None), (None, None), (0.5, 0.9), (0.7, 1), (0.8, 0.8)))
        self.window = r.choice((3, 4, 6, 6, 8))
        self.lines = []
        self.line_no = {}

    def src(self, f):
        self.line_no[f] = self.line_no.get(f, 1) + 1
        return "%s:%d" % (f, self.line_no[f])

    def emit(self, fields):
        self.lines.append(record([(k, v) for k, v in fields if v is not None]))

    def options(self):
        w = ["--as-of", self.as_of.isoformat(), "--period", self.period,
             "--periods", str(self.periods)]
        if self.red_below is not None:
            w += ["--red-below", fmt_num(self.red_below),
                  "--green-at", fmt_num(self.green_at)]
        if not self.o.no_forecast:
            w += ["--forecast-window", str(self.window)]
        return " ".join(w)

    def goals(self):
        r = self.r
        ids = []
        for i in range(r.randint(3, 7)):
            gid = r.choice(("G", "g", "Goal-")) + str(i + 1)
            parent = r.choice(ids) if ids and r.random() < 0.7 else None
            ids.append(gid)
            w = r.choice((None, None, 1, 2, 3, 0.5, 1.5))
            status = "retired" if r.random() < 0.1 else None
            rollup = None
            if not self.o.no_min_rollup and r.random() < 0.3:
                rollup = "min"
            elif r.random() < 0.1:
                rollup = "mean"
            self.emit([("kind", "goal"), ("id", gid), ("title", "Goal " + gid),
                       ("parent", parent), ("weight", w and float(w)),
                       ("status", status), ("rollup", rollup),
                       ("src", self.src("goals.csv"))])
        self.goal_ids = ids

    def initiatives(self):
        r = self.r
        ids = []
        for i in range(r.randint(1, 3)):
            iid = "I%d" % (i + 1)
            ids.append(iid)
            sup = r.sample(self.goal_ids, r.randint(1, min(2, len(self.goal_ids))))
            supports = "[" + ",".join('{"goal":"%s","weight":1}' % g for g in sup) + "]"
            status = r.choice((None, None, None, "proposed", "done"))
            line = record([("kind", "initiative"), ("id", iid),
                           ("title", "Initiative " + iid)])
            tail = record([("status", status)] if status else [])
            src = record([("src", self.src("initiatives.csv"))])
            self.lines.append(line[:-1] + ',"supports":' + supports
                              + ("," + tail[1:-1] if status else "")
                              + "," + src[1:])
        self.init_ids = ids

    def levels(self, direction):
        """A KPI's own thresholds, valid under SPEC 2."""
        r = self.r
        lv = {}
        if direction == "up":
            t = dec(r, 5, 100)
            lv["target"] = t
            if r.random() < 0.5:
                lv["baseline"] = dec(r, 0, t)
            if r.random() < 0.4:
                lv["red"] = round(t - dec(r, 0.5, t), 1)
        elif direction == "down":
            t = dec(r, 1, 50)
            lv["target"] = t
            if r.random() < 0.4:
                lv["baseline"] = round(t + dec(r, 0, 50), 1)
            if r.random() < 0.4:
                lv["red"] = round(t + dec(r, 0.5, 30), 1)
        else:
            lo = dec(r, 5, 50)
            hi = round(lo + dec(r, 0, 20), 1)
            lv["min"], lv["max"] = lo, hi
            if r.random() < 0.5:
                lv["red_min"] = round(lo - dec(r, 0.5, 5), 1)
            if r.random() < 0.5:
                lv["red_max"] = round(hi + dec(r, 0.5, 5), 1)
        return lv

    def phase(self, direction, own):
        """A target record's fields: merged with `own`, still valid."""
        r = self.r
        new = self.levels(direction)
        keys = list(new)
        pick = {k: new[k] for k in keys if r.random() < 0.6 or k in ("target", "min")}
        merged = dict(own)
        merged.update(pick)
        if direction == "range" and merged["min"] > merged["max"]:
            pick["max"] = merged["max"] = new["max"] if new["max"] >= merged["min"] else merged["min"]
        # Bring along every own field the new values would break.
        for k in ("baseline", "red", "red_min", "red_max", "max"):
            if k in merged and not self.valid(direction, merged):
                if k in new:
                    pick[k] = merged[k] = new[k]
                else:
                    pick[k] = merged[k] = self.fix(direction, k, merged)
        assert self.valid(direction, merged), (own, pick)
        return pick

    def fix(self, direction, k, m):
        if direction == "up":
            return m["target"] if k == "baseline" else round(m["target"] - 1, 1)
        if direction == "down":
            return m["target"] if k == "baseline" else round(m["target"] + 1, 1)
        if k == "max":
            return m["min"]
        return round(m["min"] - 1, 1) if k == "red_min" else round(m["max"] + 1, 1)

    @staticmethod
    def valid(direction, m):
        if direction == "up":
            return m.get("baseline", -1e9) <= m["target"] and m.get("red", -1e9) < m["target"]
        if direction == "down":
            return m.get("baseline", 1e9) >= m["target"] and m.get("red", 1e9) > m["target"]
        return (m["min"] <= m["max"] and m.get("red_min", -1e9) < m["min"]
                and m.get("red_max", 1e9) > m["max"])

    def at(self, d):
        r = self.r
        if self.o.no_offsets or r.random() < 0.7:
            return d.isoformat()
        h, mi = r.randrange(24), r.choice((0, 15, 30, 45))
        off = r.choice((0, 60, -60, 330, -300, 600, -720, 840))
        t = dt.datetime(d.year, d.month, d.day, h, mi, tzinfo=dt.timezone.utc)
        loc = t.astimezone(dt.timezone(dt.timedelta(minutes=off)))
        s = loc.strftime("%Y-%m-%dT%H:%M:%S")
        if off == 0 and r.random() < 0.5:
            return s + "Z"
        sign = "+" if off >= 0 else "-"
        return s + "%s%02d:%02d" % (sign, abs(off) // 60, abs(off) % 60)

    def kpis(self):
        r = self.r
        subjects = self.goal_ids + self.init_ids
        self.meas = []
        self.tgts = []
        for i in range(r.randint(4, 14)):
            kid = r.choice(("K", "K-", "k", "KPI")) + str(i + 1)
            direction = r.choice(("up", "up", "down", "range"))
            agg = r.choice(AGGREGATES)
            missing = None
            if agg in ("sum", "count") and not self.o.no_missing_zero and r.random() < 0.5:
                missing = "zero"
            elif not self.o.no_missing_zero and r.random() < 0.1:
                missing = "none"
            cadence = r.choice(CADENCES)
            cad = cadence or self.period
            lv = self.levels(direction)
            if agg == "count" and direction != "range":
                # Counts are small integers: keep the thresholds near them.
                lv = {k: round(v / 10, 1) for k, v in lv.items()}
                if direction == "up" and lv["target"] <= 0:
                    lv["target"] = 1.0
                for k in ("baseline", "red"):
                    if k in lv and not self.valid(direction, lv):
                        del lv[k]
            start = due = None
            if r.random() < 0.45:
                start = self.as_of - dt.timedelta(days=r.randrange(30, 400))
                due = start + dt.timedelta(days=r.randrange(1, 700))
                if self.o.no_forecast and due > self.as_of:
                    due = self.as_of - dt.timedelta(days=r.randrange(0, 20))
                    if due <= start:
                        due = start + dt.timedelta(days=1)
            elif missing and r.random() < 0.5:
                start = self.as_of - dt.timedelta(days=r.randrange(0, 200))
            stale_after = r.choice((None, None, 1, 3))
            weight = r.choice((None, None, 1, 2, 0.5, 3))
            status = "retired" if r.random() < 0.08 else None
            fields = [("kind", "kpi"), ("id", kid), ("name", "KPI " + kid),
                      ("measures", r.choice(subjects)),
                      ("direction", direction if r.random() < 0.8 or direction != "up" else None)]
            for k in ("target", "min", "max", "baseline", "red", "red_min", "red_max"):
                fields.append((k, lv.get(k)))
            fields += [("start", start and start.isoformat()), ("due", due and due.isoformat()),
                       ("aggregate", agg if agg != "last" or r.random() < 0.5 else None),
                       ("missing", missing), ("cadence", cadence),
                       ("stale_after", stale_after), ("weight", weight and float(weight)),
                       ("unit", r.choice((None, "%", "count"))), ("status", status),
                       ("src", self.src("kpis.csv"))]
            self.emit(fields)
            self.history(kid, cad, direction, lv, agg)
            if not self.o.no_targets and r.random() < 0.35:
                for _ in range(r.randint(1, 3)):
                    day = self.as_of - dt.timedelta(days=r.randrange(-20, 300))
                    if r.random() < 0.5:
                        frm = day.isoformat()
                    else:
                        frm = period_of(r.choice(("week", "month", "quarter", "year", cad)), day).label
                    pick = self.phase(direction, lv)
                    f = [("kind", "target"), ("kpi", kid), ("from", frm)]
                    f += [(k, pick.get(k)) for k in ("target", "min", "max", "baseline",
                                                      "red", "red_min", "red_max")]
                    f.append(("src", self.src("targets.csv")))
                    self.tgts.append(f)

    def history(self, kid, cad, direction, lv, agg):
        r = self.r
        centre = lv.get("target", (lv.get("min", 0) + lv.get("max", 0)) / 2)
        slope = r.uniform(-0.05, 0.05) * max(abs(centre), 1)
        p = period_of(cad, self.as_of)
        # Up to 12 periods back (plus the current one, and a few days after
        # as-of, which kpi-score passes on); the latest periods are sometimes
        # left empty so that the KPI goes stale.
        depth = r.choice((0, 2, 5, 8, 12))
        empty_tail = r.choice((0, 0, 0, 1, 2, 3))
        periods = []
        q = p
        for _ in range(depth + 1):
            periods.append(q)
            q = period_before(q)
        used = set()
        for back, q in enumerate(periods):
            if back and back <= empty_tail:
                continue
            if r.random() < 0.2:
                continue
            span = (q.end - q.start).days + 1
            count = r.choice((1, 1, 1, 2, 3))
            for _ in range(count):
                d = q.start + dt.timedelta(days=r.randrange(span))
                if d > self.as_of + dt.timedelta(days=5):
                    continue
                if self.o.no_same_day_times:
                    if d in used:
                        continue
                    used.add(d)
                if agg == "count":
                    v = float(r.randint(0, 3))
                else:
                    v = centre + slope * (len(periods) - back) + r.uniform(-0.3, 0.3) * max(abs(centre), 1)
                    if self.o.no_decimal_values:
                        v = round(v * 4) / 4
                    else:
                        v = round(v, r.choice((0, 1, 2)))
                if not self.o.no_null and r.random() < 0.08:
                    v = None
                at = self.at(d)
                self.add_meas(kid, at, v)
                if r.random() < 0.1:
                    # Equal instant: later in the stream wins for `last`.
                    self.add_meas(kid, at, v if v is None else v + 1, "same instant")

    def add_meas(self, kid, at, v, note=None):
        f = [("kind", "measurement"), ("kpi", kid), ("at", at)]
        self.meas.append((f, v, note))

    def measurements(self):
        r = self.r
        r.shuffle(self.meas)
        # Keep each equal-instant pair in its order: a stable re-sort puts a
        # "same instant" record after its twin.
        ordered = []
        twins = [m for m in self.meas if m[2]]
        firsts = [m for m in self.meas if not m[2]]
        for m in firsts:
            ordered.append(m)
        for m in twins:
            ordered.append(m)
        for f, v, note in ordered:
            line = record(f)
            extra = ',"value":' + ("null" if v is None else fmt_num(v))
            if note:
                extra += ',"note":"%s"' % note
            elif v is None:
                extra += ',"note":"not applicable"'
            if r.random() < 0.5:
                extra += ',"src":"%s"' % self.src("measurements.csv")
            self.lines.append(line[:-1] + extra + "}")
        for f in self.tgts:
            self.emit(f)

    def run(self):
        self.goals()
        self.initiatives()
        self.lines.append('{"kind":"comment","text":"passed through","jira":"OPS-12"}')
        self.kpis()
        self.measurements()
        return self.lines


def main(argv):
    ap = argparse.ArgumentParser(prog="gen_model.py")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--seeds", metavar="FIRST-LAST",
                    help="write the models of seeds FIRST to LAST into --dir")
    ap.add_argument("--dir", help="with --seeds: where SEED.jsonl and SEED.opts go")
    ap.add_argument("--options", action="store_true")
    for f in ("targets", "null", "missing-zero", "min-rollup", "forecast", "offsets",
              "decimal-values", "same-day-times"):
        ap.add_argument("--no-" + f, action="store_true")
    o = ap.parse_args(argv)
    if o.seeds:
        a, b = (int(x) for x in o.seeds.split("-"))
        for seed in range(a, b + 1):
            o.seed = seed
            base = __import__("os").path.join(o.dir, str(seed))
            with open(base + ".opts", "w", encoding="utf-8") as f:
                f.write(Gen(o).options() + "\n")
            with open(base + ".jsonl", "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in Gen(o).run()))
        return
    if o.seed is None:
        ap.error("--seed or --seeds is required")
    g = Gen(o)
    if o.options:
        print(g.options())
        return
    lines = g.run()
    sys.stdout.write("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main(sys.argv[1:])
