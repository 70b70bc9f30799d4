from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from .models import Order
from .permissions import IsOrderOwner
from .serializers import OrderSerializer
from .services import OutOfStock, cancel_order, place_order


class CheckoutThrottle(UserRateThrottle):
    scope = "checkout"


class OrderViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = OrderSerializer
    permission_classes = [permissions.IsAuthenticated, IsOrderOwner]

    def get_queryset(self):
        orders = Order.objects.prefetch_related("items__product")
        if not self.request.user.is_staff:
            orders = orders.filter(customer=self.request.user)
        return orders

    def get_throttles(self):
        if self.action == "create":
            return [CheckoutThrottle()]
        return super().get_throttles()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lines = {item["product"].pk: item["quantity"] for item in serializer.validated_data["items"]}
        try:
            order = place_order(request.user, lines)
        except OutOfStock as exc:
            return Response({"detail": f"{exc} is out of stock"}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(order).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        order = cancel_order(self.get_object())
        return Response(self.get_serializer(order).data)
