"""`python -m bench.import_bench`: import a million measurement rows into SQLite, timed.

Generates a Swedish CSV (semicolons, decimal comma, women and men) of `--rows` mätvärden
for 100 indicators at 500 enheter, imports it into a fresh migrated SQLite database
through the same code as `rodtrad import matvarden`, then imports it again (every row
unchanged). Prints seconds, rows per second and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from data_access.db import dispose_engines, get_engine, migrate
from data_access.importers import run_import
from data_access.importers.values import count

INDICATORS, UNITS = 100, 500


def peak_rss_mb() -> float:
    """The process's peak resident set size so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def organisation_csv() -> bytes:
    lines = ["Kod;Namn;Nivå;Överordnad;Nämnd", "R;Regionen;region;;", "N;Nämnden;nämnd;R;N"]
    lines += [f"E{u:03d};Enhet {u};enhet;N;N" for u in range(UNITS)]
    return "\r\n".join(lines).encode("utf-8-sig")


def indicators_csv() -> bytes:
    lines = ["Kod;Namn;Enhet;Riktning;Frekvens;Källa;Könsuppdelad"]
    lines += [f"I{i:03d};Indikator {i};%;högre är bättre;månad;Bench;ja" for i in range(INDICATORS)]
    return "\r\n".join(lines).encode("utf-8-sig")


def periods(count: int) -> list[str]:
    """`count` consecutive months from January 2000."""
    return [f"{2000 + m // 12}-{m % 12 + 1:02d}" for m in range(count)]


def write_measurements(path: Path, rows: int, seed: int = 1) -> None:
    """A CSV of `rows` measurements: every indicator × unit × month, as many months as needed."""
    rng = random.Random(seed)
    months = periods(-(-rows // (INDICATORS * UNITS)))
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("Indikator;Enhet;Period;Värde totalt;Värde kvinnor;Värde män;Källa\r\n")
        for month in months:
            for i in range(INDICATORS):
                for u in range(UNITS):
                    if written == rows:
                        return
                    women, men = rng.uniform(40, 99), rng.uniform(40, 99)
                    total = (women + men) / 2
                    out.write(f"I{i:03d};E{u:03d};{month};{total:.1f};{women:.1f};{men:.1f};"
                              "Bench\r\n".replace(".", ","))
                    written += 1


def timed_import(url: str, kind: str, path: Path) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of one import, and its summary."""
    started, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as stream, Session(get_engine(url)) as session:
        report = run_import(session, kind, stream, path.name, username="bench")
    if report.outcome != "ok":
        raise SystemExit("\n".join(str(p) for p in report.problems[:20]))
    return time.perf_counter() - started, time.process_time() - cpu, report.summary()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.import_bench", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="mätvärden att importera")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rodtrad-import-bench-") as folder:
        url = f"sqlite:///{folder}/bench.db"
        migrate(url)
        for kind, content in (("organisation", organisation_csv()),
                              ("indikatorer", indicators_csv())):
            with Session(get_engine(url)) as session:
                run_import(session, kind, io.BytesIO(content), f"{kind}.csv", username="bench")
        csv_path = Path(folder) / "matvarden.csv"
        started = time.perf_counter()
        write_measurements(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 1e6
        print(f"Skrev {count(args.rows)} rader ({size_mb:.0f} MB) på "
              f"{time.perf_counter() - started:.1f} s; toppminne {peak_rss_mb():.0f} MB")
        for label in ("Import i tom tabell", "Samma fil igen"):
            seconds, cpu, summary = timed_import(url, "matvarden", csv_path)
            print(f"{label}: {seconds:.1f} s ({count(round(args.rows / seconds))} rader/s; "
                  f"CPU-tid {cpu:.1f} s), toppminne {peak_rss_mb():.0f} MB. {summary}")
        dispose_engines()


if __name__ == "__main__":
    main()
