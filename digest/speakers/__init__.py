"""The speaker directory's rules: who is the same person, and finding a speaker by what a user
types.

Each article's speakers are filed under existing records when the evidence is strong — the same
full name, a nickname of it (Steve ~ Steven), a surname whose title agrees — and kept apart when
it is weak; every decision carries its rule and reason. `[speakers]` in the configuration and
the `merge` / `split` corrections override the rules. The rules are pure (`_names`, `_resolve`);
`_directory` and `_lookup` apply them to records read and written through `digest.store`.
"""

from digest.records import CardQuote, CardRole
from digest.speakers._directory import (
    SpeakerError,
    across_articles,
    file_speakers,
    filer,
    merge_speakers,
    speaker_id_for,
    split_speaker,
)
from digest.speakers._lookup import (
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
    "across_articles",
    "file_speakers",
    "filer",
    "find_speakers",
    "lookup",
    "merge_speakers",
    "speaker_card",
    "speaker_id_for",
    "split_speaker",
    "top_speakers",
]
