"""``chatdojo session``: create a live session, export its results, print its statistics.

Only argparse is imported at module level; the store loads inside ``run_*``.
Every expected failure (unknown quiz or code, unreachable database) ends with
a one-line message and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EPILOG = """\
examples:
  chatdojo session create --quiz communication-method --paced --json
  chatdojo session create --quiz communication-method --count 5 --seed 1 --paced --time-limit 30
  chatdojo session create --quiz communication-method --questions cm-001,cm-004 --paced
  chatdojo session create --scenario lost-phone --time-limit 60 --json
  chatdojo session results ABCD --format xlsx --out results.xlsx
  chatdojo session stats ABCD --json

The dashboard URL contains the trainer token: keep it private. Open the screen URL
on the projector; it never shows the token.
"""


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL of the results database (default: $CHATDOJO_DB or SQLite in the user data folder)",
    )


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "session",
        help="live sessions: create one, export results, question statistics",
        description="Run a quiz live with a room of phones, then analyse it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="session_command", metavar="SUBCOMMAND")
    parser.set_defaults(run=lambda _args: (parser.print_help(), 2)[1])

    create = commands.add_parser(
        "create", help="create a session and print its join code and links"
    )
    what = create.add_mutually_exclusive_group(required=True)
    what.add_argument("--quiz", metavar="ID", help="question bank id (see quizzes/)")
    what.add_argument(
        "--scenario",
        metavar="ID",
        help="a scenario the room plays by voting at each step (see quizzes/scenarios/; always paced)",
    )
    create.add_argument(
        "--paced", action="store_true", help="the trainer opens each question (default: self-paced)"
    )
    create.add_argument(
        "--count", type=int, metavar="N", help="ask N questions drawn at random from the bank"
    )
    create.add_argument(
        "--seed", type=int, default=None, metavar="S", help="seed of the --count draw (default 0)"
    )
    create.add_argument(
        "--questions", metavar="ID,ID…", help="ask exactly these questions, in this order"
    )
    create.add_argument(
        "--time-limit",
        type=int,
        default=0,
        metavar="SECONDS",
        help="time per question in paced sessions (5-600; default: none)",
    )
    create.add_argument(
        "--profile",
        help="organization profile whose questions apply (default: the running server's, "
        "else $CHATDOJO_PROFILE, else default)",
    )
    create.add_argument(
        "--base-url",
        "--server",
        dest="base_url",
        default=None,
        metavar="URL",
        help="server address participants use (default: the running chatdojo serve's, "
        "else http://127.0.0.1:8866)",
    )
    from chatdojo.commands.pack import add_pack_option

    add_pack_option(create)
    create.add_argument(
        "--json",
        action="store_true",
        help='print {"code", "join_url", "screen_url", "dashboard_url", "token"}',
    )
    _db_option(create)
    create.set_defaults(run=run_create)

    results = commands.add_parser("results", help="export every answer of a session")
    results.add_argument("code", metavar="CODE", help="the session's join code")
    results.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    results.add_argument(
        "--out", metavar="FILE", help="write here instead of standard output (required for xlsx)"
    )
    results.add_argument(
        "--lang", choices=("ja", "en"), default="ja", help="language of question texts (default ja)"
    )
    _db_option(results)
    results.set_defaults(run=run_results)

    stats = commands.add_parser("stats", help="facility, SD and discrimination per question")
    stats.add_argument("code", metavar="CODE", help="the session's join code")
    stats.add_argument("--json", action="store_true", help="print JSON")
    _db_option(stats)
    stats.set_defaults(run=run_stats)


def _fail(message: str) -> int:
    print(f"chatdojo session: {message}", file=sys.stderr)
    return 1


def _open(args: argparse.Namespace) -> Any:
    from chatdojo.store.db import open_store

    return open_store(args.db)


def run_create(args: argparse.Namespace) -> int:
    import os

    from chatdojo.commands.pack import apply_pack_option
    from chatdojo.commands.runtime import read_server_info
    from chatdojo.content.catalog import load_catalog
    from chatdojo.store.db import StoreError
    from chatdojo.store.links import (
        DEFAULT_BASE_URL,
        clean_base_url,
    )
    from chatdojo.store.live import LiveError, create_session, pick_questions

    # the running `chatdojo serve` that uses the same store, if any
    server = read_server_info(db=args.db or os.environ.get("CHATDOJO_DB") or "")
    if server is not None and not args.pack and server.packs:
        args.pack = list(server.packs)
    apply_pack_option(args)
    base = clean_base_url(args.base_url or (server.url if server else DEFAULT_BASE_URL))
    if base is None:
        return _fail(f"--base-url {args.base_url!r} is not an http(s) address")
    catalog = load_catalog()
    profile_id = (
        args.profile
        or (server.profile if server else None)
        or os.environ.get("CHATDOJO_PROFILE")
        or "default"
    )
    profile = catalog.profiles.get(profile_id)
    if profile is None:
        return _fail(
            f"unknown profile {profile_id!r} (known: {', '.join(sorted(catalog.profiles))})"
        )
    if args.scenario:
        return _create_scenario(args, catalog, base, profile)
    bank = catalog.banks.get(args.quiz)
    if bank is None:
        known = ", ".join(sorted(catalog.banks)) or "none"
        return _fail(f"unknown quiz {args.quiz!r} (known: {known})")
    from chatdojo.content.banks import questions_for

    questions = questions_for(bank, profile)
    hidden = hidden_questions(catalog, bank, profile, args.questions or "")
    if hidden:
        return _fail("; ".join(hidden))
    if args.questions and (args.count is not None or args.seed is not None):
        return _fail("use either --questions or --count/--seed, not both")
    try:
        ids = [i.strip() for i in (args.questions or "").split(",") if i.strip()]
        if args.questions is not None and not ids:
            return _fail("--questions needs question ids, e.g. --questions cm-001,cm-002")
        chosen = pick_questions(questions, count=args.count, seed=args.seed or 0, ids=ids)
        store = _open(args)
        info, token = create_session(
            store, bank.id, chosen, paced=args.paced, time_limit=args.time_limit or None
        )
    except (StoreError, LiveError) as exc:
        return _fail(str(exc))
    _print_created(args, info, token, base, f"{info.mode}, {len(chosen)} questions")
    store.close()
    return 0


def hidden_questions(catalog: Any, bank: Any, profile: Any, wanted: str) -> list[str]:
    """Why each asked-for id is not in the bank under ``profile``, with the fix (ja / en)."""
    shown = {q.id for q in bank.questions if q.applies_to(profile.id, profile.policies)}
    mine = {q.id: q for q in bank.questions}
    out = []
    for qid in (i.strip() for i in wanted.split(",")):
        if not qid or qid in shown:
            continue
        question = mine.get(qid)
        if question is not None and question.profiles:
            only = ", ".join(question.profiles)
            out.append(
                f"{qid} は {only} 限定です: --profile {question.profiles[0]} / "
                f"{qid} is limited to {only}: --profile {question.profiles[0]}"
            )
        elif question is not None:
            when = ", ".join(f"{k}: {v}" for k, v in question.when.items())
            out.append(
                f"{qid} は {profile.id} では表示されません（when: {when}） / "
                f"{qid} is hidden under {profile.id} (when: {when}): choose a profile with it"
            )
        else:
            other = catalog.questions.get(qid)
            out.append(
                f"{qid} は問題集 {other.bank} にあります: --quiz {other.bank} / "
                f"{qid} is in bank {other.bank}: --quiz {other.bank}"
                if other is not None
                else f"{qid} という問題はありません / unknown question {qid} "
                f"(bank {bank.id} has {', '.join(sorted(mine)[:5])}…)"
            )
    return out


def _print_created(args: argparse.Namespace, info: Any, token: str, base: str, what: str) -> None:
    from chatdojo.store.links import dashboard_url, join_url, screen_url

    out = {
        "code": info.code,
        "join_url": join_url(base, info.code),
        "screen_url": screen_url(base, info.code),
        "dashboard_url": dashboard_url(base, info.code, token),
        "token": token,
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    print(f"join code:  {out['code']}  ({what})")
    print(f"join URL:   {out['join_url']}")
    print(f"screen:     {out['screen_url']}")
    print(f"dashboard:  {out['dashboard_url']}")
    print("Keep the dashboard URL private: it holds the trainer token.")


def _create_scenario(args: argparse.Namespace, catalog: Any, base: str, profile: Any) -> int:
    """``--scenario ID``: a room that plays a branching scenario by majority vote."""
    from chatdojo.store import live_scenario
    from chatdojo.store.db import StoreError
    from chatdojo.store.live import LiveError

    if args.count is not None or args.seed is not None or args.questions:
        return _fail("--count, --seed and --questions are for quizzes, not --scenario")
    playable = {s.id: s for s in live_scenario.playable(catalog)}
    scenario = playable.get(args.scenario)
    if scenario is None:
        known = ", ".join(sorted(playable)) or "none"
        return _fail(f"unknown scenario {args.scenario!r} (known: {known})")
    if not scenario.applies_to(profile.id, profile.policies):  # as /room/new offers them
        only = ", ".join(scenario.profiles)
        return _fail(
            f"{scenario.id} は {only} 限定です: --profile {scenario.profiles[0]} / "
            f"{scenario.id} is limited to {only}: --profile {scenario.profiles[0]}"
            if scenario.profiles
            else f"{scenario.id} は {profile.id} の方針に当てはまりません / "
            f"{scenario.id} does not fit the policies of {profile.id}"
        )
    try:
        store = _open(args)
        info, token = live_scenario.create_session(
            store, scenario, time_limit=args.time_limit or None
        )
    except (StoreError, LiveError) as exc:
        return _fail(str(exc))
    steps = len(scenario.steps) - len(scenario.endings)
    _print_created(args, info, token, base, f"scenario {scenario.id}, {steps} steps, paced")
    store.close()
    return 0


def _load(args: argparse.Namespace) -> tuple[Any, Any] | int:
    from chatdojo.store.db import StoreError
    from chatdojo.store.live import LiveError, snapshot

    try:
        store = _open(args)
        snap = snapshot(store, args.code)
    except (StoreError, LiveError) as exc:
        return _fail(str(exc))
    store.close()
    return store, snap


def run_results(args: argparse.Namespace) -> int:

    from chatdojo.content.catalog import load_catalog
    from chatdojo.store.results import answers_frame, session_questions, session_workbook, to_csv

    if args.format == "xlsx" and not args.out:
        return _fail("--format xlsx needs --out FILE")
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    _store, snap = loaded
    if snap.session.kind == "scenario":
        return _scenario_results(args, snap)
    questions = session_questions(load_catalog(), snap.session)
    frame = answers_frame(snap, questions, args.lang, keys=args.format == "json")
    if args.format == "csv":
        data = to_csv(frame)
    elif args.format == "xlsx":
        data = session_workbook(snap, questions, args.lang)
    else:
        data = (frame.to_json(orient="records", force_ascii=False, indent=2) + "\n").encode("utf-8")
    return _write_out(args.out, data, f"{len(frame)} answer(s)")


def _scenario_results(args: argparse.Namespace, snap: Any) -> int:
    """A scenario room: votes per step and choice (csv, json), plus every vote (xlsx)."""
    import os

    from chatdojo.content.catalog import load_catalog
    from chatdojo.store.live_scenario import playable
    from chatdojo.store.results import to_csv
    from chatdojo.store.scenario_results import scenario_workbook, vote_counts

    catalog = load_catalog()
    scenario = {s.id: s for s in playable(catalog)}.get(snap.session.quiz_id)
    if scenario is None:
        return _fail(f"scenario {snap.session.quiz_id!r} is no longer in the content")
    profile = catalog.profile(os.environ.get("CHATDOJO_PROFILE") or "default")
    subs = profile.substitutions(args.lang) if profile else {}
    counts = vote_counts(snap, scenario, args.lang, subs)
    if args.format == "csv":
        data = to_csv(counts)
    elif args.format == "xlsx":
        data = scenario_workbook(snap, scenario, args.lang, subs)
    else:
        data = (counts.to_json(orient="records", force_ascii=False, indent=2) + "\n").encode()
    return _write_out(args.out, data, f"{len(counts)} row(s)")


def _write_out(out: str | None, data: bytes, what: str) -> int:
    """``data`` to the file ``out`` (saying what was written) or to standard output."""
    from pathlib import Path

    if out:
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            return _fail(f"cannot write {out}: {exc.strerror}")
        print(f"wrote {what} to {out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from chatdojo.store import stats as st
    from chatdojo.store.results import session_stats

    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    _store, snap = loaded
    items = session_stats(snap)
    if args.json:
        report = {
            "code": snap.session.code,
            "quiz": snap.session.quiz_id,
            "state": snap.session.state,
            "participants": len(snap.participants),
            "thresholds": {
                "too_easy_above": st.TOO_EASY,
                "too_hard_below": st.TOO_HARD,
                "weak_discrimination_below": st.WEAK_DISCRIMINATION,
            },
            "questions": [{**asdict(i), "flags": list(i.flags)} for i in items],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0

    def num(x: float | None) -> str:
        return "    -" if x is None else f"{x:5.2f}"

    print(
        f"session {snap.session.code} ({snap.session.quiz_id}, {len(snap.participants)} participants)"
    )
    print(f"{'question':<16} {'n':>4} {'F':>5} {'SD':>5} {'D':>5}  flags")
    for i in items:
        print(
            f"{i.question_id:<16} {i.answered:>4} {num(i.facility)} {num(i.sd)} {num(i.discrimination)}  {' '.join(i.flags)}"
        )
    return 0
