// Insight cost (issue 14: "insights add at most 50% to a file's detection time"): detection of the
// generated 3,000/6,000-line modules of detect.bench.ts, the same plus findInsights on the same
// analysis, and the ratio of the two costs measured within each run. Twice per size: the bench module
// as it is (its only insight trigger word is `settings.DEBUG`), and the same module with a pitfall
// snippet every ~100 lines, so that the null=True check builds the Code and searches (the mark_safe lines are look-alikes since DJC006 left the table).
import { collectGarbage, measure, summarize, type BenchRow } from './harness';
import { generateModule } from './detect.bench';
import { analyzeDocument } from '../src/core/detect/analysis';
import { findInsights } from '../src/core/insights/index';
import { TemplateFacts } from '../src/core/insights/templateFacts';

/** A snippet that trips DJC009 (with a unique=True look-alike) and holds a mark_safe f-string (DJC006, out of the table: a look-alike now). */
const PITFALLS = `

class ReviewN(models.Model):
    title = models.CharField(max_length=120, null=True, blank=True)
    code = models.CharField(max_length=20, null=True, blank=True, unique=True)
    body = models.TextField(blank=True)


def review_badgeN(review):
    from django.utils.safestring import mark_safe
    return mark_safe(f"<b>{review.title}</b>")
`;

export function withPitfalls(lines: number): string {
  const base = generateModule(lines).split('\n');
  const out: string[] = [];
  let next = 100;
  for (let i = 0; i < base.length; i++) {
    out.push(base[i]);
    // After a blank line before a module-level statement, every ~100 lines.
    if (i >= next && base[i] === '' && /^\S/.test(base[i + 1] ?? '')) {
      out.push(PITFALLS.replace(/N\b/g, String(i)));
      next = i + 100;
    }
  }
  return out.join('\n');
}

/** Detection from scratch then findInsights on the same analysis, timed apart in each run: insight time ÷ detection time. */
function costRatios(text: string, runs: number): { ratios: number[]; findings: number } {
  let findings = 0;
  const once = () => {
    const t0 = process.hrtime.bigint();
    const analysis = analyzeDocument(text, 'm.py');
    analysis.detections();
    const t1 = process.hrtime.bigint();
    findings = findInsights(analysis, 'm.py').length;
    const t2 = process.hrtime.bigint();
    return Number(t2 - t1) / Number(t1 - t0);
  };
  collectGarbage();
  for (let i = 0; i < 5; i++) once();
  return { ratios: Array.from({ length: runs }, once), findings };
}

/**
 * A generated workspace for DJC012: `models` models (a ForeignKey and a ManyToManyField each), one
 * views.py rendering every template with a queryset, and `templates` templates of about 60 lines
 * (a loop reading a relation per row, other tags and variables around it).
 */
function templateWorkspace(models: number, templates: number): { python: [string, string][]; templates: [string, string][] } {
  const m: string[] = ['from django.db import models', ''];
  for (let i = 0; i < models; i++) {
    m.push(`class Item${i}(models.Model):`, '    name = models.CharField(max_length=80)', `    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="items${i}")`,
      '    tags = models.ManyToManyField("Tag", blank=True)', '');
  }
  const v: string[] = ['from django.shortcuts import render', 'from .models import *', ''];
  const t: [string, string][] = [];
  for (let i = 0; i < templates; i++) {
    v.push(`def page${i}(request):`, `    rows = Item${i % models}.objects.filter(name__startswith="a")${i % 3 === 0 ? '.select_related("owner")' : ''}`,
      `    return render(request, "shop/page${i}.html", {"rows": rows, "title": "Page ${i}"})`, '');
    const body: string[] = ['{% extends "base.html" %}', '{% load static %}', '{% block content %}', `<h1>{{ title }}</h1>`];
    for (let k = 0; k < 8; k++) body.push(`<p class="intro-${k}">{% if user.is_authenticated %}{{ user.username }}{% else %}<a href="{% url 'login' %}">Sign in</a>{% endif %}</p>`);
    body.push('<table>', '{% for row in rows %}', '  <tr>', '    <td>{{ row.name }}</td>', '    <td>{{ row.owner.username }}</td>',
      '    <td>{% for tag in row.tags.all %}{{ tag }}{% endfor %}</td>', '  </tr>', '{% empty %}', '  <tr><td>None yet.</td></tr>', '{% endfor %}', '</table>');
    for (let k = 0; k < 30; k++) body.push(`<div class="note-${k}">{{ title|lower }} {% trans "More" %} <img src="{% static 'shop/x.png' %}"></div>`);
    body.push('{% endblock %}', '');
    t.push([`shop/templates/shop/page${i}.html`, body.join('\n')]);
  }
  return { python: [['shop/models.py', m.join('\n')], ['shop/views.py', v.join('\n')]], templates: t };
}

/** DJC012 on every template of the generated workspace ÷ their detection, per run over all templates (the workspace facts built once, as the editor keeps them). */
function templateRows(): BenchRow[] {
  const ws = templateWorkspace(20, 200);
  const facts = new TemplateFacts();
  for (const [path, text] of ws.python) facts.setPython(path, text);
  for (const [path] of ws.templates) facts.addTemplate(path);
  let findings = 0;
  const once = () => {
    let det = 0, ins = 0;
    findings = 0;
    for (const [path, text] of ws.templates) {
      const t0 = process.hrtime.bigint();
      const analysis = analyzeDocument(text, path);
      analysis.detections();
      const t1 = process.hrtime.bigint();
      findings += facts.findings(path, analysis).length;
      det += Number(t1 - t0);
      ins += Number(process.hrtime.bigint() - t1);
    }
    return ins / det;
  };
  collectGarbage();
  for (let i = 0; i < 3; i++) once();
  const ratios = Array.from({ length: 20 }, once);
  const lines = ws.templates[0][1].split('\n').length;
  return [{ name: 'insights: DJC012 ÷ detection (200 templates)', detail: `× not ms: template N+1 findings ÷ analysis + detection, 200 templates of ${lines} lines, 20 models, one views.py (${findings} findings)`,
    ...summarize(ratios), unit: '×', target: { p50: 0.5 } }];
}

export function insightsBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const size of [3000, 6000]) {
    for (const [kind, text] of [['bench module', generateModule(size)], ['with pitfalls', withPitfalls(size)]] as const) {
      const n = size.toLocaleString('en');
      const lines = text.split('\n').length.toLocaleString('en');
      rows.push(measure(`insights: detection (${n} lines, ${kind})`, `${lines} lines: analysis + detection of every line`,
        () => analyzeDocument(text, 'm.py').detections(), 50, 5));
      rows.push(measure(`insights: detection + findInsights (${n} lines, ${kind})`, `${lines} lines: the same, then findInsights on that analysis`,
        () => { const a = analyzeDocument(text, 'm.py'); a.detections(); return findInsights(a, 'm.py'); }, 50, 5));
      const { ratios, findings } = costRatios(text, 60);
      rows.push({ name: `insights: cost ÷ detection (${n} lines, ${kind})`, detail: `× not ms: findInsights time ÷ detection time, same run (${findings} findings)`,
        ...summarize(ratios), unit: '×', target: { p50: 0.5 } });
    }
  }
  rows.push(...templateRows());
  return rows;
}
