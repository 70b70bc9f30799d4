// Detection benchmarks (issue 4): hover on large generated Django modules with the analysis cached
// per version (as the editor caches it), the one-time analysis, whole-file detection against a
// single regex pass over the same text, incremental re-detection, and `scan` of a 1,000-file project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectGarbage, measure, summarize, type BenchRow } from './harness';
import { analyzeDocument, type DocumentAnalysis } from '../src/core/detect/analysis';
import { hoverAt } from '../src/core/detect/hover';
import { scanDirectory } from '../src/core/detect/scanFs';
import { PYTHON_TRIGGER_SOURCE } from '../src/core/detect/triggers';
import { Library } from '../src/core/library';
import { buildIndex } from '../src/core/parse/buildIndex';

const ROOT = path.resolve(__dirname, '../..');

const IMPORTS = `import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Count, F, Prefetch, Q
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_page
from rest_framework import permissions, serializers, viewsets

logger = logging.getLogger(__name__)
`;

/** Realistic chunks of a Django module; `N` is replaced by a counter so names stay unique. */
const SNIPPETS = [
  `

class ProductN(models.Model):
    """A product in the catalogue (post_save in a docstring does not count)."""

    name = models.CharField(max_length=200)
    category = models.ForeignKey("Category", on_delete=models.PROTECT, related_name="productsN")
    tags = models.ManyToManyField("Tag", blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2, db_index=True)
    stock = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["category", "price"])]

    def __str__(self):
        return f"{self.name} ({self.price})"
`,
  `

@login_required
@cache_page(60)
def product_listN(request):
    products = (
        ProductN.objects.filter(Q(stock__gt=0) | Q(price__lt=10))
        .select_related("category")
        .prefetch_related(Prefetch("tags"))
        .annotate(order_count=Count("orders"))
    )
    cache.set(f"product-list-N:{request.user.pk}", [p.pk for p in products], 300)
    return render(request, "products/list.html", {"products": products})
`,
  `

@receiver(post_save, sender=ProductN)
def product_savedN(sender, instance, created, **kwargs):
    # Refresh the search index after the commit, not before.
    if created:
        transaction.on_commit(lambda: reindex_productN.delay(instance.pk))
    cache.delete(f"product:{instance.pk}")
`,
  `

@shared_task(bind=True, max_retries=3)
def reindex_productN(self, product_id):
    try:
        product = get_object_or_404(ProductN, pk=product_id)
        with transaction.atomic():
            locked = ProductN.objects.select_for_update().get(pk=product.pk)
            locked.stock = F("stock") - 1
            locked.save(update_fields=["stock"])
    except Exception as exc:
        logger.exception("reindex failed")
        raise self.retry(exc=exc, countdown=30)
`,
  `

class ProductSerializerN(serializers.ModelSerializer):
    category_name = serializers.SerializerMethodField()

    class Meta:
        model = ProductN
        fields = ["id", "name", "price", "category_name"]

    def get_category_name(self, obj):
        return obj.category.name


class ProductViewSetN(viewsets.ModelViewSet):
    serializer_class = ProductSerializerN
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return ProductN.objects.select_related("category").only("id", "name", "price", "category__name")
`,
  `

def price_summaryN(products, currency="EUR"):
    """Plain Python: totals and formatting, no Django constructs at all."""
    total = 0
    lines = []
    for index, product in enumerate(products, start=1):
        amount = round(product["price"] * product.get("quantity", 1), 2)
        total += amount
        lines.append("%3d. %-40s %10.2f %s" % (index, product["name"][:40], amount, currency))
    lines.append("-" * 60)
    lines.append("%-45s %10.2f %s" % ("Total", total, currency))
    if settings.DEBUG:
        logger.debug("summary of %d products", len(lines))
    return "\\n".join(lines)
`,
  `

@dataclass(frozen=True)
class LineItemN:
    """One line of an imported price list (plain Python: parsing, no Django constructs)."""

    sku: str
    description: str
    quantity: int
    unit_price: Decimal

    @classmethod
    def parse(cls, row):
        # Rows look like: "SKU-1;Blue widget;3;9.90" — the description may itself contain commas.
        sku, description, quantity, price = (part.strip() for part in row.split(";"))
        if not sku.startswith("SKU-"):
            raise ValueError(f"not a SKU: {sku!r}")
        return cls(sku, description, int(quantity), Decimal(price.replace(",", ".")))

    @property
    def total(self):
        return (self.unit_price * self.quantity).quantize(Decimal("0.01"))
`,
  `

def apply_discountsN(items, rules, today=None):
    """Apply the first matching discount rule to each item.

    Rules are checked in order; a rule matches on SKU prefix and an optional date window.
    """
    today = today or date.today()
    discounted = []
    for item in items:
        rate = Decimal("0")
        for rule in rules:
            if not item.sku.startswith(rule["prefix"]):
                continue
            starts, ends = rule.get("starts"), rule.get("ends")
            if starts and today < starts:
                continue
            if ends and today > ends:
                continue
            rate = Decimal(str(rule["rate"]))
            break
        discounted.append((item, (item.total * (1 - rate)).quantize(Decimal("0.01"))))
    return discounted
`,
  `

def export_rowsN(rows, columns, delimiter=","):
    """Render rows as CSV text, quoting only where needed."""
    def quote(value):
        text = "" if value is None else str(value)
        if any(ch in text for ch in (delimiter, '"', "\n")):
            text = '"' + text.replace('"', '""') + '"'
        return text

    out = [delimiter.join(quote(c) for c in columns)]
    for row in rows:
        out.append(delimiter.join(quote(row.get(c)) for c in columns))
    return "\n".join(out) + "\n"
`,
];

