// DJC008 cache_page on a per-user view: positives, and one look-alike for each case where the cache
// does vary on the cookie or the page is the same for everyone.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';

function found(code: string, fileName = 'app/views.py') {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC008');
}
const lines = (code: string) => found(code).map(f => f.range.line + 1);
const head = [
  'from django.contrib.auth.decorators import login_required',
  'from django.utils.decorators import method_decorator',
  'from django.views.decorators.cache import cache_page',
  'from django.views.decorators.vary import vary_on_cookie, vary_on_headers',
  'from django.views.generic import TemplateView',
  '',
].join('\n');

describe('insights: DJC008 cache_page on a per-user view', () => {
  it('finds a decorated function view that reads request.user or request.session, pointing at the read', () => {
    const f = found(head + [
      '@cache_page(60 * 15)',
      'def dashboard(request):',
      '    orders = Order.objects.filter(owner=request.user)',
      '    return render(request, "dash.html", {"orders": orders})',
      '',
      '@cache_page(60)',
      'def cart(request):',
      '    return render(request, "cart.html", {"items": request.session.get("cart", [])})',
    ].join('\n'));
    assert.deepEqual(f.map(x => x.range.line + 1), [6, 11]);
    assert.deepEqual(f.map(x => (x.related?.[0].range.line ?? -1) + 1), [8, 13]);
    assert.match(f[0].message, /request\.user.*line 8/);
  });
  it('finds method_decorator on a class or on dispatch, cache_page(…)(view) of this file, and super().dispatch in a base class', () => {
    assert.deepEqual(lines(head + [
      '@method_decorator(cache_page(60), name="dispatch")',
      'class Profile(TemplateView):',
      '    def get_context_data(self, **kwargs):',
      '        return {"me": self.request.user}',
      '',
      'class Inbox(TemplateView):',
      '    @method_decorator(cache_page(60))',
      '    def dispatch(self, *args, **kwargs):',
      '        return super().dispatch(*args, **kwargs)',
      '    def get_context_data(self, **kwargs):',
      '        return {"n": Message.objects.filter(to=self.request.user).count()}',
      '',
      'def feed(request):',
      '    return render(request, "feed.html", {"user": request.user})',
      'cached_feed = cache_page(30)(feed)',
      '',
      'class BaseStats(ViewSet):',
      '    def dispatch(self, *args, **kwargs):',
      '        return cache_page(60)(super().dispatch)(*args, **kwargs)',
      'class MyStats(BaseStats):',
      '    def list(self, request):',
      '        return Response({"mine": Order.objects.filter(owner=request.user).count()})',
    ].join('\n')), [6, 12, 20, 24]);
  });
  it('finds a helper of this file that reads the user, and a vary_on_cookie listed above cache_page', () => {
    const f = found(head + [
      'def menu_for(request):',
      '    return request.user.groups.all()',
      '',
      '@cache_page(60)',
      'def home(request):',
      '    return render(request, "home.html", {"menu": menu_for(request)})',
      '',
      '@vary_on_cookie',
      '@cache_page(60)',
      'def mine(request):',
      '    return render(request, "mine.html", {"me": request.user})',
    ].join('\n'));
    assert.deepEqual(f.map(x => x.range.line + 1), [9, 14]);
    assert.match(f[1].message, /@vary_on_cookie.*above/);
  });
  it('follows helpers however their def is written, and only a def of that exact name', () => {
    assert.deepEqual(lines(head + [
      '@cache_page(60)',                         // 6
      'def a(request):',
      '    return  helper_a (request)',
      'async  def   helper_a  (request):',
      '    return request.session["cart"]',
      '',
      '@cache_page(60)',                         // 12: no def named `default`
      'def b(request):',
      '    return default(request)',
      'default_view = 1',
      'def defaults(request):',
      '    return request.user',
      'class default:',
      '    pass',
      '',
      '@cache_page(60)',                         // 21: a method of the file
      'def c(request):',
      '    return build(request)',
      'class Helpers:',
      '    def build(request):',
      '        return request.user',
    ].join('\n')), [6, 21]);
  });

  it('finds a permission check inside the cached view: it is skipped on a cache hit', () => {
    const f = found(head + [
      '@cache_page(60)',
      'def report(request):',
      '    if not request.user.has_perm("app.view_report"):',
      '        raise PermissionDenied',
      '    return render(request, "report.html", {"rows": Report.objects.all()})',
    ].join('\n'));
    assert.deepEqual(f.map(x => x.range.line + 1), [6]);
    assert.match(f[0].message, /request\.user\.has_perm.*skipped on a cache hit/);
  });
  it('finds access checks wrapped inside the cache: @login_required below @cache_page, an access mixin of a cached class', () => {
    const f = found(head + [
      '@cache_page(60)',
      '@login_required',
      'def account(request):',
      '    return render(request, "account.html")',
      '',
      '@method_decorator(cache_page(60), name="dispatch")',
      'class Secret(LoginRequiredMixin, TemplateView):',
      '    template_name = "secret.html"',
    ].join('\n'));
    assert.deepEqual(f.map(x => x.range.line + 1), [6, 11]);
    assert.match(f[0].message, /@login_required.*skipped on a cache hit/);
    assert.match(f[1].message, /LoginRequiredMixin.*skipped on a cache hit/);
  });
  it('leaves views that vary on the cookie below cache_page, or patch Vary themselves', () => {
    assert.deepEqual(lines(head + [
      '@cache_page(60 * 5)',
      '@vary_on_cookie',
      'def metrics(request):',
      '    return render(request, "m.html", {"me": request.user})',
      '',
      '@cache_page(60)',
      '@vary_on_headers("Accept-Language", "Cookie")',
      'def other(request):',
      '    return render(request, "o.html", {"me": request.user})',
      '',
      '@method_decorator(cache_page(60), name="dispatch")',
      '@method_decorator(vary_on_cookie, name="dispatch")',
      'class Page(TemplateView):',
      '    def get_context_data(self, **kwargs):',
      '        return {"me": self.request.user}',
      '',
      '@cache_page(60)',
      'def patched(request):',
      '    response = render(request, "p.html", {"me": request.user})',
      '    patch_vary_headers(response, ["Cookie"])',
      '    return response',
      '',
      'def feed(request):',
      '    return render(request, "feed.html", {"user": request.user})',
      'cached = cache_page(30)(vary_on_cookie(feed))',
    ].join('\n')), []);
  });
  it('leaves views that read no user or session, pass request.user only to a function of another module, check is_authenticated under an outer login_required, and other cache_page names', () => {
    assert.deepEqual(lines(head + [
      '@cache_page(60 * 60)',
      'def sitemap(request):',
      '    return render(request, "sitemap.xml", {"pages": Page.objects.all()})',
      '',
      '@login_required',
      '@cache_page(60)',
      'def members_only(request):',
      '    return render(request, "members.html")',
      '',
      '@login_required',
      '@cache_page(60)',
      'def docs(request):',
      '    if not request.user.is_authenticated:',
      '        return redirect("login")',
      '    return render(request, "docs.html")',
      '',
      '# @cache_page(60)',
      'def commented(request):',
      '    return render(request, "c.html", {"me": request.user})',
      '',
      'urlpatterns = [path("schema/", cache_page(86400)(SchemaView.as_view()))]',
      '',
      'class BaseStats(ViewSet):',
      '    def dispatch(self, *args, **kwargs):',
      '        return cache_page(60)(super().dispatch)(*args, **kwargs)',
      'class Discover(BaseStats):',
      '    def list(self, request):',
      '        return Response(services.get_discover_stats(user=request.user))',
      'x = cache_page(60)(sitemap_index)',
    ].join('\n')), []);
    assert.deepEqual(lines([
      'def cache_page(t):',
      '    return lambda f: f',
      '@cache_page(60)',
      'def mine(request):',
      '    return request.user',
    ].join('\n')), []);
  });
  it('never throws on cut-off code', () => {
    for (const text of ['@cache_page(', '@cache_page(60)\n', 'cache_page(60)(', '@cache_page(60)\ndef f(', head + '@method_decorator(cache_page(60)\nclass A:\n']) {
      assert.doesNotThrow(() => found(text));
    }
  });
});
