"""Managers' completion report: who passed every module, and when."""

from __future__ import annotations

import csv
import io
import json

from chatdojo.cli import main
from chatdojo.store import learners
from chatdojo.store.completion import completion_rows


def test_completion_rows_mark_who_finished(store) -> None:
    """Is a learner completed only when every module is passed, with the date of the last pass?"""
    done, _ = learners.create_learner(store, "Aiko")
    half, _ = learners.create_learner(store, "Ben")
    learners.create_learner(store, "Chie")
    for module in ("m1", "m2"):
        learners.record_answer(
            store, done.id, module, "q", "a", 1.0, attempt=module, finished=(module, 1.0, True)
        )
    learners.record_answer(
        store, half.id, "m1", "q", "a", 1.0, attempt="1", finished=("m1", 0.9, True)
    )
    learners.record_answer(
        store, half.id, "m2", "q", "a", 0.0, attempt="2", finished=("m2", 0.4, False)
    )
    rows = {r["learner"]: r for r in completion_rows(store, ["m1", "m2"])}
    assert rows["Aiko"]["completed"] is True and rows["Aiko"]["completed_on"]
    assert rows["Ben"]["completed"] is False and rows["Ben"]["modules_passed"] == 1
    assert rows["Ben"]["best:m2"] == 0.4
    assert rows["Chie"]["modules_passed"] == 0 and rows["Chie"]["best:m1"] is None


def test_report_cli_csv_and_json(db_url: str, store, capsysbinary) -> None:
    """Does `chatdojo learners report` list every learner in CSV (Excel-safe) and JSON?"""
    learners.create_learner(store, "=HYPERLINK(1)")
    learners.create_learner(store, "山田")
    assert main(["learners", "report", "--db", db_url]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    names = [row["learner"] for row in csv.DictReader(io.StringIO(text))]
    assert names == ["'=HYPERLINK(1)", "山田"]
    assert main(["learners", "report", "--db", db_url, "--format", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert {row["learner"] for row in data} == {"=HYPERLINK(1)", "山田"}
    assert all(row["modules_total"] >= 8 for row in data)


def test_report_xlsx_needs_out(db_url: str, capsys) -> None:
    """Is an Excel report to the terminal refused with a clear message?"""
    assert main(["learners", "report", "--db", db_url, "--format", "xlsx"]) == 2
    assert "--out FILE" in capsys.readouterr().err
