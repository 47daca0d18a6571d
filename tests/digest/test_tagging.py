import pytest
import spacy

from digest import tagging
from digest.nlp import model_name

# Sentences that meet the model's rules that read more than one tag and word: the parse
# (`there is`, `I`/`you`/`it` as subject or object, auxiliaries, `but` as an adverb), the next
# word (`gonna`, `gotta`, `let's`, `ain't`, `y'all`), the word's shape (`nothin'`) and spaces.
RULE_CASES = [
    "There is no deal yet, and there were never going to be one.",
    "I told you it was over; you gave it to me, and I gave it back to you and it.",
    "We're gonna win, they've gotta pay, let's talk. Y'all ain't seen nothin' yet.",
    "He does not know whether she did, but it has been done, though nobody had asked.",
    "It was all but certain.  Tariffs  rose\n\nsharply ,\tthen  fell.",
    "Which ones did that? Those that did it are the ones who gets paid and got rich.",
    "C'mon, I'm here, you're there, it's done and he'd have gone if he'd known.",
]

ATTRIBUTES = ("tag_", "pos_", "morph", "lemma_", "dep_")


@pytest.fixture(scope="module")
def stock():
    """The model as spaCy loads it, told where paragraphs break as the pipeline tells it."""
    model = spacy.load(model_name(), exclude=["ner"])
    model.add_pipe("tradedigest_paragraphs", first=True)
    return model


def _attributes(doc) -> list[tuple]:
    return [(t.text, *(str(getattr(t, name)) for name in ATTRIBUTES)) for t in doc]


def test_the_pipeline_replaces_the_attribute_ruler_and_lemmatizer(nlp):
    assert "tradedigest_tagging" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names


def test_every_token_gets_what_the_model_s_own_components_give(nlp, stock, sample_texts):
    texts = [*RULE_CASES, *sample_texts.values()]
    skip = ["ner", "tradedigest_quotes", "tradedigest_figures"]
    # Twice: the second pass reads from the cache what the first worked out.
    for _ in range(2):
        ours = [_attributes(doc) for doc in nlp.pipe(texts, disable=skip)]
        assert ours == [_attributes(doc) for doc in stock.pipe(texts)]


def test_the_cache_is_bounded(nlp, stock, monkeypatch):
    monkeypatch.setattr(tagging, "CACHE_LIMIT", 5)
    skip = ["ner", "tradedigest_quotes", "tradedigest_figures"]
    component = nlp.get_pipe("tradedigest_tagging")
    component.cache.clear()
    doc = nlp(RULE_CASES[1], disable=skip)  # more than 5 different words
    assert len(component.cache) <= 5 and len(component.lemmatizer.cache) <= 5
    assert _attributes(doc) == _attributes(stock(RULE_CASES[1]))
