-- Partial measurement records for kpi-score, from Spark SQL (3.3 or
-- later).
--
-- Views: measurements(seq BIGINT, kpi STRING, at STRING,
-- value DECIMAL(38,10)) -- value NULL for "not applicable", seq the order
-- the rows came in (monotonically_increasing_id() keeps file order);
-- kpis(id STRING, cadence STRING) -- week, month, quarter, year or NULL
-- (week).  Write the one column `line` as text to get JSON Lines:
--   spark.sql(open("spark.sql").read()).write.text("partials")
--
-- Exactness: DECIMAL sums are exact (here 10 decimals; widen the type
-- for more), written out as their decimal text; kpi-score reads them as
-- the double nearest them.  (A SUM of DOUBLE would be rounded at every
-- step, in an order that depends on the partitioning.)
WITH m AS (
  SELECT m.seq, m.kpi, m.at, m.value,
         to_utc_timestamp(to_timestamp(m.at), 'UTC') AS ts,
         CAST(date_trunc(upper(coalesce(k.cadence, 'week')),
                         to_timestamp(m.at)) AS DATE) AS period
  FROM measurements AS m JOIN kpis AS k ON k.id = m.kpi
  WHERE m.value IS NOT NULL
)
SELECT to_json(named_struct(
         'kind', 'measurement', 'kpi', kpi,
         'at', CAST(min(CAST(ts AS DATE)) AS STRING),
         'n', count(*), 'sum', sum(value), 'min', min(value),
         'max', max(value),
         'last', max_by(value, struct(ts, seq)),
         'last_at', max_by(at, struct(ts, seq)))) AS line
FROM m
GROUP BY kpi, period
ORDER BY kpi, period;
