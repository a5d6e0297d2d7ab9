// The default theme's colours meet WCAG 2.2 AA: 4.5:1 for text, 3:1 for UI
// parts, in light and dark. Colours are read from the shipped stylesheet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT } from './support/server.mjs';

const css = readFileSync(join(ROOT, 'www/police-engage.css'), 'utf8');

/** { light: {name: '#rrggbb'}, dark: {...} } from the :host custom properties. */
function tokens() {
  const out = { light: {}, dark: {} };
  for (const [, name, value] of css.matchAll(/--pe-([a-z-]+):\s*([^;]+);/g)) {
    const pair = value.match(/light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)/i);
    const plain = value.match(/^\s*(#[0-9a-f]{6})\s*$/i);
    if (pair) [out.light[name], out.dark[name]] = [pair[1], pair[2]];
    else if (plain) out.light[name] = out.dark[name] = plain[1];
  }
  return out;
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function ratio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background, minimum]: every pairing the stylesheet uses.
const TEXT = 4.5;
const UI = 3;
const PAIRS = [
  ['text', 'background', TEXT], ['text', 'surface', TEXT],
  ['muted', 'background', TEXT], ['muted', 'surface', TEXT],
  ['accent', 'background', TEXT], ['accent', 'surface', TEXT],
  ['accent-text', 'accent', TEXT],
  ['urgent', 'background', TEXT], ['urgent', 'surface', TEXT],
  ['focus-text', 'focus', TEXT],
  ...['news', 'appeal', 'warning', 'success', 'event', 'urgent'].map((c) => ['badge-text', c, TEXT]),
  ['text', 'background', UI], // input borders
  // The focus indicator is a yellow outline inside a dark ring: one of the two stands out on any background.
  ['focus|focus-text', 'background', UI],
];

/** `a|b` means either colour (the better) does the job. */
const best = (t, fg, bg) => Math.max(...fg.split('|').map((f) => ratio(t[f], t[bg])));

test('the palette parses: every colour the pairs need, light and dark', () => {
  const t = tokens();
  for (const scheme of ['light', 'dark']) {
    for (const [fg, bg] of PAIRS) {
      for (const f of fg.split('|')) assert.ok(t[scheme][f] && t[scheme][bg], `${scheme}: --pe-${f} or --pe-${bg} missing`);
    }
  }
});

for (const scheme of ['light', 'dark']) {
  test(`${scheme} colours meet AA contrast`, () => {
    const t = tokens()[scheme];
    const failures = PAIRS.filter(([fg, bg, min]) => best(t, fg, bg) < min)
      .map(([fg, bg, min]) => `--pe-${fg} on --pe-${bg}: ${best(t, fg, bg).toFixed(2)} < ${min}`);
    assert.deepEqual(failures, []);
  });
}

test('the ratio function is right', () => {
  assert.equal(ratio('#000000', '#ffffff').toFixed(1), '21.0');
  assert.equal(ratio('#777777', '#ffffff').toFixed(2), '4.48');
});