/** A Django-like module of about `lines` lines built from the snippets above. */
export function generateModule(lines: number): string {
  const parts = [IMPORTS];
  let count = IMPORTS.split('\n').length;
  for (let i = 0; count < lines; i++) {
    const snippet = SNIPPETS[i % SNIPPETS.length].replace(/N\b/g, String(i));
    parts.push(snippet);
    count += snippet.split('\n').length - 1;
  }
  return parts.join('');
}

function libraryFromContent(): Library {
  const content = path.join(ROOT, 'content');
  const files = fs.readdirSync(content).filter(file => file.endsWith('.md')).sort().map(file => ({ file, bytes: fs.readFileSync(path.join(content, file)) }));
  return new Library(buildIndex(files).entries);
}

/** Deterministic positions: half on detected constructs, half anywhere. */
function hoverPositions(analysis: DocumentAnalysis, count: number): [number, number][] {
  const detections = analysis.detections();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const d = detections[Math.floor(random() * detections.length)];
      out.push([d.line, d.start + Math.floor(random() * (d.end - d.start))]);
    } else {
      const line = Math.floor(random() * analysis.lineCount);
      out.push([line, Math.floor(random() * 60)]);
    }
  }
  return out;
}

function writeProject(dir: string, files: number): void {
  for (let i = 0; i < files; i++) {
    const app = path.join(dir, `app${Math.floor(i / 20)}`);
    fs.mkdirSync(app, { recursive: true });
    const lines = 60 + (i % 7) * 40;
    fs.writeFileSync(path.join(app, i % 10 === 9 ? `page${i}.html` : `module${i}.py`),
      i % 10 === 9 ? '{% extends "base.html" %}{% load cache %}\n{% block content %}{% cache 60 k %}{{ body|safe }}{% endcache %}{% csrf_token %}{% endblock %}\n'.repeat(lines / 2) : generateModule(lines));
  }
  // Folders the scan must skip.
  for (const skipped of ['node_modules/pkg', '.venv/lib', 'env/lib']) {
    fs.mkdirSync(path.join(dir, skipped), { recursive: true });
    fs.writeFileSync(path.join(dir, skipped, 'big.py'), generateModule(2000));
  }
}

/** Runs `a` and `b` alternately (so load on the machine hits both alike) and returns the ratios a/b. */
function pairedRatios(a: () => unknown, b: () => unknown, runs: number): number[] {
  const time = (fn: () => unknown) => {
    const t0 = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t0);
  };
  collectGarbage();
  for (let i = 0; i < 5; i++) { a(); b(); }
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) ratios.push(time(a) / time(b));
  return ratios;
}

