import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Command, Setting, View, EXTENSION_SECTION } from '../../src/constants';
import { ROOT } from './helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json and src/constants.ts agree', () => {
  it('every declared command is in constants and the other way round', () => {
    const declared = (pkg.contributes.commands as { command: string; category: string }[]).map(c => c.command).sort();
    assert.deepEqual(declared, Object.values(Command).sort());
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Django Coach', c.command);
  });

  it('every setting key is declared with a description and a default', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default?: unknown; description?: string; markdownDescription?: string }>;
    assert.deepEqual(Object.keys(props).sort(), Object.values(Setting).map(k => `${EXTENSION_SECTION}.${k}`).sort());
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.description || p.markdownDescription, key);
      assert.ok('default' in p, key);
    }
  });

  it('views live in our own activity-bar container', () => {
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, View.container);
    const views = (pkg.contributes.views[View.container] as { id: string }[]).map(v => v.id);
    for (const [k, id] of Object.entries(View)) if (k !== 'container') assert.ok(views.includes(id), id);
  });

  it('menus only reference declared commands', () => {
    const declared = new Set(Object.values(Command) as string[]);
    for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
      for (const item of items) assert.ok(declared.has(item.command), `${menu}: ${item.command}`);
    }
  });
});

describe('the package ships what the extension loads', () => {
  it('every bundle required on first use (src/lazy*.ts) is allowed by .vscodeignore, as are main and browser', () => {
    const allowed = new Set(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter(l => l.startsWith('!')).map(l => l.slice(1).trim()));
    const lazy = fs.readdirSync(path.join(ROOT, 'src')).filter(f => /^lazy\w*\.ts$/.test(f))
      .flatMap(f => [...fs.readFileSync(path.join(ROOT, 'src', f), 'utf8').matchAll(/require\('\.\/(\w+)'\)/g)].map(m => `dist/${m[1]}.js`));
    assert.deepEqual(lazy.sort(), ['dist/detect.js', 'dist/engine.js', 'dist/features.js']);
    for (const file of [...lazy, pkg.main.replace(/^\.\//, ''), pkg.browser.replace(/^\.\//, '')]) assert.ok(allowed.has(file), `.vscodeignore drops ${file}`);
  });
});
