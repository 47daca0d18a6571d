"""How the bot retries Slack, for the Web API and response URLs alike: a 429 after its
Retry-After, a 5xx and a lost connection with backoff."""

from __future__ import annotations

from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator


class ServerErrorsRetryHandler(ServerErrorRetryHandler):
    """Retries every 5xx with backoff; the built-in handler retries only 500 and 503."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        return response is not None and response.status_code >= 500


def retry_handlers(server_errors: int = 3) -> list[RetryHandler]:
    """Fresh handlers (they count their attempts) for one client."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorsRetryHandler(
            max_retry_count=server_errors,
            interval_calculator=BackoffRetryIntervalCalculator(backoff_factor=0.5),
        ),
    ]
