"""Price formatting and currency conversion.

Nothing here touches the database: rates are loaded once per process.
"""
import signal
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

RATES_FILE = "/etc/shop/exchange_rates.txt"


@lru_cache(maxsize=32)
def exchange_rate(currency):
    with open(RATES_FILE) as rates:
        for line in rates:
            code, rate = line.split()
            if code == currency:
                return Decimal(rate)
    raise KeyError(currency)


def convert(amount, currency):
    if currency == "EUR":
        return amount
    return (amount * exchange_rate(currency)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def reload_rates_on_sighup():
    """Let ops refresh the rates with `kill -HUP` instead of a restart."""

    def handler(signum, frame):
        exchange_rate.cache_clear()

    signal.signal(signal.SIGHUP, handler)

