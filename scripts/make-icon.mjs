// Draws the gallery icon (media/icon.png, 128×128, what the Marketplace and Open VSX show; they refuse
// SVG) from the activity-bar icon media/icon.svg: the same strokes in white on a rounded square of the
// gallery banner's colour. Rendered by Debian's Chromium through playwright-core, offline.
//   node scripts/make-icon.mjs        (rerun after changing media/icon.svg or the banner colour; commit the PNG)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 128;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const background = manifest.galleryBanner?.color;
if (!/^#[0-9a-f]{6}$/i.test(background ?? '')) throw new Error('package.json galleryBanner.color must be a #rrggbb colour');

// The line icon is drawn in currentColor on a 24-unit grid: colour it white and let it fill most of the tile.
const svg = fs.readFileSync(path.join(ROOT, 'media', 'icon.svg'), 'utf8')
  .replace(/<svg\b[^>]*?\swidth="[^"]*"/, m => m.replace(/\swidth="[^"]*"/, ' width="96"'))
  .replace(/<svg\b[^>]*?\sheight="[^"]*"/, m => m.replace(/\sheight="[^"]*"/, ' height="96"'));
const html = `<!DOCTYPE html><html><body style="margin:0;background:transparent">
<div style="width:${SIZE}px;height:${SIZE}px;border-radius:24px;background:${background};color:#fff;display:flex;align-items:center;justify-content:center">${svg}</div>
</body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const out = path.join(ROOT, 'media', 'icon.png');
  // omitBackground keeps the corners outside the rounded square transparent.
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`${path.relative(ROOT, out)}: ${SIZE}×${SIZE}, ${fs.statSync(out).size} bytes`);
} finally {
  await browser.close();
}
