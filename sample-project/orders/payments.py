"""Card payments through ACME Pay.

ACME Pay's SDK has its own notion of a transaction: a payment session on their
side. It has nothing to do with database transactions, and its atomic() below
is their API, not django.db.transaction.atomic.
"""
from acme_pay import PaymentGateway
from django.conf import settings

from .models import Order


class PaymentFailed(Exception):
    pass


def capture_payment(order, card_token):
    gateway = PaymentGateway(api_key=settings.ACME_PAY_API_KEY)
    transaction = gateway.begin(amount_cents=int(order.total * 100), currency="EUR", reference=order.number)
    # Authorise and capture in one call: either both happen on ACME's side or neither does.
    result = transaction.atomic(card_token=card_token, capture=True)
    if not result.ok:
        raise PaymentFailed(result.decline_reason)
    order.payment_reference = result.id
    order.status = Order.Status.PAID
    order.save(update_fields=["payment_reference", "status"])
    return result.id
