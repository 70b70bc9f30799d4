// DJC009 null=True on a string field: look-alikes found on real projects (test/fixtures/insights/review/DJC009.tsv).
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';

function lines(code: string, fileName = 'shop/models.py'): number[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC009').map(f => f.range.line + 1);
}

const head = 'from django.db import models\n\n';

describe('insights: DJC009 look-alikes from real projects', () => {
  it('a field named in its model\'s unique_together or UniqueConstraint is left alone (NULLs do not collide), others in the class are found', () => {
    assert.deepEqual(lines(head + [
      'class Rule(models.Model):',
      '    start = models.CharField(max_length=32)',
      '    end = models.CharField(max_length=32, blank=True, null=True)',
      '    note = models.CharField(max_length=32, blank=True, null=True)',
      '',
      '    class Meta:',
      '        unique_together = ("method", "start", "end")',
      '',
      'class Hook(models.Model):',
      '    identifier = models.CharField(max_length=256, null=True, blank=True)',
      '    class Meta:',
      '        constraints = [',
      '            models.UniqueConstraint(',
      '                fields=["app", "identifier"], name="unique_hook",',
      '            ),',
      '        ]',
      '',
      'class Other(models.Model):',
      '    end = models.CharField(max_length=32, null=True)',
    ].join('\n')), [6, 21]);
  });
  it('a class whose bases span several lines still has its Meta read; an expression constraint counts too', () => {
    assert.deepEqual(lines(head + [
      'class Device(',
      '    Base,',
      '    Mixin,',
      '):',
      '    name = models.CharField(max_length=64, blank=True, null=True)',
      '    face = models.CharField(max_length=50, blank=True, null=True)',
      '    note = models.CharField(max_length=50, blank=True, null=True)',
      '    class Meta:',
      '        constraints = (',
      '            models.UniqueConstraint(Lower("name"), "site", name="u1"),',
      '            models.UniqueConstraint(fields=("rack", "position", "face"), name="u2"),',
      '        )',
    ].join('\n')), [9]);
  });
  it('the name must be quoted in the constraint of the same class, not just appear nearby', () => {
    assert.deepEqual(lines(head + [
      'class A(models.Model):',
      '    name = models.CharField(max_length=9, null=True)',
      '    class Meta:',
      '        unique_together = ("language_code", "a")  # name',
      'class B(models.Model):',
      '    name = models.CharField(max_length=9)',
      '    class Meta:',
      '        unique_together = ("name", "b")',
    ].join('\n')), [4]);
  });
  it('a string field inside another call (pghistory ProxyField, ArrayField) is left alone; an annotated assignment is found', () => {
    assert.deepEqual(lines(head + [
      'class Event(models.Model):',
      '    url = pghistory.ProxyField("pgh_context__url", models.TextField(null=True))',
      '    tags = ArrayField(',
      '        models.CharField(max_length=9, null=True),',
      '    )',
      '    precision: models.Field = models.CharField(max_length=10, null=True)',
    ].join('\n')), [8]);
  });
  it('finds the project\'s own field subclasses imported relatively (bookwyrm\'s `fields.CharField`), not search-index or serializer fields', () => {
    assert.deepEqual(lines(head + [
      'from . import fields',
      'from haystack import indexes',
      'from rest_framework import fields as drf',
      'class Book(models.Model):',
      '    subtitle = fields.TextField(max_length=255, blank=True, null=True)',
      '    upc = indexes.CharField(model_attr="upc", null=True)',
      '    note = drf.CharField(null=True)',
    ].join('\n')), [7]);
  });
  it('models of test apps (tests/ folders, tests.py) are left alone; the same model elsewhere is found', () => {
    const model = head + 'class Sample(models.Model):\n    details = models.CharField(max_length=64, blank=True, null=True)\n';
    assert.deepEqual(lines(model, 'tests/openwisp2/sample_config/models.py'), []);
    assert.deepEqual(lines(model, 'shop/tests.py'), []);
    assert.deepEqual(lines(model, 'shop/test_models.py'), []);
    assert.deepEqual(lines(model, 'dojo/test/models.py'), [4]);
    assert.deepEqual(lines(model, 'latest/models.py'), [4]);
    assert.deepEqual(lines(model, 'contests/models.py'), [4]);
  });
});
