import json
import threading
import time
import tracemalloc
from dataclasses import replace

import feedparser
import pytest

from digest.config import IngestConfig, SourceConfig
from digest.sources import USER_AGENT, HttpClient, SourceUnavailable, fetch
from tests.digest.fake_web import running

# Short limits keep fault tests fast; one retry is enough to prove retrying.
FAST = IngestConfig(timeout_seconds=0.3, retries=1, backoff_seconds=0.01, max_bytes=1_000_000)
BODY = " ".join(["Tariffs on steel imports will rise, the trade representative said."] * 8)


def rss(*items: str, encoding: str = "utf-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>Wire'
        f"</title>{''.join(items)}</channel></rss>"
    )


def item(n: int, body: str | None = None, guid: str | None = None, date: str = "Mon, 02 Nov 2026"):
    paragraphs = f"<p>{body}</p>" if body else f"<p>{BODY}</p><p>Story {n}.</p>"
    return (
        f"<item><title>Story {n}</title><link>/news/{n}</link><guid>{guid or f'g{n}'}</guid>"
        f"<pubDate>{date} 10:00:00 GMT</pubDate><description>Teaser {n}</description>"
        f"<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
        f"<![CDATA[{paragraphs}]]></content:encoded></item>"
    )


def article_page(title: str, body: str = BODY) -> str:
    paragraphs = "".join(f"<p>{body} Paragraph {i}.</p>" for i in range(3))
    return (
        f"<html><head><title>{title}</title><meta name='author' content='Jane Roe'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "</body></html>"
    )


def never_known(url, guid):
    return False


@pytest.fixture
def web():
    with running() as web:
        yield web


@pytest.fixture
def client():
    with HttpClient(FAST) as client:
        yield client


def feed(url: str) -> SourceConfig:
    return SourceConfig("wire", "feed", url=url)


def test_feed_items_carry_full_content_title_date_and_guid(web, client):
    url = web.serve("/feed", rss(item(1), item(2)), "application/rss+xml")
    got = fetch(feed(url), client, {}, never_known)
    first = got.articles[0]
    assert [a.title for a in got.articles] == ["Story 1", "Story 2"]
    assert first.url == web.url + "/news/1"
    assert first.guid == "g1"
    assert first.published == "2026-11-02T10:00:00+00:00"
    assert first.text.startswith("Tariffs on steel") and first.text.endswith("Story 1.")
    assert "\n" in first.text
    [(_, headers)] = web.requests
    assert headers["User-Agent"] == USER_AGENT
    assert "gzip" in headers["Accept-Encoding"]


def test_an_item_without_full_content_is_read_from_its_page(web, client):
    body = rss(
        "<item><title>Short</title><link>/story</link><description>Teaser</description></item>"
    )
    url = web.serve("/feed", body, "application/rss+xml")
    web.serve("/story", article_page("Steel tariffs rise"))
    [article] = fetch(feed(url), client, {}, never_known).articles
    assert article.title == "Short"
    assert "trade representative" in article.text
    assert article.author == "Jane Roe"


@pytest.mark.parametrize(
    ("extra", "page_hits"),
    [
        ("<content:encoded>Tariffs rose.</content:encoded>", 0),
        ("<description>Tariffs rose.</description>", 1),
    ],
)
def test_short_content_is_the_article_but_a_summary_alone_is_not(web, client, extra, page_hits):
    body = rss(f"<item><title>T</title><link>/story</link>{extra}</item>").replace(
        "<rss ", "<rss xmlns:content='http://purl.org/rss/1.0/modules/content/' "
    )
    url = web.serve("/feed", body, "application/rss+xml")
    web.serve("/story", article_page("Steel tariffs rise"))
    [article] = fetch(feed(url), client, {}, never_known).articles
    assert web.hits("/story") == page_hits
    assert (article.text == "Tariffs rose.") == (page_hits == 0)


