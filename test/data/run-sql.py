"""Runs a bank's SQL snippet the way its `output` is written: every statement in order against an
empty in-memory SQLite database, then the rows of the last statement, one per line, values joined
by " | " and NULL spelled out. Reads the script on stdin.

The database is in autocommit mode, as in the sqlite3 shell, so a snippet's own BEGIN, COMMIT and
ROLLBACK mean what they say (Python's default would open a transaction before the first INSERT and
refuse the snippet's BEGIN). A statement that fails is reported on stderr with its line, exit 1."""

import sqlite3
import sys


def render(value):
    return "NULL" if value is None else str(value)


def statements(script):
    """Yields (first line, statement) for each complete statement, splitting at the semicolons that
    end one (not those inside a string, a comment or a trigger body), so two statements may share a
    line. Text after the last statement must be blank or comments."""
    line = 1
    start = 0
    for index, char in enumerate(script):
        if char != ";":
            continue
        candidate = script[start : index + 1]
        if sqlite3.complete_statement(candidate):
            leading = len(candidate) - len(candidate.lstrip())
            yield line + candidate.count("\n", 0, leading), candidate.strip()
            line += candidate.count("\n")
            start = index + 1
    pending = script[start:]
    if not only_comments(pending):
        first = line + pending.count("\n", 0, len(pending) - len(pending.lstrip()))
        raise SystemExit(f"run-sql: line {first}: the script ends with an unfinished statement (missing ';'?)")


def only_comments(text):
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


def main():
    script = sys.stdin.read()
    connection = sqlite3.connect(":memory:", isolation_level=None)
    cursor = connection.cursor()
    for line, statement in statements(script):
        try:
            cursor.execute(statement)
        except sqlite3.Error as error:
            raise SystemExit(f"run-sql: line {line}: {error}\n  {statement}") from None
    for row in cursor.fetchall():
        print(" | ".join(render(value) for value in row))


main()
