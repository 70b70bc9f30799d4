from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Order


@login_required
def order_history(request):
    """The signed-in customer's orders, newest first, with what each one holds."""
    orders = Order.objects.filter(customer=request.user).order_by("-created_at")
    return render(request, "orders/order_history.html", {"orders": orders})