def test_known_items_are_neither_fetched_nor_returned(web, client):
    body = rss("<item><title>Short</title><link>/story</link><guid>g9</guid></item>")
    url = web.serve("/feed", body, "application/rss+xml")
    got = fetch(feed(url), client, {}, lambda url, guid: guid == "g9")
    assert (got.articles, got.unchanged) == ((), 1)
    assert web.hits("/story") == 0


def test_an_unchanged_feed_costs_one_304(web, client):
    url = web.serve("/feed", rss(item(1)), "application/rss+xml")
    first = fetch(feed(url), client, {}, never_known)
    second = fetch(feed(url), client, first.state, never_known)
    assert second.not_modified and second.articles == ()
    assert "If-None-Match" in web.requests[1][1]
    assert "If-Modified-Since" in web.requests[1][1]


def test_redirects_are_followed_to_the_feed(web, client):
    web.serve("/feed", rss(item(1)), "application/rss+xml")
    url = web.redirect("/old", "/feed")
    [article] = fetch(feed(url), client, {}, never_known).articles
    assert article.url == web.url + "/news/1"


def test_server_errors_are_retried_until_success(web, client):
    web.serve("/good", rss(item(1)), "application/rss+xml")
    url = web.failing_then("/flaky", 1, web.routes["/good"])
    got = fetch(feed(url), client, {}, never_known)
    assert len(got.articles) == 1
    assert web.hits("/flaky") == 2


def test_a_server_failing_every_try_is_an_error_naming_the_status(web, client):
    url = web.failing_then("/down", 99, then=lambda handler: None)
    with pytest.raises(SourceUnavailable, match=r"source 'wire': .*/down: HTTP 500.*2 tries"):
        fetch(feed(url), client, {}, never_known)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda web: web.status("/gone", 404), "HTTP 404 Not Found"),
        (lambda web: web.slow("/slow", 1.0), r"timed out after 0.3 s \(after 2 tries\)"),
        (lambda web: web.redirect("/loop", "/loop"), "more than 5 redirects"),
        (lambda web: web.endless("/huge", announce_length=True), "larger than 1,000,000 bytes"),
        (
            lambda web: web.serve("/html", article_page("Hi")),
            r"not an RSS or Atom feed \(text/html",
        ),
        (
            lambda web: web.serve("/bad", "<rss version='2.0'><channel><item><title>A & B"),
            "malformed feed XML",
        ),
    ],
)
def test_faults_are_errors_naming_url_and_cause(web, client, setup, message):
    url = setup(web)
    with pytest.raises(SourceUnavailable, match=message):
        fetch(feed(url), client, {}, never_known)


def test_a_body_that_trickles_in_is_cut_off(web):
    url = web.trickle("/drip", 5.0)
    with (
        HttpClient(replace(FAST, timeout_seconds=0.1, retries=0)) as client,
        pytest.raises(SourceUnavailable, match=r"drip: no complete response within 0.4 s"),
    ):
        fetch(feed(url), client, {}, never_known)


def test_headers_that_trickle_in_are_cut_off_by_one_deadline_and_not_retried(web):
    url = web.trickle_headers("/drip", 10.0)
    started = time.monotonic()
    with (
        HttpClient(replace(FAST, timeout_seconds=0.1, retries=2)) as client,
        pytest.raises(SourceUnavailable, match=r"drip: no complete response within 0.4 s$"),
    ):
        fetch(feed(url), client, {}, never_known)
    assert time.monotonic() - started < 2
    assert web.hits("/drip") == 1 and "/drip" not in web.sent


def test_a_gzip_bomb_of_stacked_encodings_is_cut_off_by_its_decoded_size(web, client):
    url = web.encoded("/bomb", b"\0" * 60_000_000, ("gzip", "gzip"), "application/rss+xml")
    tracemalloc.start()
    try:
        with pytest.raises(SourceUnavailable, match="bomb: response larger than 1,000,000 bytes"):
            fetch(feed(url), client, {}, never_known)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Never inflated whole: a few times the cap at most, not the 60 MB packed inside.
    assert peak < 8_000_000


