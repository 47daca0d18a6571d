"""The Slack side of tradedigest: `app` builds the Bolt app, `commands` answers slash commands,
`follows` answers `/follow`, `/unfollow` and `/following`, `blocks` builds replies, `delivery` is
Slack as an outlet for `digest.delivery`, `alerts` sends followers their direct messages,
`retries` retries Slack calls on 429 and 5xx, `scheduler` runs `digest.jobs` on schedule under a
lock, `serve` runs it all until stopped."""
