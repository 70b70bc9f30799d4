"""Promotion banners on the product pages: the model and the HTML the templates include."""
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class Promotion(models.Model):
    product = models.ForeignKey("catalog.Product", related_name="promotions", on_delete=models.CASCADE)
    headline = models.CharField(max_length=120)
    coupon_code = models.CharField(max_length=20, null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    def is_running(self):
        now = timezone.now()
        return self.starts_at <= now < self.ends_at


def promotion_banner(promotion):
    """The banner above a product: its headline and, when there is one, the coupon to use."""
    coupon = ""
    if promotion.coupon_code:
        coupon = format_html(' <span class="coupon">{}</span>', promotion.coupon_code)
    return mark_safe(f'<div class="promo">{promotion.headline}{coupon}</div>')
