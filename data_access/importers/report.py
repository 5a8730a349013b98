"""What an import found and did: problems with their place in the file, counts, the outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from data_access.importers.values import count

MAX_PROBLEMS = 1000  # problems kept for the report; all are counted
MAX_VALUE_SHOWN = 60  # characters of a bad value quoted in a message
MAX_SAMPLES = 20  # keys listed per category in a dry run's report


def quoted(value: object) -> str:
    """A cell's value as it is quoted in a message, cut short when long."""
    text = str(value)
    if len(text) > MAX_VALUE_SHOWN:
        text = text[:MAX_VALUE_SHOWN] + f"… ({count(len(text))} tecken)"
    return f"”{text}”"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file: where (row and column when known), the value and why."""

    file: str
    reason: str
    row: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"rad {self.row}")
        if self.column is not None:
            place.append(f"kolumn ”{self.column}”")
        if self.value is not None and str(self.value) != "":
            place.append(f"värdet {quoted(self.value)}")
        return f"{', '.join(place)}: {self.reason}"


class FileProblem(Exception):
    """The file as a whole cannot be read (encoding, format, header); nothing is written."""

    def __init__(self, reason: str, row: int | None = None, column: str | None = None,
                 value: object = None):
        super().__init__(reason)
        self.reason, self.row, self.column, self.value = reason, row, column, value

    def problem(self, file: str) -> Problem:
        return Problem(file, self.reason, self.row, self.column, self.value)


@dataclass
class Counts:
    """Rows read and what became of them."""

    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    def add(self, other: Counts) -> None:
        for name in ("read", "new", "updated", "unchanged", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class ImportReport:
    """The result of one import run, for the command line, the upload page and the log."""

    kind: str
    file_name: str
    file_hash: str = ""
    dry_run: bool = False
    skip_invalid: bool = False
    counts: Counts = field(default_factory=Counts)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    fatal: bool = False  # the file could not be read, or the database refused it
    data_as_of: dt.date | None = None
    samples: dict[str, list[str]] = field(default_factory=lambda: {"new": [], "updated": []})
    run_id: int | None = None
    source: str | None = None  # the system the file came from, whose mappings applied
    notes: list[str] = field(default_factory=list)  # what was read but not loaded, and why
    revisions: list = field(default_factory=list)  # Kolada: stored values changed or removed

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def sample(self, category: str, row) -> None:
        """Keep the first few keys (`row.label`) of new and updated rows for the report."""
        if len(self.samples[category]) < MAX_SAMPLES:
            self.samples[category].append(row.label)

    @property
    def outcome(self) -> str:
        """ok: everything read; delvis: valid rows written, others skipped; fel: nothing written."""
        if self.fatal or (self.problem_count and not self.skip_invalid):
            return "fel"
        if self.problem_count:
            return "delvis" if self.counts.rejected < self.counts.read else "fel"
        return "ok"

    @property
    def wrote(self) -> bool:
        """Whether the run changed stored data (never for a dry run or a failed run)."""
        changed = self.counts.new + self.counts.updated
        return not self.dry_run and self.outcome != "fel" and changed > 0

    def summary(self) -> str:
        """One Swedish sentence on what happened (or would happen, for a dry run)."""
        c = self.counts
        figures = (f"{count(c.read)} rader lästa: {count(c.new)} nya, {count(c.updated)} ändrade, "
                   f"{count(c.unchanged)} oförändrade, {count(c.rejected)} avvisade")
        if self.outcome == "fel":
            what = "Provkörningen hittade fel" if self.dry_run else "Inget sparades"
            return f"{what}: {count(self.problem_count)} fel. {figures}."
        if self.dry_run:
            return f"Provkörning, inget sparades. {figures}."
        if self.outcome == "delvis":
            return f"De giltiga raderna sparades, {count(self.problem_count)} fel. {figures}."
        return f"Importen är klar. {figures}."
