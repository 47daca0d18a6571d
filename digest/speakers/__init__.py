"""The speaker directory: one record per person across every article, and lookups that find them.

Each article's speakers are filed under existing records when the evidence is strong — the same
full name, a nickname of it (Steve ~ Steven), a surname whose title agrees — and kept apart when
it is weak; every decision is stored with its reason (table `speaker_links`). `[speakers]` in the
configuration and the `merge` / `split` corrections override the rules.
"""

from digest.speakers._directory import (
    SpeakerError,
    backfill_directory,
    file_speakers,
    links_of,
    merge_speakers,
    refresh,
    speaker_id_for,
    split_speaker,
)
from digest.speakers._lookup import (
    CardQuote,
    CardRole,
    SpeakerCard,
    SpeakerMatch,
    UnknownSpeaker,
    find_speakers,
    lookup,
    speaker_card,
    top_speakers,
)

__all__ = [
    "CardQuote",
    "CardRole",
    "SpeakerCard",
    "SpeakerError",
    "SpeakerMatch",
    "UnknownSpeaker",
    "backfill_directory",
    "file_speakers",
    "find_speakers",
    "links_of",
    "lookup",
    "merge_speakers",
    "refresh",
    "speaker_card",
    "speaker_id_for",
    "split_speaker",
    "top_speakers",
]
