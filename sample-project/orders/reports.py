"""Weekly jobs on the project's Celery app (config/celery.py, exported by config/__init__.py)."""
import logging
from datetime import timedelta

from django.core.mail import mail_admins
from django.db.models import Sum
from django.utils import timezone

from config import celery_app

from .models import Order

logger = logging.getLogger(__name__)


@celery_app.task(acks_late=True)
def weekly_sales_summary():
    since = timezone.now() - timedelta(days=7)
    paid = Order.objects.filter(status=Order.Status.PAID, created_at__gte=since)
    total = paid.aggregate(total=Sum("total"))["total"] or 0
    mail_admins("Weekly sales", f"{paid.count()} paid orders, {total} in total.")
    logger.info("weekly sales summary sent (%s)", total)


@celery_app.task
def ship_paid_orders(order_ids):
    # One UPDATE for the batch: no save() and no post_save, so the confirmation receiver stays quiet.
    shipped = (
        Order.objects.filter(pk__in=order_ids, status=Order.Status.PAID)
        .update(status=Order.Status.SHIPPED)
    )
    logger.info("%d orders shipped", shipped)
