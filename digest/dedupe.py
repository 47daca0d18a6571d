"""Each article once: canonical URLs, content hashes and near-duplicate wire copies.

Near duplicates are found with MinHash over word shingles and locality-sensitive hashing in bands:
two texts whose shingle sets overlap by a Jaccard share s land in a common band with probability
1 - (1 - s**ROWS)**BANDS, about 0.9999 at s = 0.8 and 0.23 at s = 0.3; the candidates are then
confirmed by the share of equal signature values, an estimate of s."""

from __future__ import annotations

import hashlib
import re
import zlib
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
    """An index of signatures by band: `find` returns the first indexed text close enough.

    Signatures and one 64-bit hash per band are rows of two numpy arrays, about 1.3 KB an
    article in a few large blocks: an index of every stored article is built on each run, and
    Python objects per band (60 per article) would cost five times that and leave the heap
    fragmented when freed."""

    def __init__(self, threshold: float):
        self.threshold = threshold
        self._keys: list[object] = []
        self._signatures = np.empty((0, PERMUTATIONS), dtype=np.uint64)
        self._bands = np.empty((0, BANDS), dtype=np.uint64)

    def add(self, key: object, sig: bytes) -> None:
        row = len(self._keys)
        if row == len(self._signatures):
            self._grow()
        values = np.frombuffer(sig, dtype=np.uint64)
        self._signatures[row] = values
        self._bands[row] = _band_hashes(values)
        self._keys.append(key)

    def find(self, sig: bytes) -> tuple[object, float] | None:
        """The earliest added key whose text is at least `threshold` similar, with its score."""
        count = len(self._keys)
        values = np.frombuffer(sig, dtype=np.uint64)
        rows = np.flatnonzero((self._bands[:count] == _band_hashes(values)).any(axis=1))
        if not len(rows):
            return None
        scores = (self._signatures[rows] == values).mean(axis=1)
        close = np.flatnonzero(scores >= self.threshold)
        if not len(close):
            return None
        first = close[0]  # rows are in the order added
        return self._keys[rows[first]], float(scores[first])

    def _grow(self) -> None:
        size = max(1024, 2 * len(self._signatures))
        for name in ("_signatures", "_bands"):
            old = getattr(self, name)
            grown = np.empty((size, old.shape[1]), dtype=np.uint64)
            grown[: len(old)] = old
            setattr(self, name, grown)


def _band_hashes(values: np.ndarray) -> np.ndarray:
    """One hash per band of ROWS values; equal bands hash equal, and unequal bands that collide
    only add a candidate that the similarity check then drops."""
    bands = values.reshape(BANDS, ROWS)
    hashed = np.arange(1, BANDS + 1, dtype=np.uint64)  # the band's number: bands differ by place
    for column in range(ROWS):
        hashed = _mixed(hashed ^ bands[:, column])
    return hashed
