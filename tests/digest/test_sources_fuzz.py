"""Whatever a server or a folder sends, a source gives articles or SourceUnavailable: never
another exception, which would cost the whole source."""

import gzip
import json
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.sources import SourceUnavailable
from digest.sources._feeds import parse_feed
from digest.sources._folders import _json_articles
from digest.sources._http import Response, _Decoder
from tests.digest.test_sources import item, rss

FEED = rss(item(1), item(2)).encode()


def mangled(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    for at, insert in cuts:
        at %= len(data) + 1
        data = data[:at] + insert + data[at + len(insert) :]
    return data


@settings(max_examples=150, deadline=None)
@given(
    cuts=st.lists(
        st.tuples(
            st.integers(0, len(FEED)),
            st.sampled_from([b"&", b"&nbsp;", b"<", b"]]>", b"\xff\xfe", b"\x00", b"<!DOCTYPE x>"])
            | st.binary(max_size=8),
        ),
        max_size=4,
    ),
    content_type=st.sampled_from(["", "text/html", "application/rss+xml; charset=latin-1"]),
)
def test_a_mangled_feed_parses_or_is_refused_with_a_reason(cuts, content_type):
    response = Response("https://wire.example/feed", mangled(FEED, cuts), content_type, None)
    try:
        entries, warning = parse_feed(response)
    except SourceUnavailable as error:
        assert str(error).startswith("https://wire.example/feed: ")
    else:
        assert isinstance(entries, list) and (warning is None or "\n" not in warning)


@settings(max_examples=150, deadline=None)
@given(
    body=st.binary(max_size=200),
    layers=st.lists(st.sampled_from(["gzip", "deflate"]), max_size=3),
    encoding=st.sampled_from(["gzip", "gzip, gzip", "deflate", "br", "identity", "gzip,,x"]),
    cap=st.integers(1, 400),
)
def test_any_body_under_any_encoding_decodes_within_the_cap_or_is_refused(
    body, layers, encoding, cap
):
    for layer in layers:
        body = gzip.compress(body) if layer == "gzip" else zlib.compress(body)
    try:
        decoder = _Decoder(encoding, "https://x.example/", cap)
        decoded = decoder.decode(body[: len(body) // 2]) + decoder.decode(body[len(body) // 2 :])
        decoded += decoder.flush()
    except SourceUnavailable:
        return
    assert len(decoded) <= cap


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
ARTICLE = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=40) | JSON},
    optional={key: JSON | st.text(max_size=30) for key in ("url", "published", "title", "id")},
)


@settings(max_examples=150, deadline=None)
@given(data=st.lists(ARTICLE | JSON, max_size=4) | ARTICLE | JSON)
def test_any_json_gives_articles_and_one_line_skips_or_is_refused(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("desk") / "a.json"
    try:
        got = _json_articles(json.dumps(data), path, "desk", "2026-11-20T00:00:00+00:00")
    except SourceUnavailable as error:
        assert "\n" not in str(error)
        return
    assert all(isinstance(a.url, str) and a.text.strip() for a in got.articles)
    assert all("\n" not in reason for reason in got.skipped)
