import logging
import time

from django.db import connection

logger = logging.getLogger(__name__)

SLOW_REQUEST_SECONDS = 0.5


class RequestTimingMiddleware:
    """Logs slow requests with their query count.

    A high count on a list page usually means a missing select_related or
    prefetch_related somewhere in the view, so the count is worth logging.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        queries_before = len(connection.queries)
        response = self.get_response(request)
        elapsed = time.monotonic() - started
        # Shown in the browser's network panel and on the load balancer dashboards.
        signal = "slow" if elapsed > SLOW_REQUEST_SECONDS else "ok"
        response["Server-Timing"] = f"app;dur={elapsed * 1000:.0f};desc={signal}"
        if signal == "slow":
            logger.warning(
                "slow request %s %s: %.2fs, %d queries",
                request.method,
                request.path,
                elapsed,
                len(connection.queries) - queries_before,
            )
        return response
