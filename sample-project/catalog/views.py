from django.core.cache import cache
from django.db.models import Avg, Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_page
from django.views.generic import DetailView

from .models import Category, Product, Review

FEATURED_CACHE_KEY = "catalog:featured:v2"


def featured_products():
    """The ten best-rated products, cached because the aggregate is expensive."""
    products = cache.get(FEATURED_CACHE_KEY)
    if products is None:
        products = list(
            Product.objects.filter(is_active=True)
            .annotate(avg_rating=Avg("reviews__rating"), review_count=Count("reviews"))
            .filter(review_count__gte=5)
            .order_by("-avg_rating")[:10]
        )
        cache.set(FEATURED_CACHE_KEY, products, timeout=60 * 15)
    return products


@cache_page(60 * 5)
def product_list(request):
    # One query for products + categories, one for all tags, one for recent reviews.
    products = (
        Product.objects.filter(is_active=True)
        .select_related("category")
        .prefetch_related(
            "tags",
            Prefetch("reviews", queryset=Review.objects.order_by("-created_at")[:3], to_attr="recent_reviews"),
        )
        .only("name", "slug", "price", "stock", "category__name", "category__slug")
    )
    return render(request, "catalog/product_list.html", {"products": products, "featured": featured_products()})


def search(request):
    term = request.GET.get("q", "").strip()
    products = Product.objects.none()
    if term:
        products = (
            Product.objects.filter(Q(name__icontains=term) | Q(description__icontains=term) | Q(tags__name__iexact=term))
            .filter(is_active=True)
            .exclude(~Q(stock__gt=0) & Q(category__slug="preorders"))
            .distinct()
        )
    return render(request, "catalog/product_list.html", {"products": products, "query": term})


class CategoryDetailView(DetailView):
    model = Category
    template_name = "catalog/category_detail.html"

    def get_object(self, queryset=None):
        category = get_object_or_404(Category.objects.select_related("parent"), slug=self.kwargs["slug"])
        # Count the view without a read-modify-write race between concurrent requests.
        Product.objects.filter(category=category).update(view_count=F("view_count") + 1)
        return category
