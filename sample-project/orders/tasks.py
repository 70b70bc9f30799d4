import logging

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(self, order_id):
    # Imported here so the worker does not load the models before Django is set up.
    from .models import Order

    order = Order.objects.select_related("customer").prefetch_related("items__product").get(pk=order_id)
    body = render_to_string("orders/confirmation.txt", {"order": order})
    send_mail(f"Your order {order.number}", body, None, [order.customer.email])
    logger.info("confirmation for %s sent (attempt %d)", order.number, self.request.retries + 1)


@shared_task
def expire_pending_orders(max_age_hours=48):
    from datetime import timedelta

    from django.utils import timezone

    from .models import Order
    from .services import cancel_order

    cutoff = timezone.now() - timedelta(hours=max_age_hours)
    for order in Order.objects.filter(status=Order.Status.PENDING, created_at__lt=cutoff).iterator():
        cancel_order(order)