def test_a_body_in_stacked_encodings_within_the_cap_is_read(web, client):
    url = web.encoded("/feed", rss(item(1)).encode(), ("gzip", "x-gzip"), "application/rss+xml")
    [article] = fetch(feed(url), client, {}, never_known).articles
    assert article.title == "Story 1"


def test_a_feed_with_bare_ampersands_and_html_entities_is_read_with_a_warning(web, client):
    titles = ["Steel &nbsp; tariffs", "Trade & tariffs", "Exports & imports"]
    body = rss(*(item(n).replace(f"Story {n}<", f"{t}<") for n, t in enumerate(titles)))
    url = web.serve("/feed", body, "application/rss+xml")
    got = fetch(feed(url), client, {}, never_known)
    assert len(got.articles) == 3 and got.skipped == ()
    assert "Trade & tariffs" in [a.title for a in got.articles]
    [warning] = got.warnings
    assert warning.startswith(f"{url}: malformed feed XML (") and "read 3 items anyway" in warning


@pytest.mark.parametrize("content_type", ["text/html", "application/octet-stream", ""])
@pytest.mark.parametrize("prolog", ["", "<!-- generated -->\n<?xml-stylesheet href='s.xsl'?>\n"])
def test_a_feed_served_under_another_type_is_read_by_its_content(web, client, content_type, prolog):
    body = rss(item(1), item(2)).replace("?>\n", "?>\n" + prolog, 1)
    url = web.serve("/feed", body, content_type)
    assert [a.title for a in fetch(feed(url), client, {}, never_known).articles] == [
        "Story 1",
        "Story 2",
    ]


def test_a_latin1_page_under_a_utf8_header_is_decoded_right_with_a_warning(web, client):
    page = article_page("Café tariffs", BODY.replace("steel", "Müller’s steel")).encode("cp1252")
    url = web.serve("/a", page, "text/html; charset=utf-8")
    got = fetch(page_source(url), client, {}, never_known)
    [article] = got.articles
    assert article.title == "Café tariffs" and "Müller’s steel" in article.text
    assert "\ufffd" not in article.text
    assert got.warnings == (f"{url}: declared utf-8; read as cp1252",)


def test_a_huge_response_without_length_is_cut_off_early(web, client):
    url = web.endless("/huge", announce_length=False)
    with pytest.raises(SourceUnavailable, match="larger than 1,000,000 bytes"):
        fetch(feed(url), client, {}, never_known)
    time.sleep(0.05)
    assert web.sent["/huge"] < 10_000_000


def test_an_empty_feed_gives_nothing_and_no_error(web, client):
    url = web.serve("/empty", rss(), "application/rss+xml")
    got = fetch(feed(url), client, {}, never_known)
    assert got.articles == () and got.skipped == ()


def test_a_latin1_feed_declared_utf8_is_read_with_its_accents(web, client):
    body = rss(item(1).replace("Story 1", "Café tariffs")).encode("latin-1")
    url = web.serve("/latin", body, "application/rss+xml; charset=utf-8")
    got = fetch(feed(url), client, {}, never_known)
    [article] = got.articles
    assert article.title == "Café tariffs"
    [warning] = got.warnings
    assert warning.startswith(f"{url}: document declared as utf-8, but parsed as")


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "tariff tariff tariff tariff">\n'
    + "".join(
        f'<!ENTITY {b} "{f"&{a};" * 10}">\n' for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + ']>\n<rss version="2.0"><channel><title>Bomb</title><item><title>&i;</title>'
    "<link>/x</link></item></channel></rss>"
)


def test_an_xml_bomb_is_refused_without_expanding(web, client):
    url = web.serve("/bomb", BOMB, "application/rss+xml")
    with pytest.raises(SourceUnavailable, match="declares XML entities"):
        fetch(feed(url), client, {}, never_known)


def test_feedparser_itself_does_not_expand_a_bomb():
    # Defence in depth: even past our refusal, the parser would not expand the entities.
    parsed = feedparser.parse(BOMB.encode())
    assert all(len(entry.get("title", "")) < 100 for entry in parsed.entries)


