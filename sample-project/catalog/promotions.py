"""Promotion banners on the product pages: the model, and counting a coupon's uses at checkout."""
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone


class Promotion(models.Model):
    product = models.ForeignKey("catalog.Product", related_name="promotions", on_delete=models.CASCADE)
    headline = models.CharField(max_length=120)
    redemptions = models.PositiveIntegerField(default=0)
    coupon_code = models.CharField(max_length=20, null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    def is_running(self):
        now = timezone.now()
        return self.starts_at <= now < self.ends_at


def redeem_coupon(code):
    """Checkout calls this once an order with the coupon is paid."""
    promotion = get_object_or_404(Promotion, coupon_code=code)
    if not promotion.is_running():
        return None
    promotion.redemptions += 1
    promotion.save()
    return promotion
