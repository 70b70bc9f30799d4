// DJC010 DEBUG = True and DJC011 literal SECRET_KEY: look-alikes and misses found on real projects
// (test/fixtures/insights/review/DJC010.tsv, DJC011.tsv).
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';

function lines(id: string, code: string, fileName: string): number[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === id).map(f => f.range.line + 1);
}

const settings = (head: string, extra: string) => `${head}import os\n${extra}\nINSTALLED_APPS = []\nMIDDLEWARE = []\nROOT_URLCONF = "x.urls"\nDATABASES = {}\n`;

describe('insights: DJC010/DJC011 look-alikes from real projects', () => {
  it('unit-test settings (DefectDojo dojo/settings/unittests.py, "to run the unit tests") are not production settings', () => {
    assert.deepEqual(lines('DJC010', settings('', 'DEBUG = True'), 'dojo/settings/unittests.py'), []);
    assert.deepEqual(lines('DJC010', settings('# In order to run the unit tests, copy this file\n', 'DEBUG = True'), 'dojo/settings/extra.py'), []);
    assert.deepEqual(lines('DJC010', settings('', 'DEBUG = True'), 'dojo/settings/settings.py'), [2]);
    assert.deepEqual(lines('DJC010', settings('', 'DEBUG = True'), 'units/settings.py'), [2]);
  });
  it('a key read by any env-named helper with a literal fallback is found (healthchecks\' envsecret); without a fallback it is not', () => {
    assert.deepEqual(lines('DJC011', settings('', 'SECRET_KEY = envsecret("SECRET_KEY", "---")'), 'hc/settings.py'), [2]);
    assert.deepEqual(lines('DJC011', settings('', 'SECRET_KEY = envsecret("SECRET_KEY")'), 'hc/settings.py'), []);
    assert.deepEqual(lines('DJC011', settings('', 'SECRET_KEY = read_key("SECRET_KEY", "---")'), 'hc/settings.py'), []);
    assert.deepEqual(lines('DJC011', settings('', 'SECRET_KEY = os.environ["SECRET_KEY"]'), 'hc/settings.py'), []);
  });
});
