"""The peers of bench/compare.sh: three of cadre's Terr'ESS indicators for
2025-Q4, computed by Python polars or by DuckDB from the generated workbook
or csv folder.

    python peers.py polars|duckdb xlsx|csv PATH

Prints the three values. The indicators (see indicators/terress/indicators):
- A3.2 participations in webinars held in the period;
- A3.3 share of women among those participations whose gender is known (%);
- A2.2 mean number of distinct authorities per video conference held in the
  period (0 for a conference without any).

The generated data is messy as typed data is (mixed case, accents, dates in
several forms), so both peers read every column as text and normalise the
few columns they use, as cadre does for all of them.
"""

import os
import sys

START, END = "2025-10-01", "2025-12-31"
EVENTS, PARTICIPATIONS = "Évènements", "Participations"


def run_polars(fmt, path):
    import polars as pl

    if fmt == "xlsx":
        sheets = pl.read_excel(
            path,
            sheet_name=[EVENTS, PARTICIPATIONS],
            engine="calamine",
            infer_schema_length=0,
        )
        events, parts = sheets[EVENTS].lazy(), sheets[PARTICIPATIONS].lazy()
    else:
        events = pl.scan_csv(os.path.join(path, EVENTS + ".csv"), infer_schema_length=0)
        parts = pl.scan_csv(
            os.path.join(path, PARTICIPATIONS + ".csv"), infer_schema_length=0
        )

    def fold(c):
        return (
            pl.col(c)
            .str.strip_chars()
            .str.to_lowercase()
            .str.replace_all("é", "e", literal=True)
            .str.replace_all("è", "e", literal=True)
        )

    day = pl.col("DATE").str.strip_chars().str.slice(0, 10)
    events = events.select(
        fold("ID").alias("id"),
        fold("Type").alias("type"),
        pl.coalesce(
            day.str.to_date("%Y-%m-%d", strict=False),
            day.str.to_date("%d/%m/%Y", strict=False),
        ).alias("date"),
    ).filter(
        pl.col("date").is_between(pl.lit(START).str.to_date(), pl.lit(END).str.to_date())
    )
    parts = parts.select(
        fold("Événement").alias("evenement"),
        fold("Collectivité").alias("collectivite"),
        fold("gender").alias("genre"),
    )
    webinars = parts.join(
        events.filter(pl.col("type") == "webinaire"), left_on="evenement", right_on="id"
    )
    a32 = webinars.select(pl.len().alias("a32"))
    a33 = webinars.select(
        (
            100.0
            * (pl.col("genre") == "f").sum()
            / pl.col("genre").is_in(["f", "h", "autre"]).sum()
        ).alias("a33")
    )
    visios = events.filter(pl.col("type") == "visioconference").select("id")
    per_visio = visios.join(
        parts.group_by("evenement").agg(pl.col("collectivite").drop_nulls().n_unique().alias("n")),
        left_on="id",
        right_on="evenement",
        how="left",
    )
    a22 = per_visio.select(pl.col("n").fill_null(0).mean().alias("a22"))
    out = pl.collect_all([a32, a33, a22])
    return out[0].item(), out[1].item(), out[2].item()


def run_duckdb(fmt, path):
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    if fmt == "xlsx":
        import duckdb_ext

        ext = os.path.join(
            duckdb_ext.__path__[0],
            "extensions",
            "v" + duckdb.__version__,
            "linux_amd64",
            "excel.duckdb_extension",
        )
        con.execute(f"LOAD '{ext}'")

        def src(sheet):
            return f"read_xlsx('{path}', sheet = '{sheet}', all_varchar = true, stop_at_empty = false)"
    else:

        def src(sheet):
            return f"read_csv('{os.path.join(path, sheet + '.csv')}', all_varchar = true, header = true)"

    def fold(c):
        return f"replace(replace(lower(trim({c})), 'é', 'e'), 'è', 'e')"

    con.execute(
        f"""CREATE TEMP TABLE events AS
        SELECT {fold('"ID"')} AS id, {fold('"Type"')} AS type,
               coalesce(try_strptime(left(trim("DATE"), 10), '%Y-%m-%d')::DATE,
                        try_strptime(left(trim("DATE"), 10), '%d/%m/%Y')::DATE,
                        -- a date cell, read as text: its serial number
                        DATE '1899-12-30' + floor(try_cast("DATE" AS DOUBLE))::INTEGER) AS date
        FROM {src(EVENTS)}"""
    )
    con.execute(
        f"""CREATE TEMP TABLE parts AS
        SELECT {fold('"Événement"')} AS evenement, {fold('"Collectivité"')} AS collectivite,
               {fold('"gender"')} AS genre
        FROM {src(PARTICIPATIONS)}"""
    )
    period = f"date BETWEEN DATE '{START}' AND DATE '{END}'"
    a32, a33 = con.execute(
        f"""SELECT count(*), 100.0 * count(*) FILTER (genre = 'f')
                / count(*) FILTER (genre IN ('f', 'h', 'autre'))
        FROM parts JOIN events ON parts.evenement = events.id
        WHERE events.type = 'webinaire' AND {period}"""
    ).fetchone()
    (a22,) = con.execute(
        f"""SELECT avg(coalesce(n, 0)) FROM
        (SELECT id FROM events WHERE type = 'visioconference' AND {period}) v
        LEFT JOIN (SELECT evenement, count(DISTINCT collectivite) AS n FROM parts GROUP BY evenement) p
        ON v.id = p.evenement"""
    ).fetchone()
    return a32, a33, a22


def main():
    tool, fmt, path = sys.argv[1:4]
    values = {"polars": run_polars, "duckdb": run_duckdb}[tool](fmt, path)
    print("A3.2 {} A3.3 {:.1f} A2.2 {:.2f}".format(*values))


if __name__ == "__main__":
    main()
