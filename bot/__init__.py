"""The Slack side of tradedigest."""