def test_no_more_than_per_host_requests_at_once(web):
    active, peak, lock = [0], [0], threading.Lock()
    page = web.serve("/p", article_page("Tariffs"))
    serve = web.routes["/p"]

    def counting(handler):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        serve(handler)

    web.routes["/p"] = counting
    with HttpClient(IngestConfig(per_host=2)) as client:
        threads = [threading.Thread(target=client.get, args=(page,)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert peak[0] == 2


def page_source(url: str) -> SourceConfig:
    return SourceConfig("site", "page", url=url)


def test_a_page_source_is_one_article_with_its_metadata(web, client):
    url = web.serve("/a", article_page("Steel tariffs rise"))
    [article] = fetch(page_source(url), client, {}, never_known).articles
    assert article.title == "Steel tariffs rise"
    assert article.author == "Jane Roe"
    assert "trade representative" in article.text


def test_a_page_with_no_article_text_is_a_clean_skip(web, client):
    url = web.serve("/empty", "<html><body><p>Subscribe.</p></body></html>")
    got = fetch(page_source(url), client, {}, never_known)
    assert got.articles == ()
    assert got.skipped == (f"{url}: no article text",)


def test_a_sitemap_lists_the_articles_to_read(web, client):
    web.serve("/one", article_page("One"))
    web.serve("/two", article_page("Two"))
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{web.url}/one</loc></url><url><loc>{web.url}/two</loc></url></urlset>"
    )
    url = web.serve("/sitemap.xml", sitemap, "application/xml")
    got = fetch(page_source(url), client, {}, never_known)
    assert sorted(a.title for a in got.articles) == ["One", "Two"]


def test_an_index_page_is_followed_to_its_articles(web, client):
    web.serve("/news/steel-tariffs-rise", article_page("Steel"))
    web.serve("/news/exports-fall-again", article_page("Exports"))
    links = "".join(
        f"<li><a href='/news/{slug}'>{slug}</a></li>"
        for slug in ("steel-tariffs-rise", "exports-fall-again")
    )
    url = web.serve("/", f"<html><body><h1>Trade news</h1><ul>{links}</ul></body></html>")
    got = fetch(page_source(url), client, {}, never_known)
    assert sorted(a.title for a in got.articles) == ["Exports", "Steel"]


def folder_source(path) -> SourceConfig:
    return SourceConfig("desk", "folder", path=path)


def test_a_folder_reads_txt_md_html_and_json(tmp_path, client):
    (tmp_path / "a.txt").write_text("Tariffs rise\n\n" + BODY, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Exports fall\n\n" + BODY, encoding="utf-8")
    (tmp_path / "c.html").write_text(article_page("Steel duties"), encoding="utf-8")
    (tmp_path / "d.json").write_text(
        json.dumps([{"title": "Quota", "text": BODY, "url": "https://news.example/q", "id": 7}]),
        encoding="utf-8",
    )
    (tmp_path / "e.csv").write_text("ignored", encoding="utf-8")
    got = fetch(folder_source(tmp_path), client, {}, never_known)
    assert [a.title for a in got.articles] == [
        "Tariffs rise",
        "Exports fall",
        "Steel duties",
        "Quota",
    ]
    assert got.articles[3].url == "https://news.example/q"
    assert got.articles[3].guid == "7"
    assert len(got.state) == 4


def test_a_folder_skips_unchanged_files_and_rereads_modified_ones(tmp_path, client):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    first = fetch(folder_source(tmp_path), client, {}, never_known)
    again = fetch(folder_source(tmp_path), client, first.state, never_known)
    assert (again.articles, again.unchanged) == ((), 1)
    path.write_text(BODY + " Updated.", encoding="utf-8")
    changed = fetch(folder_source(tmp_path), client, first.state, never_known)
    assert changed.articles[0].text.endswith("Updated.")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("latin.txt", "Café tariffs".encode("latin-1"), "not UTF-8"),
        ("broken.json", b'{"text": ', "not valid JSON"),
        ("notext.json", b'{"title": "x"}', '"text" = None: expected the article text'),
        ("number.json", b"12", 'expected an object or a list of objects with "text"'),
        ("nav.html", b"<html><body><a href='/'>Home</a></body></html>", "no article text"),
    ],
)
def test_an_unreadable_file_is_skipped_with_its_reason_and_others_are_read(
    tmp_path, client, name, content, reason
):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    got = fetch(folder_source(tmp_path), client, {}, never_known)
    assert [a.url.rsplit("/", 1)[1] for a in got.articles] == ["good.txt"]
    [skipped] = got.skipped
    assert name in skipped and reason in skipped
    assert str(tmp_path / name) not in got.state


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"text": BODY, "url": ["https://a.example/x"]}, "\"url\" = ['https://a.example/x']: exp"),
        ({"text": BODY, "published": 12345}, '"published" = 12345: expected a string'),
        ({"text": BODY, "published": "last Tuesday"}, "\"published\" = 'last Tuesday': expected"),
        ({"text": BODY, "date": "<!channel>"}, "\"date\" = '<!channel>': expected an ISO 8601"),
        ({"text": BODY, "title": {"en": "x"}}, "\"title\" = {'en': 'x'}: expected a string"),
        ({"text": BODY, "id": [1]}, '"id" = [1]: expected a string or a number'),
        ({"text": BODY, "url": "javascript:alert(1)"}, "expected an http(s) URL"),
        ({"text": ["a", "b"]}, "\"text\" = ['a', 'b']: expected the article text"),
        ({"title": "no text"}, '"text" = None: expected the article text'),
        ("just a string", "'just a string': expected an object"),
    ],
)
def test_a_bad_object_in_a_json_list_is_skipped_with_one_line_and_the_others_read(
    tmp_path, client, bad, reason
):
    good = {"text": BODY, "url": "https://news.example/good", "published": "2026-11-20T10:00:00Z"}
    (tmp_path / "list.json").write_text(json.dumps([good, bad, good | {"url": None}]), "utf-8")
    got = fetch(folder_source(tmp_path), client, {}, never_known)
    assert [a.url for a in got.articles] == [
        "https://news.example/good",
        (tmp_path / "list.json").as_uri() + "?item=2",
    ]
    [skipped] = got.skipped
    assert skipped.startswith(f"{tmp_path / 'list.json'} item 1: ") and reason in skipped
    assert "\n" not in skipped
    # The file is read: it is not read again, and its bad object reported again, until it changes.
    assert str(tmp_path / "list.json") in got.state


