"""tradedigest: who said what about trade, and which numbers matter.

- `sources`, `ingest`: fetch articles and decide what each is; `nlp`, `quotes`, `figures`:
  pure extraction from text to records (`records`);
- `store`: the only code that speaks SQL, taking and handing back those records;
- `speakers`: who is who, and finding a speaker; `compose`: a period's records become a
  `Digest`; `render`: a digest or card for Slack, Markdown and the terminal;
- `jobs`: ingest, and `run_digest`, the one path of a digest for `run --once` and `serve`;
  `delivery`: a stored digest sent once per channel through an outlet; `cli`: the command line.
"""

__version__ = "0.1.0"
