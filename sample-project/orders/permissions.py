from rest_framework import permissions


class IsOrderOwner(permissions.BasePermission):
    """Customers see their own orders; staff see every order."""

    message = "You can only access your own orders."

    def has_object_permission(self, request, view, obj):
        return request.user.is_staff or obj.customer_id == request.user.id