def test_json_nested_too_deeply_skips_its_file_and_the_others_are_read(tmp_path, client):
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    got = fetch(folder_source(tmp_path), client, {}, never_known)
    assert [a.url.rsplit("/", 1)[1] for a in got.articles] == ["good.txt"]
    assert got.skipped == (f"{tmp_path / 'deep.json'}: JSON nested too deeply to read",)


FURNITURE = [
    "Story continues below advertisement",
    "ADVERTISEMENT",
    "Article continued below",
    "Click here to sign up for our daily newsletter.",
    "Read more: Steel tariffs bite in Ohio",
    "Photo: Reuters",
    "(AP Photo/Evan Vucci)",
    "Photograph: Andrew Harnik/AP",
    "The minister arrives in Ottawa. (Getty Images)",
    "Continue reading the main story",
    "Related: How tariffs work",
    "Getty.",
    '"Related:"',
    "For more, sign up for the Trade Week newsletter.",
    "Want more from Ana? Sign up for her newsletter, Port Notes.",
    "See photos from the port below:",
    "Workers unload steel in Busan on May 2. (JUNG YEON-JE/AFP/Getty Images.)",
    "(Subscribe to our trade podcast with Ana Ruiz.)",
    "Send tips to the trade desk at desk@news.example.",
]
# Prose that only mentions the same words is the story, and stays.
PROSE = [
    "He told reporters to click here and there, Ross said, and laughed.",
    "Read more about tariffs in the report, the minister said.",
    "Photos show the port at Long Beach empty of ships.",
    "The story continues below the surface, said the trade representative.",
    "Subscribers to the steel index said prices rose, and registered importers agreed.",
    '"VIDEO: the minister said it on camera, and the exporters said it in every meeting we held'
    ' with them over the whole of last year, before the tariffs came in," the senator said.',
    "AP reported that exports fell.",
    "Shares rose, said a spokesman for Getty Images.",
]


