"""A story's headline is the best real title among its sources; its summary the opening sentence
that says most in fewest words, never a headline again."""

from __future__ import annotations

from itertools import count

import pytest

from digest.compose._headline import headline, summary
from digest.follows._topics import lead
from digest.records import StoredArticle
from digest.sources import title_from_text

ids = count(1)

ORDER = (
    "President Joe Biden signed an executive order on Wednesday to strengthen federal cyber "
    "defenses after the Colonial Pipeline ransomware attack."
)


def article(title: str | None, text: str) -> StoredArticle:
    n = next(ids)
    url = f"https://news.example/{n}"
    return StoredArticle(n, "wire", url, url, title, text, "2026-11-20", str(n), "extracted")


@pytest.mark.parametrize(
    ("titles", "chosen"),
    [
        # A title made up from the opening of a text (cut at 120 characters) is no headline when
        # a source has a real one.
        ([title_from_text(ORDER + " " + ORDER), "Biden signs cybersecurity order"], 1),
        # A question or a teaser names less of the event than a title that says what happened.
        (["Will It Be Enough?", "Biden signs order on cybersecurity after pipeline hack"], 1),
        # Of two titles naming the event as well, the shorter.
        (
            [
                "Biden signs executive order on cybersecurity, in a long-awaited move today",
                "Biden signs executive order on cybersecurity",
            ],
            1,
        ),
    ],
)
def test_the_headline_is_the_real_title_that_names_the_event(titles, chosen):
    articles = [article(t, ORDER + " " + ORDER) for t in titles]
    articles.append(article(None, ORDER))
    title, lead = headline(articles)
    assert title == titles[chosen]
    assert lead is articles[chosen]


def test_without_any_real_title_the_headline_is_made_from_an_opening_with_no_dangling_mark():
    a = article(None, "Ross and Wang open talks;\n\nThe two sides met in Washington.")
    title, lead = headline([a])
    assert (title, lead) == ("Ross and Wang open talks", a)


@pytest.mark.parametrize(
    ("openings", "chosen"),
    [
        # The sentence carrying the story's shared terms in fewer words.
        (
            [
                "In a move that many observers in the capital had been expecting for some weeks "
                "now, and after a long period of consultations, the White House acted on cyber.",
                ORDER,
            ],
            1,
        ),
        # A sentence that is the headline again is skipped for the next one.
        (["Biden signs cybersecurity order.", ORDER], 1),
    ],
)
def test_the_summary_is_the_opening_that_says_most_in_fewest_words(openings, chosen):
    articles = [article("Biden signs cybersecurity order", o) for o in openings]
    articles.append(article("Order follows pipeline hack", ORDER.replace("Wednesday", "today")))
    assert summary("Biden signs cybersecurity order", articles) == openings[chosen]


@pytest.mark.parametrize(
    "labels",
    [
        "ABSTRACT.\n\n",
        "FULL TEXT.\n\nCorrection Appended.\n\n",
        "Advertisement\n\nSUMMARY:\n\n",
    ],
)
def test_part_labels_of_a_wire_database_are_never_the_summary_or_an_alert_lead(labels):
    text = f"Biden signs cybersecurity order\n\n{labels}{ORDER}\n\nMore follows."
    [a] = [article("Biden signs cybersecurity order", text)]
    assert summary("Biden signs cybersecurity order", [a]) == ORDER
    assert lead(text).startswith("Biden signs cybersecurity order " + ORDER[:40])
