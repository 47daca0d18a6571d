"""The Slack side of tradedigest: `app` builds the Bolt app, `commands` answers slash commands,
`blocks` builds replies, `delivery` is Slack as an outlet for `digest.delivery`, `scheduler`
runs `digest.jobs` on schedule under a lock, `serve` runs it all until stopped."""