def test_page_furniture_is_stripped_where_a_page_text_is_made(web, client):
    lines = [x for pair in zip([BODY] * len(FURNITURE), FURNITURE, strict=True) for x in pair]
    body = "".join(f"<p>{line}</p>" for line in [*lines, *PROSE])
    url = web.serve(
        "/a",
        f"<html><head><title>Tariffs</title></head><body><article>{body}</article></body></html>",
    )
    [article] = fetch(page_source(url), client, {}, never_known).articles
    for line in FURNITURE:
        assert line not in article.text
    for line in PROSE:
        assert line in article.text


def test_page_furniture_is_stripped_from_feed_content_and_folder_files(web, client, tmp_path):
    body = f"{BODY}</p><p>Story continues below advertisement</p><p>Read more: Other"
    url = web.serve("/feed", rss(item(1, body)), "application/rss+xml")
    [from_feed] = fetch(feed(url), client, {}, never_known).articles
    (tmp_path / "a.txt").write_text(f"{BODY}\nClick here to subscribe\n{BODY}", encoding="utf-8")
    [from_file] = fetch(folder_source(tmp_path), client, {}, never_known).articles
    assert from_feed.text == BODY and from_file.text == f"{BODY}\n{BODY}"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"])
def test_an_item_whose_link_is_not_http_is_skipped_with_its_reason(web, client, link):
    url = web.serve("/feed", rss(item(1), item(2).replace("/news/2", link)), "application/rss+xml")
    got = fetch(feed(url), client, {}, never_known)
    assert [a.title for a in got.articles] == ["Story 1"]
    [skipped] = got.skipped
    assert skipped.startswith(f"{url}: an item's link ") and "is not http(s)" in skipped


@pytest.mark.parametrize(
    "declaration",
    [
        "<meta charset='iso-8859-1'>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ],
)
def test_a_page_naming_its_charset_in_a_meta_tag_is_read_in_it(web, client, declaration):
    page = article_page("Café tariffs").replace("<head>", f"<head>{declaration}")
    url = web.serve("/a", page.encode("cp1252"), "text/html")
    got = fetch(page_source(url), client, {}, never_known)
    assert got.articles[0].title == "Café tariffs" and got.warnings == ()


def test_a_utf8_page_under_a_latin1_header_is_read_as_utf8_with_a_warning(web, client):
    url = web.serve("/a", article_page("Café tariffs").encode(), "text/html; charset=iso-8859-1")
    got = fetch(page_source(url), client, {}, never_known)
    assert got.articles[0].title == "Café tariffs"
    assert got.warnings == (f"{url}: declared iso-8859-1; read as utf-8",)


def test_a_utf8_page_with_a_stray_latin1_byte_keeps_its_utf8_with_a_warning(web, client):
    page = article_page("“Tariffs” rise", BODY.replace("steel", "“steel” and ‘aluminum’"))
    url = web.serve("/a", page.encode().replace(b"Jane", b"Jos\xe9"), "text/html; charset=utf-8")
    got = fetch(page_source(url), client, {}, never_known)
    [article] = got.articles
    assert article.title == "“Tariffs” rise" and "“steel” and ‘aluminum’" in article.text
    assert got.warnings == (f"{url}: 1 byte not in the declared utf-8, replaced",)


def test_bytes_that_crash_the_feed_parser_are_a_refusal_naming_the_cause(web, client):
    # Found by the property test: a byte-order mark inside the XML declaration.
    body = rss(item(1)).encode()
    url = web.serve("/feed", body[:30] + b"\xff\xfe" + body[32:], "")
    with pytest.raises(SourceUnavailable, match=r"/feed: feed could not be parsed \(Unicode"):
        fetch(feed(url), client, {}, never_known)
