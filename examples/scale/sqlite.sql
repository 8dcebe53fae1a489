-- Partial measurement records for kpi-score, from SQLite.
--
-- Tables: measurements(kpi TEXT, at TEXT, value TEXT, note TEXT) -- value
-- as written in the sheet: NULL or '' is no measurement, 'n/a' or 'NA' a
-- period that does not apply (written on as a null measurement, scored
-- n/a); note NULL or '' for none (the latest one's is the partial's
-- last_note, which kpi-score puts on the score);
-- kpis(id TEXT, cadence TEXT) -- cadence
-- week, month, quarter or year, empty for the default (week).
-- Output: one JSON line per KPI and period, to be fed with the model
-- records to kpi-score:
--   sqlite3 -batch -noheader db.sqlite <sqlite.sql >partials.jsonl
--
-- Exactness: a SQL sum of floating-point values is rounded after every
-- addition.  Here values are summed as integers scaled by 10^6 (exact in
-- 64 bits), and the sum is written as the decimal it is; kpi-score reads
-- it as the double nearest it.  Values must have at most 6 decimals and
-- be below 9e9 in magnitude.
WITH m AS (
  SELECT m.rowid AS seq, m.kpi, m.at, nullif(trim(m.note), '') AS note,
         CAST(m.value AS REAL) AS v,
         CAST(round(CAST(m.value AS REAL) * 1000000) AS INTEGER) AS v6,
         date(m.at) AS day,
         coalesce(nullif(k.cadence, ''), 'week') AS cadence
  FROM measurements AS m JOIN kpis AS k ON k.id = m.kpi
  WHERE m.value IS NOT NULL AND trim(m.value) <> ''
    AND lower(trim(m.value)) NOT IN ('n/a', 'na')
), q AS (
  -- The first day of the period of its KPI's cadence (weeks from Monday).
  SELECT *,
         CASE cadence
           WHEN 'week' THEN date(day, '-' || ((strftime('%w', day) + 6) % 7) || ' days')
           WHEN 'month' THEN date(day, 'start of month')
           WHEN 'quarter' THEN date(day, 'start of month',
                                    '-' || ((strftime('%m', day) - 1) % 3) || ' months')
           ELSE date(day, 'start of year')
         END AS period
  FROM m
), p AS (
  SELECT *,
         row_number() OVER (PARTITION BY kpi, period
                            ORDER BY julianday(at) DESC, seq DESC) AS latest
  FROM q
), g AS (
  SELECT kpi, period, min(day) AS at, count(*) AS n, sum(v6) AS s6,
         min(v) AS lo, max(v) AS hi,
         max(CASE WHEN latest = 1 THEN v END) AS last,
         max(CASE WHEN latest = 1 THEN at END) AS last_at,
         max(CASE WHEN latest = 1 THEN note END) AS last_note
  FROM p GROUP BY kpi, period
)
SELECT CASE WHEN note IS NULL THEN line
            ELSE json_set(line, '$.' || note_key, note) END
FROM (
  SELECT kpi, period AS day, 0 AS nul, 0 AS seq, last_note AS note,
         'last_note' AS note_key,
         json_object('kind', 'measurement', 'kpi', kpi, 'at', at, 'n', n,
           'sum', json(printf('%s%d.%06d', CASE WHEN s6 < 0 THEN '-' ELSE '' END,
                              abs(s6) / 1000000, abs(s6) % 1000000)),
           'min', lo, 'max', hi, 'last', last, 'last_at', last_at) AS line
  FROM g
  UNION ALL
  -- A period marked not applicable stays one: a null measurement, which
  -- kpi-score scores n/a (no partial can stand for it).
  SELECT m.kpi, date(m.at), 1, m.rowid, nullif(trim(m.note), ''), 'note',
         json_object('kind', 'measurement', 'kpi', m.kpi, 'at', m.at,
                     'value', json('null'))
  FROM measurements AS m JOIN kpis AS k ON k.id = m.kpi
  WHERE lower(trim(m.value)) IN ('n/a', 'na')
) ORDER BY kpi, day, nul, seq;
