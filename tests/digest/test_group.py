"""Stories grouped as an editor would: one event however outlets word it, never two events that
merely share a politician, never a chain of resemblances."""

from __future__ import annotations

import numpy as np
import pytest

from digest.compose._event import report, words
from digest.compose._group import SAME_STORY, SHARED_QUOTE, average_linkage, group, similarity

DAY = "2026-06-04T{}:00+00:00"
TWO_DAYS_LATER = "2026-06-06T{}:00+00:00"

# A day's other news: what every grouping below is told among, as a digest would be.
OTHER_NEWS = [
    ("Storm knocks out power in Florida", "Hurricane winds cut electricity to 200,000 homes."),
    ("Apple unveils a thinner laptop", "The company showed its new notebook at a developer event."),
    ("Lakers win the championship", "Los Angeles beat Boston in game seven of the finals."),
    ("Wildfire forces evacuations in Oregon", "Firefighters battled a blaze near Bend overnight."),
    ("Oil climbs on OPEC output cut", "Brent crude rose 3% after producers agreed to pump less."),
    ("Supreme Court hears a free speech case", "Justices weighed a school's power over students."),
    ("Toyota recalls 400,000 pickups", "A faulty airbag sensor may fail in a crash, it said."),
    (
        "Mars rover finds signs of ancient lake",
        "Scientists said the rocks formed in standing water.",
    ),
]


def day_of(*articles: tuple[str, str] | tuple[str, str, str]) -> list:
    """Reports of `articles` (title, lead, maybe the time) among the day's other news."""
    reports = []
    for n, article in enumerate([*articles, *OTHER_NEWS]):
        title, lead, *when = article
        reports.append(report(title, lead, when[0] if when else DAY.format(f"{n % 24:02d}:00")))
    return reports


def stories_of(reports: list, count: int) -> list[set[int]]:
    """The stories holding the first `count` reports."""
    return [set(s) for s in group(reports) if min(s) < count]


SAME_EVENT = {
    "a warning on the J&J vaccine": [
        (
            "FDA adds Guillain-Barré warning to J&J vaccine",
            "The FDA on Monday added a warning to Johnson & Johnson’s COVID-19 vaccine about a "
            "rare nerve disorder, Guillain-Barré syndrome, after 100 reports among 12.8 million "
            "people vaccinated.",
        ),
        (
            "Regulators flag rare nerve syndrome in Johnson & Johnson shots",
            "Federal regulators said the J&J COVID-19 vaccine may raise the risk of "
            "Guillain-Barre syndrome; 100 cases were reported among 12.8 million recipients.",
        ),
        (
            "J&J’s COVID vaccine gets new label over Guillain-Barre risk",
            "Health officials will attach a new warning about Guillain Barre syndrome to the "
            "single-dose Johnson & Johnson vaccine, citing 100 preliminary reports.",
        ),
    ],
    "850,000 jobs in June": [
        (
            "US employers added 850,000 jobs in June",
            "Hiring picked up in June as employers added 850,000 jobs, the Labor Department said, "
            "while the unemployment rate rose to 5.9%.",
        ),
        (
            "Job growth beats forecasts as economy reopens",
            "The economy added 850,000 jobs last month, more than economists expected; the jobless "
            "rate ticked up to 5.9%, the Labor Department reported.",
        ),
        (
            "June jobs report: payrolls jump 850,000",
            "Nonfarm payrolls rose by 850,000 in June, beating estimates, though unemployment "
            "edged higher to 5.9% according to the Labor Department.",
        ),
    ],
}


@pytest.mark.parametrize("event", SAME_EVENT)
def test_one_event_in_three_wordings_is_one_story(event):
    assert stories_of(day_of(*SAME_EVENT[event]), 3) == [{0, 1, 2}]


SAME_POLITICIAN = {
    "Biden: cybersecurity order and budget": [
        (
            "Biden signs executive order on cybersecurity",
            "President Joe Biden signed an executive order to strengthen federal cyber defenses "
            "after the Colonial Pipeline ransomware attack.",
        ),
        (
            "Biden order tightens software security after pipeline hack",
            "Biden's order requires contractors to report breaches and sets software standards "
            "for federal agencies following the pipeline ransomware attack.",
        ),
        (
            "Biden unveils $6 trillion budget",
            "President Joe Biden proposed a $6 trillion budget for 2022, with record spending on "
            "infrastructure, education and health care.",
        ),
        (
            "Biden budget would push spending to highest level since World War II",
            "The $6 trillion plan Biden sent to Congress would raise federal spending to levels "
            "not seen since World War II.",
        ),
    ],
    "Cheney: ousted, then replaced two days later": [
        (
            "House Republicans oust Cheney from leadership",
            "House Republicans voted on Wednesday to remove Liz Cheney as conference chair over "
            "her criticism of Trump's election claims.",
            DAY.format("09:00"),
        ),
        (
            "GOP dumps Liz Cheney from No. 3 post",
            "Republicans ousted Rep. Liz Cheney from her leadership role in a closed-door voice "
            "vote, punishing her for rebuking Trump.",
            DAY.format("10:00"),
        ),
        (
            "Stefanik elected to replace Cheney",
            "Rep. Elise Stefanik won the vote for House Republican conference chair two days after "
            "Cheney lost the post; Stefanik had Trump's backing.",
            TWO_DAYS_LATER.format("11:00"),
        ),
        (
            "Elise Stefanik wins GOP conference chair",
            "Elise Stefanik, a Trump ally from New York, was elected conference chair, taking the "
            "No. 3 job in the House Republican leadership.",
            TWO_DAYS_LATER.format("12:00"),
        ),
    ],
}


