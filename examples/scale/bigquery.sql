-- Partial measurement records for kpi-score, from BigQuery (GoogleSQL).
--
-- Tables: measurements(seq INT64, kpi STRING, at STRING, value BIGNUMERIC)
-- -- value NULL for "not applicable", seq the order the rows came in;
-- kpis(id STRING, cadence STRING) -- week, month, quarter, year or NULL
-- (week).  Export the one column `line` as CSV without a header, or read
-- it with `bq query --format=csv`, to get JSON Lines.
--
-- Exactness: BIGNUMERIC is an exact decimal type (76 digits, 38 after the
-- point), so SUM(value) is the exact sum of the values as written,
-- written out as its decimal text; kpi-score reads it as the double
-- nearest it.  (A SUM of FLOAT64 would be rounded at every step.)
WITH m AS (
  SELECT m.seq, m.kpi, m.at, m.value, TIMESTAMP(m.at) AS ts,
         CASE IFNULL(k.cadence, 'week')
           WHEN 'week' THEN DATE_TRUNC(DATE(TIMESTAMP(m.at)), ISOWEEK)
           WHEN 'month' THEN DATE_TRUNC(DATE(TIMESTAMP(m.at)), MONTH)
           WHEN 'quarter' THEN DATE_TRUNC(DATE(TIMESTAMP(m.at)), QUARTER)
           ELSE DATE_TRUNC(DATE(TIMESTAMP(m.at)), YEAR)
         END AS period
  FROM measurements AS m JOIN kpis AS k ON k.id = m.kpi
  WHERE m.value IS NOT NULL
)
SELECT FORMAT(
  '{"kind":"measurement","kpi":%s,"at":"%s","n":%d,"sum":%s,"min":%s,"max":%s,"last":%s,"last_at":%s}',
  TO_JSON_STRING(kpi), CAST(MIN(DATE(ts)) AS STRING), COUNT(*),
  CAST(SUM(value) AS STRING), CAST(MIN(value) AS STRING),
  CAST(MAX(value) AS STRING),
  CAST(ARRAY_AGG(value ORDER BY ts DESC, seq DESC LIMIT 1)[OFFSET(0)] AS STRING),
  TO_JSON_STRING(ARRAY_AGG(at ORDER BY ts DESC, seq DESC LIMIT 1)[OFFSET(0)])) AS line
FROM m
GROUP BY kpi, period
ORDER BY kpi, period;
