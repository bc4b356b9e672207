"""Strings of a scenario played by the room (votes, endings, debrief), merged into ``text``."""

from __future__ import annotations

from chatdojo.i18n import Strings

SCENARIO = Strings(
    "room.scenario",
    {
        "scenario_section": {
            "ja": "シナリオをみんなで進める",
            "en": "A scenario played by the room",
        },
        "scenario_intro": {
            "ja": "場面ごとに全員が選択肢に投票し、最も票の多い選択肢で先へ進みます。",
            "en": "At each step everyone votes; the room goes on with the choice that has the most votes.",
        },
        "scenario": {"ja": "シナリオ", "en": "Scenario"},
        "scenario_info": {
            "ja": "選ぶ場面 {n}・結末 {e} 通り",
            "en": "{n} steps with a choice, {e} endings",
        },
        "time_per_step": {
            "ja": "1場面の投票時間（秒、0 = なし）",
            "en": "Voting time per step (seconds, 0 = none)",
        },
        "create_scenario": {"ja": "シナリオのセッションを作成", "en": "Create scenario session"},
        "no_scenarios": {"ja": "シナリオがありません。", "en": "There are no scenarios."},
        "step_n": {"ja": "場面 {n}", "en": "Step {n}"},
        "what_do": {
            "ja": "どうしますか。1つ選んで投票してください。",
            "en": "What do you do? Vote for one.",
        },
        "vote": {"ja": "投票する", "en": "Vote"},
        "vote_received": {"ja": "投票を受け付けました", "en": "Vote received"},
        "wait_votes": {
            "ja": "講師が投票結果を表示するまでお待ちください。",
            "en": "Waiting for the trainer to show the votes.",
        },
        "not_voted": {
            "ja": "この場面では投票しませんでした。",
            "en": "You did not vote at this step.",
        },
        "voted_n": {"ja": "投票 {k} / {n}", "en": "{k} of {n} voted"},
        "votes_n": {"ja": "{n}票", "en": "{n} votes"},
        "votes_1": {"ja": "{n}票", "en": "{n} vote"},
        "decided_by": {"ja": "決め方：{how}", "en": "Decided by: {how}"},
        "ending_is": {"ja": "結末：{harm}", "en": "Ending: {harm}"},
        "your_vote_is": {"ja": "あなたの投票：", "en": "Your vote: "},
        "votes_heading": {
            "ja": "投票結果と各選択肢の解説",
            "en": "Votes and what each choice leads to",
        },
        "room_goes": {
            "ja": "最も票の多い選択肢：{choice}",
            "en": "The room's choice (most votes): {choice}",
        },
        "room_tied": {
            "ja": "同数です。講師がどちらに進むかを選びます。",
            "en": "A tie: the trainer picks which way the room goes.",
        },
        "room_none": {
            "ja": "投票がありませんでした。講師が進む選択肢を選びます。",
            "en": "Nobody voted: the trainer picks which way the room goes.",
        },
        "kept_best": {
            "ja": "あなたの選択は、最善の結末に届く道を保っていました（{p}点）。",
            "en": "Your choice kept the best ending in reach ({p} pt).",
        },
        "lowered_best": {
            "ja": "あなたの選択では、届く最高点が {a} 点から {b} 点に下がります（{p}点）。",
            "en": "Your choice lowers the best score in reach from {a} to {b} ({p} pt).",
        },
        "wait_room": {
            "ja": "講師が次の場面へ進めるのを待っています。",
            "en": "Waiting for the trainer to move the room on.",
        },
        "show_votes": {"ja": "投票結果を表示", "en": "Show the votes"},
        "follow_room": {
            "ja": "みんなの選択で進む：{choice}",
            "en": "Go on with the room's choice: {choice}",
        },
        "follow_tied": {"ja": "この選択で進む：{choice}", "en": "Go on with: {choice}"},
        "follow_other": {
            "ja": "代わりにこちらで進む：{choice}",
            "en": "Go on with this instead: {choice}",
        },
        "follow_group": {"ja": "次に進む選択肢", "en": "Which way the room goes"},
        "ending_score": {
            "ja": "得点 {s} / 100（この結末の幅：{low}〜{high}点）",
            "en": "Score {s} of 100 (this kind of ending scores {low}–{high})",
        },
        "ending_best": {"ja": "最善の結末です。", "en": "This is the best ending."},
        "ending_better": {
            "ja": "もっと良い結末がありました（最高 {s} 点）。",
            "en": "A better ending was possible (up to {s}).",
        },
        "ended_early": {
            "ja": "結末の前にセッションが終了しました。",
            "en": "The session ended before the room reached an ending.",
        },
        "harm_none": {"ja": "問題は起きませんでした", "en": "Nothing went wrong"},
        "harm_inefficiency": {
            "ja": "時間や手間が失われました（ルール違反や漏えいはありません）",
            "en": "Time or effort was lost (no rule broken, nothing leaked)",
        },
        "harm_rule": {
            "ja": "定められたルールが守られませんでした（漏えいや人への害はありません）",
            "en": "A written rule was broken (nothing leaked, nobody was hurt)",
        },
        "harm_leak": {
            "ja": "情報が、知るべきでない人に届きました",
            "en": "Information reached someone who should not have it",
        },
        "harm_people": {
            "ja": "人の安全・健康・尊厳が損なわれた、またはそのおそれがありました",
            "en": "Someone's safety, health or dignity was harmed or put at risk",
        },
        "debrief": {"ja": "振り返り", "en": "Debrief"},
        "path_taken": {"ja": "みんなでたどった道筋", "en": "The path the room took"},
        "how_majority": {
            "ja": "多数決（{k}票 / {n}票）",
            "en": "the room's majority ({k} of {n} votes)",
        },
        "how_tie": {"ja": "同数のため講師が選択", "en": "a tie, broken by the trainer"},
        "how_none": {"ja": "投票がなく講師が選択", "en": "no votes; the trainer chose"},
        "how_override": {
            "ja": "講師が選択（みんなの選択：{room}）",
            "en": "the trainer's choice (the room chose: {room})",
        },
        "how_override_tie": {
            "ja": "講師が選択（投票は同数）",
            "en": "the trainer's choice (the votes were tied)",
        },
        "your_votes": {
            "ja": "あなたの投票：{k} 回中 {m} 回が最善の道を保ちました・得点 {p}",
            "en": "Your votes: {m} of {k} kept the best ending in reach; points {p}",
        },
        "bad_action": {
            "ja": "この操作はシナリオのセッションでは使えません。",
            "en": "This action does not apply to a scenario session.",
        },
        "not_revealed": {
            "ja": "先に投票結果を表示してください。",
            "en": "Show the votes before moving the room on.",
        },
        "tie": {
            "ja": "最多票の選択肢が一つに決まりません。進む選択肢を選んでください。",
            "en": "No single choice has the most votes: pick one.",
        },
        "bad_choice": {
            "ja": "この場面の選択肢ではありません。",
            "en": "That is not a choice of this step.",
        },
    },
)
