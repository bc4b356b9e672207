"""Every string of the live room's pages, Japanese first and English complete.

The scenario room's own strings live in ``text_scenario`` and are merged in here, so
``tr`` reads both.
"""

from __future__ import annotations

from chatdojo.i18n import Strings
from chatdojo.room.text_scenario import SCENARIO

TEXT = Strings(
    "room",
    {
        # shared
        "app": {"ja": "ChatDojo ライブ研修", "en": "ChatDojo live session"},
        "switch_lang": {"ja": "English", "en": "日本語"},
        "reconnecting": {"ja": "再接続しています…", "en": "Reconnecting…"},
        "connected": {"ja": "接続中", "en": "Connected"},
        "question_n": {"ja": "第{n}問（全{m}問）", "en": "Question {n} of {m}"},
        "time_left": {"ja": "残り時間", "en": "Time left"},
        "seconds": {"ja": "{n}秒", "en": "{n} s"},
        "time_up": {"ja": "時間切れ", "en": "Time is up"},
        "explanation": {"ja": "解説", "en": "Explanation"},
        "correct_answer": {"ja": "正解", "en": "Correct answer"},
        "leaderboard": {"ja": "ランキング", "en": "Leaderboard"},
        "podium": {"ja": "表彰台", "en": "Podium"},
        "points": {"ja": "{n}点", "en": "{n} pts"},
        "finished": {"ja": "セッションは終了しました", "en": "The session has ended"},
        # errors, in the participant's language
        "unknown_code": {
            "ja": "この参加コードのセッションはありません。コードを確かめてください。",
            "en": "There is no session with this join code. Please check the code.",
        },
        "too_many_tries": {
            "ja": "試行が多すぎます。1分ほど待ってからもう一度入力してください。",
            "en": "Too many attempts. Please wait a minute and try again.",
        },
        "session_over": {"ja": "このセッションは終了しました。", "en": "This session has ended."},
        "session_full": {"ja": "このセッションは満員です。", "en": "This session is full."},
        "room_locked": {
            "ja": "講師がこのルームへの新しい参加を締め切りました。講師に声をかけてください。",
            "en": "The trainer has locked this room to new phones. Please ask the trainer.",
        },
        "bad_capacity": {
            "ja": "定員は1〜10000の整数で入力してください（空欄ならサーバーの既定値）。",
            "en": "Enter the seats as a whole number from 1 to 10000 (empty: the server's default).",
        },
        "lock_room": {
            "ja": "ルームを締め切る（新しい参加を止め、参加中の端末は続行）",
            "en": "Lock the room (no new phones; seated ones continue)",
        },
        "capacity": {"ja": "定員（席数）", "en": "Seats"},
        "join_limit": {
            "ja": "この端末のネットワークからの参加が多すぎます。しばらく待つか、講師に声をかけてください。",
            "en": "Too many phones have joined from this network address. Wait a while or ask the trainer.",
        },
        "late_join_closed": {
            "ja": "講師が途中参加を締め切りました。",
            "en": "The trainer has closed the session to late joiners.",
        },
        "nickname_taken": {
            "ja": "このニックネーム（または見分けにくいほど似た名前）は使われています。別の名前にしてください。",
            "en": "This nickname (or one that looks the same) is taken. Please choose another.",
        },
        "name_required": {
            "ja": "ニックネームを入力してください。",
            "en": "Please enter a nickname.",
        },
        "name_too_long": {
            "ja": "ニックネームは24文字以内にしてください。",
            "en": "A nickname can have at most 24 characters.",
        },
        "name_control": {
            "ja": "ニックネームに使えない文字（見えない文字、文字のない結合記号など）が含まれています。",
            "en": "The nickname contains characters that cannot be used (invisible characters, "
            "marks without a letter).",
        },
        "not_participant": {
            "ja": "まだ参加していません。ニックネームを入力して参加してください。",
            "en": "You have not joined yet. Enter a nickname to join.",
        },
        "removed": {
            "ja": "講師によってこのセッションから外されました。",
            "en": "The trainer removed you from this session.",
        },
        "question_closed": {
            "ja": "この問題の回答は締め切られました。",
            "en": "Answers to this question are closed.",
        },
        "bad_answer": {
            "ja": "回答を読み取れませんでした。選び直してください。",
            "en": "The answer could not be read. Please choose again.",
        },
        "unknown_option": {
            "ja": "この問題にない選択肢が送られました。ページを再読み込みして選び直してください。",
            "en": "That option is not part of this question. Please reload the page and choose again.",
        },
        "bad_request": {
            "ja": "リクエストを処理できませんでした。ページを再読み込みしてください。",
            "en": "The request could not be processed. Please reload the page.",
        },
        "xsrf": {
            "ja": "ページの有効期限が切れました。再読み込みしてください。",
            "en": "This page has expired. Please reload it.",
        },
        "server_error": {
            "ja": "サーバーで問題が起きました。しばらくしてからもう一度お試しください。",
            "en": "Something went wrong on the server. Please try again shortly.",
        },
        "db_error": {
            "ja": "データベースに接続できません。自動で再試行します。",
            "en": "The database cannot be reached. Retrying by itself.",
        },
        "not_trainer": {
            "ja": "このページを開くには、セッション作成時の講師用リンクが必要です。",
            "en": "This page needs the trainer link given when the session was created.",
        },
        "not_found": {"ja": "ページが見つかりません。", "en": "Page not found."},
        # phone
        "enter_title": {"ja": "研修セッションに参加", "en": "Join a live session"},
        "code_label": {"ja": "参加コード", "en": "Join code"},
        "go": {"ja": "次へ", "en": "Continue"},
        "nickname": {"ja": "ニックネーム", "en": "Nickname"},
        "nickname_hint": {
            "ja": "画面に表示されます。本名でなくてかまいません（24文字まで）。",
            "en": "Shown on the screen; it need not be your real name (up to 24 characters).",
        },
        "join": {"ja": "参加する", "en": "Join"},
        "joined_as": {"ja": "参加者：", "en": "Joined as "},
        "your_score": {"ja": "得点", "en": "Score"},
        "wait_start": {
            "ja": "講師が開始するまでお待ちください。",
            "en": "Please wait for the trainer to start.",
        },
        "submit": {"ja": "回答する", "en": "Submit"},
        "received": {"ja": "回答を受け付けました", "en": "Answer received"},
        "wait_reveal": {
            "ja": "正解の発表を待っています。",
            "en": "Waiting for the trainer to show the answer.",
        },
        "not_answered": {
            "ja": "この問題には回答しませんでした。",
            "en": "You did not answer this one.",
        },
        "verdict_correct": {"ja": "正解です", "en": "Correct"},
        "verdict_partial": {"ja": "一部正解です", "en": "Partly correct"},
        "verdict_wrong": {"ja": "不正解です", "en": "Not correct"},
        "wait_next": {"ja": "次の問題を待っています。", "en": "Waiting for the next question."},
        "next_question": {"ja": "次の問題へ", "en": "Next question"},
        "all_done": {
            "ja": "全問に回答しました。講師の終了をお待ちください。",
            "en": "You have answered every question. Please wait for the trainer to end.",
        },
        "result": {
            "ja": "出題{n}問中 {k} 問正解・得点 {score}",
            "en": "{k} correct of {n} asked, score {score}",
        },
        "rank": {"ja": "順位：{rank}位（{total}人中）", "en": "Rank: {rank} of {total}"},
        "move_up": {"ja": "上へ", "en": "Up"},
        "move_down": {"ja": "下へ", "en": "Down"},
        "order_hint": {
            "ja": "「上へ」「下へ」で正しい順に並べてください。",
            "en": "Use Up and Down to put the steps in the right order.",
        },
        "choose": {"ja": "選んでください", "en": "Choose"},
        "number": {"ja": "数値", "en": "Number"},
        "rejoin_link": {
            "ja": "別の端末で続けるためのリンク（他の人に見せないでください）",
            "en": "Link to continue on another device (do not share it)",
        },
        "pending": {
            "ja": "送信できませんでした。再接続したら自動で送り直します。",
            "en": "Could not send. It will be resent when the connection is back.",
        },
        # projector
        "screen_title": {"ja": "投影画面", "en": "Projector screen"},
        "join_at": {"ja": "参加はこちらから", "en": "Join at"},
        "joined_n": {"ja": "参加者 {n} 人", "en": "{n} joined"},
        "and_more": {"ja": "ほか {n} 人", "en": "and {n} more"},
        "answered_n": {"ja": "回答 {k} / {n}", "en": "{k} of {n} answered"},
        "finished_n": {"ja": "全問回答 {k} / {n} 人", "en": "{k} of {n} finished"},
        "self_running": {
            "ja": "各自のペースで回答中です。",
            "en": "Everyone is answering at their own pace.",
        },
        "qr_title": {"ja": "参加用QRコード", "en": "QR code to join"},
        "rules": {"ja": "根拠となる規程", "en": "Based on"},
        # trainer
        "trainer_title": {"ja": "講師用コンソール", "en": "Trainer console"},
        "new_title": {"ja": "新しいセッション", "en": "New session"},
        "quiz": {"ja": "確認テスト", "en": "Quiz"},
        "mode": {"ja": "進め方", "en": "Mode"},
        "paced": {"ja": "講師が1問ずつ進める", "en": "I pace the room"},
        "self": {"ja": "各自のペースで", "en": "Everyone at their own pace"},
        "questions_asked": {"ja": "出題する問題", "en": "Questions to ask"},
        "n_questions": {"ja": "{n}問", "en": "{n} questions"},
        "count": {"ja": "出題数（空欄ならすべて）", "en": "How many (empty: all)"},
        "count_hint": {
            "ja": "数を入れると、その数だけ問題をランダムに選びます。空欄なら全問を順に出題します。",
            "en": "A number picks that many questions at random; leave it empty to ask every question in order.",
        },
        "seed": {"ja": "抽選番号（シード、任意）", "en": "Draw number (seed, optional)"},
        "seed_hint": {
            "ja": "ランダムに選ぶときの番号です。同じ番号なら、同じ問題が同じ順で選ばれます（別の回でも同じ問題にしたいとき）。空欄は 0 と同じです。",
            "en": "The number behind the random pick: the same number picks the same questions in the same order (to repeat a set in another session). Empty means 0.",
        },
        "ids": {"ja": "出題する問題を指定（任意）", "en": "Pick the questions (optional)"},
        "ids_hint": {
            "ja": "問題ごとの番号（問題ID、例：cm-003）をカンマで区切って入力すると、その問題だけをその順に出題します。IDは下の一覧にあります。",
            "en": "Type question IDs (each question's label, e.g. cm-003) separated by commas to ask only those, in that order. The IDs are listed below.",
        },
        "ids_list": {"ja": "問題IDの一覧", "en": "List of question IDs"},
        "key_label": {"ja": "講師キー", "en": "Trainer key"},
        "key_hint": {
            "ja": "セッションを作れるのは講師だけです。chatdojo serve を起動した画面に表示された /room/new のリンクを開くか、そこに表示されたキー（trainer= の後ろ）を入力してください。",
            "en": "Only trainers can create sessions. Open the /room/new link shown where chatdojo serve was started, or type the key shown there (after trainer=).",
        },
        "key_open": {"ja": "開く", "en": "Open"},
        "wrong_key": {
            "ja": "講師キーが違います。chatdojo serve の表示を確かめてください。",
            "en": "That trainer key is not right. Check what chatdojo serve printed.",
        },
        "need_key": {
            "ja": "セッションを作るには講師キーが必要です。",
            "en": "Creating a session needs the trainer key.",
        },
        "time_limit": {
            "ja": "1問の制限時間（秒、0 = なし）",
            "en": "Time per question (seconds, 0 = none)",
        },
        "late_join": {"ja": "開始後の途中参加を認める", "en": "Admit late joiners"},
        "speed_bonus": {
            "ja": "早押しボーナス（既定はオフ。時間制限があるときのみ）",
            "en": "Speed bonus (off by default; only with a time limit)",
        },
        "create": {"ja": "セッションを作成", "en": "Create session"},
        "save": {"ja": "設定を保存", "en": "Save settings"},
        "start": {"ja": "開始", "en": "Start"},
        "reveal": {"ja": "正解を表示", "en": "Show answer"},
        "next": {"ja": "次の問題", "en": "Next question"},
        "next_last": {"ja": "結果を見る（終了）", "en": "See results (end)"},
        "skip": {"ja": "この問題を飛ばす", "en": "Skip question"},
        "add_time": {"ja": "15秒延長", "en": "Add 15 s"},
        "leaderboard_toggle": {"ja": "ランキング表示の切替", "en": "Toggle leaderboard"},
        "finish": {"ja": "終了", "en": "End session"},
        "remove": {"ja": "退出させる", "en": "Remove"},
        "confirm_finish": {"ja": "セッションを終了しますか？", "en": "End the session?"},
        "state_lobby": {"ja": "受付中", "en": "Waiting to start"},
        "state_running": {"ja": "実施中", "en": "Running"},
        "state_finished": {"ja": "終了", "en": "Finished"},
        "answered_list": {"ja": "回答済み", "en": "Answered"},
        "waiting_list": {"ja": "未回答", "en": "Not yet answered"},
        "links": {"ja": "リンク", "en": "Links"},
        "screen_link": {"ja": "投影画面（プロジェクター用）", "en": "Projector screen"},
        "join_link": {"ja": "参加用アドレス", "en": "Join address"},
        "console_note": {
            "ja": "このコンソールは講師の端末で開き、投影しないでください。",
            "en": "Keep this console on your own device; do not project it.",
        },
        "loopback_warning": {
            "ja": "サーバーは 127.0.0.1 だけで待ち受けています。参加者のスマートフォンからは接続できません。"
            "次のように起動し直してください：",
            "en": "The server listens on 127.0.0.1 only: phones cannot reach it. Restart it with:",
        },
        "no_lan_warning": {
            "ja": "このマシンのネットワークアドレスが見つかりません。参加用アドレスは 127.0.0.1 になり、スマートフォンからは開けません。ネットワークにつないでから起動し直すか、参加者が開けるアドレスを指定してください：",
            "en": "No network address of this machine was found: the join address is 127.0.0.1, which phones cannot open. Connect to the network and restart, or give the address phones can reach:",
        },
        "join_link_hint": {
            "ja": "参加者のスマートフォンはこのアドレス（投影画面のQRコードと同じ）を開きます。",
            "en": "Phones open this address (the same as the QR code on the projector).",
        },
        "addresses": {
            "ja": "このマシンのネットワークアドレス",
            "en": "This machine's network addresses",
        },
        "stats": {
            "ja": "問題の統計（出題した問題のみ）",
            "en": "Question statistics (asked questions only)",
        },
        "stats_min_n": {
            "ja": "識別度（D）は10人以上のときだけ判定します（少人数では偶然で負になるため）。",
            "en": "Discrimination (D) is judged only with 10 or more people (with fewer, chance can make it negative).",
        },
        "csv": {"ja": "結果をCSVで保存", "en": "Download results (CSV)"},
        "xlsx": {"ja": "結果をExcelで保存", "en": "Download results (Excel)"},
        "saved": {"ja": "保存しました。", "en": "Saved."},
        "bad_settings": {
            "ja": "設定を確認してください：{why}",
            "en": "Please check the settings: {why}",
        },
        # Why the settings of a new room were refused (the store's LiveError keys).
        "why_no_questions": {
            "ja": "この組織の設定で出題できる問題がありません。別のクイズか問題を選んでください。",
            "en": "no question of this quiz applies under this organization; choose another quiz or other questions.",
        },
        "why_bad_time_limit": {
            "ja": "1問あたりの時間は5〜{max}秒で指定してください（0は制限なし）。",
            "en": "time per question must be 5 to {max} seconds (0 for none).",
        },
        "why_unknown_question": {
            "ja": "一覧にない問題IDか、同じ問題が2回指定されています。",
            "en": "a question id is not in the list, or a question is listed twice.",
        },
        "why_bad_count": {
            "ja": "出題数は1からこのクイズの問題数までで指定してください。",
            "en": "the number of questions must be between 1 and the number in this quiz.",
        },
        "why_unknown_scenario": {
            "ja": "シナリオを選んでください。",
            "en": "choose a scenario.",
        },
        "why_count_and_ids": {
            "ja": "出題数と問題の指定の両方が入力されています。どちらか一方にしてください。",
            "en": "both a number of questions and a list of questions were given; use one of them.",
        },
        "why_other": {"ja": "入力を確認してください。", "en": "check what was entered."},
        "asked": {"ja": "出題済み {k} / {n} 問", "en": "{k} of {n} questions asked"},
        "answers_n": {"ja": "回答 {n}", "en": "{n} answered"},
        "flag_too_easy": {"ja": "易しすぎ", "en": "too easy"},
        "flag_too_hard": {"ja": "難しすぎ", "en": "too hard"},
        "flag_negative_discrimination": {"ja": "識別度が負", "en": "negative discrimination"},
        "flag_weak_discrimination": {"ja": "識別度が弱い", "en": "weak discrimination"},
        **SCENARIO,
    },
)

tr = TEXT.tr


def settings_error(key: str, lang: str) -> str:
    """Why a new room's settings were refused, in the trainer's language."""
    from chatdojo.store.live import MAX_TIME_LIMIT

    why = f"why_{key}" if f"why_{key}" in TEXT else "why_other"
    return tr("bad_settings", lang, why=tr(why, lang, max=MAX_TIME_LIMIT))
