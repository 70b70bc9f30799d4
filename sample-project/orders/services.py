from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.crypto import get_random_string

from catalog.models import Product

from .models import Order, OrderItem, StockMovement
from .tasks import send_order_confirmation


class OutOfStock(Exception):
    pass


def place_order(customer, lines):
    """Create an order for `lines` ({product_id: quantity}), reserving stock.

    All or nothing: if one product is short, no stock is reserved and no order exists.
    """
    with transaction.atomic():
        # Lock the rows so two checkouts cannot both take the last item.
        products = Product.objects.select_for_update().filter(pk__in=lines.keys(), is_active=True).order_by("pk")
        order = Order.objects.create(customer=customer, number=get_random_string(10).upper())
        total = Decimal("0")
        for product in products:
            quantity = lines[product.pk]
            if product.stock < quantity:
                raise OutOfStock(product.name)
            OrderItem.objects.create(order=order, product=product, quantity=quantity, unit_price=product.price)
            Product.objects.filter(pk=product.pk).update(stock=F("stock") - quantity)
            StockMovement.objects.create(product=product, change=-quantity, reason=f"order {order.number}")
            total += quantity * product.price
        order.total = total
        order.save(update_fields=["total"])
        # Only tell the worker about the order once it is really in the database.
        transaction.on_commit(lambda: send_order_confirmation.delay(order.pk))
    return order


def cancel_order(order):
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status == Order.Status.SHIPPED:
            raise ValueError("a shipped order cannot be cancelled")
        for item in order.items.select_related("product"):
            Product.objects.filter(pk=item.product_id).update(stock=F("stock") + item.quantity)
            StockMovement.objects.create(product=item.product, change=item.quantity, reason=f"cancel {order.number}")
        order.status = Order.Status.CANCELLED
        order.save(update_fields=["status"])
    return order
