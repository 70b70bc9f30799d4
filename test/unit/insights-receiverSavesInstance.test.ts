// DJC004: a post_save/pre_save receiver saving its own instance with no guard — positives, and one
// look-alike per guard class met on real projects (bookwyrm, DefectDojo, taiga-back receivers).
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';

function lines(code: string, fileName = 'app/signals.py'): number[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC004').map(f => f.range.line + 1);
}

const head = 'from django.db.models.signals import post_save, pre_save\nfrom django.dispatch import receiver\n';

describe('insights: DJC004 receiver saves its own instance', () => {
  it('finds @receiver(post_save) and @receiver(pre_save) receivers that save their instance', () => {
    assert.deepEqual(lines(head + [
      '@receiver(post_save, sender=Order)',       // 3
      'def total(sender, instance, created, **kwargs):',
      '    instance.total = sum(l.price for l in instance.lines.all())',
      '    instance.save()',                        // 6
      '',
      '@receiver([pre_save, post_save], sender=Book)',
      '@receiver(post_save, sender=Author)',
      'def slug(sender, instance, **kwargs):',
      '    instance.slug = slugify(instance.title)',
      '    instance.save()',                        // 12
    ].join('\n')), [6, 12]);
  });

  it('finds a handler connected with post_save.connect() in the same file, its instance taken from kwargs, and aliased imports', () => {
    assert.deepEqual(lines([
      'from django.db.models import signals',
      'def stamp(sender, **kwargs):',
      '    obj = kwargs["instance"]',
      '    obj.stamped = True',
      '    obj.save()',                             // 5
      'signals.post_save.connect(stamp, sender=Doc)',
    ].join('\n')), [5]);
    assert.deepEqual(lines([
      'from django.db import models',
      'def attach(sender, instance, created, **kwargs):',
      '    instance.ref = next_ref()',
      '    instance.save()',                        // 4
      'models.signals.post_save.connect(attach, sender=Epic, dispatch_uid="ref")',
    ].join('\n')), [4]);
  });

  it('reads signal.connect( calls however they are spaced or dotted, and receiver decorators under another name', () => {
    assert.deepEqual(lines([
      'from django.db.models.signals import post_save, pre_save',
      'import django.db.models.signals as sigs',
      'from django.dispatch import receiver as on',
      'def a(sender, instance, **kwargs):',
      '    instance.save()',                        // 5
      'sigs . pre_save .connect (a)',
      'def b(sender, instance, **kwargs):',
      '    instance.save()',                        // 8
      'xpost_save.connect(b)',
      '@on(pre_save)',
      'async def c(sender, instance, **kwargs):',
      '    instance.save()',                        // 12
    ].join('\n')), [5, 12]);
  });

  it('leaves a def that a @receiver line above does not decorate: another def or a statement stands between them', () => {
    assert.deepEqual(lines(head + [
      '@receiver(post_save, sender=Order)',
      'def first(sender, instance, **kwargs):',
      '    pass',
      'def second(sender, instance, **kwargs):',
      '    instance.save()',
      '@receiver(post_save)',
      'x = 1',
      'def third(sender, instance, **kwargs):',
      '    instance.save()',
      'xpost_save.connect(third)',
    ].join('\n')), []);
  });

  it('leaves guarded saves alone: a condition around it, an early return, update_fields, a disconnect, a muting with-block', () => {
    assert.deepEqual(lines(head + [
      '@receiver(post_save, sender=User)',
      'def a(sender, instance, created, **kwargs):',
      '    if instance.is_superuser and not instance.is_staff:',   // DefectDojo user_post_save
      '        instance.is_staff = True',
      '        instance.save()',
      '@receiver(post_save)',
      'def b(sender, instance, created, **kwargs):',
      '    if not created or not hasattr(instance, "get_remote_id"):',  // bookwyrm set_remote_id
      '        return',
      '    instance.remote_id = instance.get_remote_id()',
      '    try:',
      '        instance.save(broadcast=False)',
      '    except TypeError:',
      '        instance.save()',
      '@receiver(post_save, sender=Epic)',
      'def c(sender, instance, created, **kwargs):',
      '    instance.ref = 1',
      '    instance.save(update_fields=["ref"])',                    // taiga attach_sequence
      '@receiver(post_save, sender=Epic)',
      'def d(sender, instance, **kwargs):',
      '    post_save.disconnect(d, sender=Epic)',
      '    instance.save()',
      '    post_save.connect(d, sender=Epic)',
      '@receiver(post_save, sender=Epic)',
      'def e(sender, instance, **kwargs):',
      '    with mute_signals(post_save):',
      '        instance.save()',
    ].join('\n')), []);
  });

  it('leaves other objects, other signals, nested functions and plain functions alone', () => {
    assert.deepEqual(lines(head + [
      'from django.db.models.signals import post_delete',
      '@receiver(post_save, sender=Order)',
      'def a(sender, instance, **kwargs):',
      '    instance.customer.save()',
      '    Profile.objects.filter(user=instance).update(seen=True)',
      '    other = instance',
      '    other_instance.save()',
      '@receiver(post_delete, sender=Order)',
      'def b(sender, instance, **kwargs):',
      '    instance.save()',
      'def c(instance):',
      '    instance.save()',
      '@receiver(post_save, sender=Order)',
      'def d(sender, instance, **kwargs):',
      '    def later():',
      '        instance.save()',
      '    transaction.on_commit(later)',
      'post_save.connect(imported_handler, sender=Order)',
      '# instance.save()',
    ].join('\n')), []);
    // The connected name is the imported handler, not the file's own function of the same name.
    assert.deepEqual(lines('from django.db.models.signals import post_save\ndef h(sender, instance, **kw):\n    instance.save()\npost_save.connect(h)\n'), [3]);
    assert.deepEqual(lines('from .handlers import h\nfrom django.db.models.signals import post_save\ndef h(sender, instance, **kw):\n    instance.save()\npost_save.connect(h)\n'), []);
  });
});
