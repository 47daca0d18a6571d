"""The word lists have one home, `digest/data/`, and every reader takes them from there."""

from pathlib import Path

from digest.compose._people import SENIOR
from digest.compose._text import trade_words as count_trade_words
from digest.config import RelevanceConfig, load_config
from digest.figures._tables import TRADE_TERMS
from digest.quotes._names import NOT_NAMES
from digest.speakers._names import clean_title
from digest.words import office_title, speaker_words, trade_words

REPO = Path(__file__).resolve().parents[2]


def test_the_relevance_keywords_by_default_and_in_the_shipped_file_are_the_data_list():
    shipped = load_config(environ={}, path=REPO / "config" / "tradedigest.toml")
    assert RelevanceConfig().keywords == shipped.relevance.keywords == trade_words("keywords")
    assert "World Trade Organization" in trade_words("keywords")


def test_quote_words_match_whole_words_and_stems_in_any_case():
    assert count_trade_words("Reciprocity on TARIFFS, subsidies and manufacturing jobs") == 5
    assert count_trade_words("A tradesman's steelworks") == 0


def test_figures_and_the_digest_read_their_words_from_the_data():
    assert trade_words("figure_terms") == TRADE_TERMS
    assert frozenset(speaker_words()["senior"]) == SENIOR
    assert speaker_words()["abbreviations"]["sen"] == "senator"
    assert office_title("Sen.") == clean_title("Sen.") == "Senator"
    assert {"organizer", "rival", "mr"} <= NOT_NAMES
