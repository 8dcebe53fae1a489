-- Partial measurement records for kpi-score, from PostgreSQL.
--
-- Tables: measurements(seq bigserial, kpi text, at text, value numeric)
-- -- value NULL for "not applicable", seq the order the rows came in;
-- kpis(id text, cadence text) -- week, month, quarter, year or NULL
-- (week).
--   psql -At -f postgresql.sql >partials.jsonl
--
-- Exactness: numeric is an exact decimal type, so sum(value) is the exact
-- sum of the values as written; kpi-score reads it as the double nearest
-- it.  (A sum of double precision values would be rounded at every step.)
WITH m AS (
  SELECT m.seq, m.kpi, m.at, m.value,
         (m.at::timestamptz AT TIME ZONE 'UTC') AS ts,
         date_trunc(coalesce(nullif(k.cadence, ''), 'week'),
                    (m.at::timestamptz AT TIME ZONE 'UTC'))::date AS period
  FROM measurements AS m JOIN kpis AS k ON k.id = m.kpi
  WHERE m.value IS NOT NULL
)
SELECT json_build_object(
         'kind', 'measurement', 'kpi', kpi, 'at', min(ts::date)::text,
         'n', count(*), 'sum', sum(value), 'min', min(value),
         'max', max(value),
         'last', (array_agg(value ORDER BY ts DESC, seq DESC))[1],
         'last_at', (array_agg(at ORDER BY ts DESC, seq DESC))[1])
FROM m
GROUP BY kpi, period
ORDER BY kpi, period;