@pytest.mark.parametrize("events", SAME_POLITICIAN)
def test_two_events_sharing_a_politician_are_two_stories(events):
    assert stories_of(day_of(*SAME_POLITICIAN[events]), 4) == [{0, 1}, {2, 3}]


def test_a_chain_of_resemblances_is_not_one_story():
    # Booster for the old is like boosters in general, which are like boosters for the young; the
    # two ends are different stories and share too little to join.
    boosters = [
        (
            "FDA backs Pfizer booster for people over 65",
            "Regulators authorised a third Pfizer dose for Americans 65 and older and nursing "
            "home residents.",
        ),
        (
            "Vaccines: what changes this week",
            "Pfizer boosters go to people over 65, schools plan autumn classes, and Moderna "
            "publishes data on adolescents.",
        ),
        (
            "Moderna says its vaccine protects adolescents",
            "Moderna said its shot was 100% effective in a trial of 3,732 adolescents aged 12 to "
            "17 and will ask to extend its use.",
        ),
    ]
    reports = day_of(*boosters)
    alike = similarity(reports).toarray()
    assert min(alike[0, 1], alike[1, 2]) >= SAME_STORY > alike[0, 2]
    assert {0, 1, 2} not in stories_of(reports, 3)


@pytest.mark.parametrize(
    ("alike", "stories"),
    [
        # A is like B, B like C, A unlike C: the pair that is most alike joins, C stays apart.
        ([[1, 0.6, 0.0], [0.6, 1, 0.5], [0.0, 0.5, 1]], [[0, 1], [2]]),
        # All three alike on average: one story.
        ([[1, 0.6, 0.4], [0.6, 1, 0.5], [0.4, 0.5, 1]], [[0, 1, 2]]),
        # Two tight pairs bridged by one resemblance: two stories.
        (
            [[1, 0.9, 0.3, 0], [0.9, 1, 0, 0], [0.3, 0, 1, 0.9], [0, 0, 0.9, 1]],
            [[0, 1], [2, 3]],
        ),
        ([[1]], [[0]]),
    ],
)
def test_average_linkage_joins_groups_alike_on_average(alike, stories):
    assert sorted(average_linkage(np.array(alike, dtype=float), 0.3)) == stories


def test_quoting_the_same_passage_adds_to_the_likeness():
    said = "We will respond in a firm and proportionate way to these duties."
    a = report("EU answers", "Brussels weighed its options.", DAY.format("09:00"), quoted=[said])
    b = report("Malmstrom speaks", "The commissioner spoke.", DAY.format("10:00"), quoted=[said])
    c = report("Malmstrom speaks", "The commissioner spoke.", DAY.format("10:00"), quoted=["No."])
    assert similarity([a, b]).toarray()[0, 1] == pytest.approx(
        similarity([a, c]).toarray()[0, 1] + SHARED_QUOTE
    )


def test_the_same_report_days_apart_is_two_stories_and_without_a_time_its_words_decide():
    title, lead = SAME_EVENT["850,000 jobs in June"][0]
    monday, next_week = "2026-06-01T09:00:00+00:00", "2026-06-08T09:00:00+00:00"
    assert len(group([report(title, lead, monday), report(title, lead, next_week)])) == 2
    assert len(group([report(title, lead, monday), report(title, lead, None)])) == 1
    assert group([]) == []


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("J&J", ["jj"]),
        ("Johnson & Johnson", ["johnson", "johnson", "jj"]),
        ("Guillain-Barré", ["guillain-barre"]),
        ("Cuomo’s", ["cuomo"]),
        ("Cuomo's", ["cuomo"]),
        ("U.S. vaccines", ["us", "vaccin"]),
        ("850,000 jobs", ["850000", "job"]),
        ("signs signed signing sign", ["sign"] * 4),
        ("countries country", ["country"] * 2),
        ("He said that the", []),
    ],
)
def test_a_name_is_spelled_one_way_whatever_the_outlet(text, spelled):
    assert words(text) == spelled


def test_speakers_are_known_by_surname_and_figures_by_value_and_unit():
    a = report("", "", None, speakers=["Sen. Joe Manchin"], figures=[("money", 6e12, "USD")])
    b = report("", "", None, speakers=["Manchin’s"], figures=[("money", 6e12, "USD")])
    assert similarity([a, b]).toarray()[0, 1] == pytest.approx(1.0)
