"""Inline citations read once (「003 §3」, not 「003 §3、§3、§3」) and every point is listed."""

from __future__ import annotations

import re
from pathlib import Path

from chatdojo.content.catalog import load_catalog
from chatdojo.content.markdown import render
from chatdojo.views.render import cited_rules, reference_list

REPO = Path(__file__).resolve().parent.parent


def test_repeated_labels_fold_into_one_link_and_distinct_items_stay() -> None:
    """Do 「[003 §3]、[§3]、[§3]」 become one link carrying the other rules, while
    「[004 第10条第3号]、[第4号]」 (two different items) stay two links?"""
    html = render(
        "（[003 §3](rule:a)、[§3](rule:b)、[§3](rule:c)）（[004 第10条第3号](rule:d)、[第4号](rule:e)）"
    )
    assert html.count('class="cd-rule"') == 3
    assert "§3</a>、<a" not in html and 'data-also="b c"' in html
    assert "第3号</a>、<a" in html
    assert cited_rules(html) == ["a", "b", "c", "d", "e"]


def test_no_guide_repeats_a_citation_and_every_point_has_an_anchor() -> None:
    """In every shipped guide, is no citation label repeated inline, and does every rule a
    guide cites appear in its sources list with the anchor its link goes to?"""
    cat = load_catalog(REPO)
    for guide in cat.guides.values():
        for lang in ("ja", "en"):
            titles = {r.id: r.cite(lang) for r in cat.rules.values()}
            html = render(guide.body[lang], rule_titles=titles)
            repeated = re.findall(r">([^<]+)</a>(?:、|, )<a [^>]*>\1</a>", html)
            assert not repeated, (guide.id, lang, repeated)
            cited = cited_rules(html)
            sources = reference_list(cited, cat, lang)
            for rule_id in cited:
                if rule_id in cat.rules:
                    assert f'id="rule-{rule_id}"' in sources, (guide.id, lang, rule_id)