function ratioRow(name: string, detail: string, ratios: number[]): BenchRow {
  return { name, detail, ...summarize(ratios), unit: '×', target: { p50: 3 } };
}

/** Detection alone, over analyses made beforehand (as when the editor has one cached for the version); they are garbage on return. */
function cachedDetection(name: string, label: string, text: string): BenchRow {
  const fresh = Array.from({ length: 60 }, () => analyzeDocument(text, 'm.py'));
  return measure(name, label, i => fresh[i].detections(), 50, 10);
}

export function detectBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  const library = libraryFromContent();
  const trigger = new RegExp(PYTHON_TRIGGER_SOURCE, 'g');
  const regexPass = (text: string) => {
    trigger.lastIndex = 0;
    let n = 0;
    while (trigger.exec(text)) n++;
    return n;
  };

  for (const size of [3000, 6000]) {
    const text = generateModule(size);
    const sample = analyzeDocument(text, 'm.py');
    const constructs = sample.detections().length;
    const lines = sample.lineCount;
    const n = size.toLocaleString('en');
    const label = `${lines.toLocaleString('en')}-line module, ${constructs} constructs (${((constructs / lines) * 100).toFixed(0)} per 100 lines)`;

    rows.push(measure(`detect: analysis per version (${n} lines)`, `${label}: masking + file context, once per document version`,
      () => analyzeDocument(text, 'm.py'), 50, 5));

    // Hover as the editor does it: the analysis cached for the version, only the hovered line
    // examined (a fresh analysis: no whole-file result to fall back on), ranking cached per library.
    const analysis = analyzeDocument(text, 'm.py');
    const positions = hoverPositions(sample, 4000);
    let shown = 0;
    const hover = measure(`detect: hover (${n} lines)`, `${label}; ${positions.length} positions, half on constructs`,
      i => { if (hoverAt(analysis, library, positions[i % positions.length][0], positions[i % positions.length][1])) shown++; }, 4000, 200);
    rows.push({ ...hover, detail: `${hover.detail} (${Math.round((shown / 4200) * 100)}% show a hover)`, target: { p99: 1 } });

    rows.push(measure(`regex: one trigger-regex pass (${n} lines)`, `the ${PYTHON_TRIGGER_SOURCE.length}-char alternation of every rule's trigger words over the raw text`,
      () => regexPass(text), 50, 5));
    rows.push(measure(`detect: whole file from scratch (${n} lines)`, `${label}: analysis + detection of every line`,
      () => analyzeDocument(text, 'm.py').detections(), 50, 5));
    rows.push(cachedDetection(`detect: whole file over a cached analysis (${n} lines)`, label, text));
    rows.push(ratioRow(`detect: from scratch ÷ regex pass (${n} lines)`, 'median of paired runs (× not ms): masking + context + detection vs one regex pass',
      pairedRatios(() => analyzeDocument(text, 'm.py').detections(), () => regexPass(text), 60)));
    const spare = Array.from({ length: 65 }, () => analyzeDocument(text, 'm.py'));
    let next = 0;
    rows.push(ratioRow(`detect: over cached analysis ÷ regex pass (${n} lines)`, 'median of paired runs (× not ms): detection of every line vs one regex pass',
      pairedRatios(() => spare[next++].detections(), () => regexPass(text), 60)));

    if (size === 6000) {
      const before = analyzeDocument(text, 'm.py');
      before.detections();
      const all = text.split('\n');
      const middle = Math.floor(all.length / 2);
      const edits = Array.from({ length: 60 }, (_, i) => [...all.slice(0, middle), `    value_${i} = compute(${i})`, ...all.slice(middle + 1)].join('\n'));
      rows.push(measure('detect: incremental after a one-line edit (6,000 lines)', 'new analysis for the version + re-detection of the changed line only',
        i => analyzeDocument(edits[i], 'm.py', before).detections(), 50, 10));
    }
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-scan-'));
  try {
    writeProject(dir, 1000);
    const scan = measure('scan: 1,000-file project', 'generated Django project (~200k lines, 1,000 files; node_modules/.venv/env skipped), with the bundled guides',
      () => scanDirectory(dir, library), 3, 1);
    rows.push({ ...scan, target: { p50: 10_000 } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
