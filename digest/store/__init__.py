"""The SQLite store: the only code that speaks SQL. It takes and hands back typed records.

- `_schema`: frozen migrations, applied under one lock when the store opens, then a check that
  the tables are as the migrations made them (`StoreError` naming the file otherwise);
- `_articles`: articles with their quotes and figures, stored all or nothing; quote search;
- `_speakers`: the speaker directory's tables (the rules of who is who are `digest.speakers`');
- `_sources`: each source's health and runs, and the fetch state of feeds and folders;
- `_digests`: digests (one per period) and their deliveries, claimed before they are sent;
- `follows`: follows and the alert queue, claimed per user before a direct message is sent
  (imported as `digest.store.follows`);
- `_locks`: named leases (which `serve` runs the jobs);
- `_time`: the one format times are stored in.
"""

from digest.store import _speakers as directory
from digest.store._articles import (
    AlreadyStored,
    Filer,
    articles_fetched_between,
    figures_about,
    figures_of,
    find_article,
    first_with_hash,
    fts_query,
    known_keys,
    no_filing,
    quotes_of,
    save_article,
    save_version,
    search_quotes,
    signatures,
    speakers_by_id,
)
from digest.store._digests import (
    channel_view,
    claim_delivery,
    deliveries_of,
    delivery,
    digest_by_id,
    digests_ending_between,
    finish_delivery,
    last_delivered_digest,
    last_digest,
    latest_digest,
    list_digests,
    record_part,
    save_channel_view,
    save_digest,
    save_digest_messages,
    undelivered_digests,
    unfinished_deliveries,
)
from digest.store._locks import acquire_lock, release_lock
from digest.store._schema import (
    StoreError,
    connector,
    migrations,
    open_store,
    writing,
)
from digest.store._sources import (
    failing_sources,
    fetch_state,
    record_source_run,
    save_fetch_state,
    source_health,
)
from digest.store._time import parse_timestamp, timestamp

__all__ = [
    "AlreadyStored",
    "Filer",
    "StoreError",
    "acquire_lock",
    "articles_fetched_between",
    "channel_view",
    "claim_delivery",
    "connector",
    "deliveries_of",
    "delivery",
    "digest_by_id",
    "digests_ending_between",
    "directory",
    "failing_sources",
    "fetch_state",
    "figures_about",
    "figures_of",
    "find_article",
    "finish_delivery",
    "first_with_hash",
    "fts_query",
    "known_keys",
    "last_delivered_digest",
    "last_digest",
    "latest_digest",
    "list_digests",
    "migrations",
    "no_filing",
    "open_store",
    "parse_timestamp",
    "quotes_of",
    "record_part",
    "record_source_run",
    "release_lock",
    "save_article",
    "save_channel_view",
    "save_digest",
    "save_digest_messages",
    "save_fetch_state",
    "save_version",
    "search_quotes",
    "signatures",
    "source_health",
    "speakers_by_id",
    "timestamp",
    "undelivered_digests",
    "unfinished_deliveries",
    "writing",
]
