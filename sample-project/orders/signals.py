import logging

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from catalog.models import Product

from .models import Order

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Order)
def log_status_change(sender, instance, created, update_fields=None, **kwargs):
    if created:
        logger.info("order %s created for customer %s", instance.number, instance.customer_id)
    elif update_fields and "status" in update_fields:
        logger.info("order %s is now %s", instance.number, instance.status)


@receiver(pre_delete, sender=Order)
def refuse_to_delete_paid_orders(sender, instance, **kwargs):
    if instance.status != Order.Status.PENDING:
        raise PermissionError(f"order {instance.number} is {instance.status}; cancel it instead")


def invalidate_featured_products(sender, instance, **kwargs):
    cache.delete("catalog:featured:v2")


def create_customer_profile(sender, instance, created, **kwargs):
    if created:
        logger.info("new customer %s", instance.pk)


post_save.connect(invalidate_featured_products, sender=Product, dispatch_uid="orders.invalidate_featured")
post_save.connect(create_customer_profile, sender=get_user_model())
