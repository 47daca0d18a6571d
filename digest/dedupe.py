"""Each article once: canonical URLs, content hashes and near-duplicate wire copies.

Near duplicates are found with MinHash over word shingles and locality-sensitive hashing in bands:
two texts whose shingle sets overlap by a Jaccard share s land in a common band with probability
1 - (1 - s**ROWS)**BANDS, about 0.9999 at s = 0.8 and 0.23 at s = 0.3; the candidates are then
confirmed by the share of equal signature values, an estimate of s."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

SHINGLE_WORDS = 5
BANDS, ROWS = 32, 4
PERMUTATIONS = BANDS * ROWS
# Fixed seed: signatures are stored, so the permutations must be the same in every run.
_SEEDS = np.random.default_rng(20261122).integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)

# Parameters that track the reader or bust caches (a new value on every fetch): never part of
# what the address names.
TRACKING_PARAMETERS = re.compile(
    r"utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ref|ref_src|cmpid|ocid|"
    r"smid|mbid|outputtype|amp|"
    r"_|_?ts|timestamp|cb|cache_?bust(er)?|nocache|_?rnd|rand(om)?",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """One spelling per article: no tracking parameters, fragment, AMP variant, default port
    or trailing slash; scheme and host in lower case, the remaining parameters sorted."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return urlunsplit(parts._replace(fragment=""))
    host = (parts.hostname or "").removeprefix("amp.")
    if parts.port and parts.port != {"http": 80, "https": 443}[parts.scheme]:
        host += f":{parts.port}"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETERS.fullmatch(key)
    )
    return urlunsplit(("https", host, _canonical_path(parts.path), urlencode(query), ""))


def without_query(canonical: str) -> str:
    """A canonical URL without its query string: the page it names apart from parameters."""
    return canonical.split("?", 1)[0]


def _canonical_path(path: str) -> str:
    segments = [s for s in path.split("/") if s and s.lower() != "amp"]
    last = segments.pop() if segments else ""
    last = re.sub(r"\.amp(?=\.html?$|$)", "", last, flags=re.IGNORECASE)
    return "/" + "/".join([*segments, last]) if last else "/" + "/".join(segments)


def content_hash(text: str) -> str:
    """Hash of the words alone, so whitespace and case changes are not new content."""
    words = " ".join(text.lower().split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def signature(text: str) -> bytes | None:
    """The MinHash signature of the text's word shingles; None for a text too short to have one."""
    words = re.findall(r"\w+", text.lower())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if not shingles:
        return None
    hashes = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles)
    )
    return _mixed(hashes[:, None] ^ _SEEDS[None, :]).min(axis=0).tobytes()


def _mixed(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: one seed per column gives an independent-looking permutation.
    (An affine a*x+b over 32-bit hashes keeps their order, and every column then agrees.)"""
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of the two signatures' shingle sets."""
    a, b = np.frombuffer(first, dtype=np.uint64), np.frombuffer(second, dtype=np.uint64)
    return float(np.mean(a == b))


class NearDuplicates:
    """An index of signatures by band: `find` returns the first indexed text close enough."""

    def __init__(self, threshold: float):
        self.threshold = threshold
        self._signatures: dict[object, bytes] = {}
        self._rank: dict[object, int] = {}
        self._bands: defaultdict[bytes, list[object]] = defaultdict(list)

    def add(self, key: object, sig: bytes) -> None:
        self._signatures[key] = sig
        self._rank.setdefault(key, len(self._rank))
        for band in _bands(sig):
            self._bands[band].append(key)

    def find(self, sig: bytes) -> tuple[object, float] | None:
        """The earliest added key whose text is at least `threshold` similar, with its score."""
        candidates = {key for band in _bands(sig) for key in self._bands.get(band, ())}
        scored = [(key, similarity(sig, self._signatures[key])) for key in candidates]
        close = [pair for pair in scored if pair[1] >= self.threshold]
        return min(close, key=lambda pair: self._rank[pair[0]]) if close else None


def _bands(sig: bytes) -> list[bytes]:
    width = ROWS * 8
    return [bytes([i]) + sig[i * width : (i + 1) * width] for i in range(BANDS)]
