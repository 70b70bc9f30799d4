from django.contrib import admin
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from catalog import views as catalog_views
from orders import views as order_views
from orders.api import OrderViewSet

router = DefaultRouter()
router.register("orders", OrderViewSet, basename="order")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", catalog_views.product_list, name="product-list"),
    path("category/<slug:slug>/", catalog_views.CategoryDetailView.as_view(), name="category-detail"),
    path("search/", catalog_views.search, name="product-search"),
    path("orders/", order_views.order_history, name="order-history"),
    path("api/", include(router.urls)),
]
