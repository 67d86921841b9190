// Unit tests of the bench's pure parts: statistics, budget verdicts, the popup shell check and the first-load/lazy split of a build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUDGETS, judgePopupShell, judgeReport, judgeSizes } from './budgets';
import { measureBuild } from './bundle-size';
import type { BenchReport, Comparison } from './report';
import { median, summarize } from './stats';

const comparison = (subject: number, baseline: number): Comparison => ({
  unit: 'ms',
  method: 'test',
  baselineName: 'baseline',
  subject: summarize([subject]),
  baseline: summarize([baseline]),
  ratio: subject / baseline,
  difference: subject - baseline,
});

const report = (overrides: Partial<BenchReport> = {}): BenchReport => ({
  version: 1,
  createdAt: '2026-11-22T00:00:00.000Z',
  environment: { node: '20', chromium: 'test', cpus: 2, platform: 'linux-x64', loadAverage: [0] },
  durationSeconds: 1,
  errors: {},
  ...overrides,
});

describe('stats', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('summarises min, max and median and keeps the runs', () => {
    expect(summarize([3.14159, 1, 2], 2)).toEqual({ median: 2, min: 1, max: 3.14, runs: [3.14, 1, 2] });
  });
});

describe('budgets', () => {
  it('judges each first-load size against its own gzip budget, and says by how much it is over', () => {
    const verdicts = judgeSizes([
      { entry: 'popup', files: ['popup.html', 'chunks/popup.js'], raw: 0, gzip: BUDGETS.gzipBytes.popup },
      { entry: 'options', files: [], raw: 0, gzip: BUDGETS.gzipBytes.options + 1024 },
    ]);
    expect(verdicts.map((v) => [v.name, v.ok])).toEqual([
      ['popup first load (gzip)', true],
      ['options first load (gzip)', false],
      ['background first load (gzip)', false],
      ['popup first-load requests', true],
    ]);
    expect(verdicts[1]!.miss).toBe('missed by 1.0 KB');
    expect(verdicts[2]!.miss).toMatch(/^not measured/);
  });

  it('allows the popup two first-load requests: its HTML and one script', () => {
    const popup = (files: string[]) => judgeSizes([{ entry: 'popup', files, raw: 0, gzip: 0 }]).find((v) => v.name === 'popup first-load requests')!;
    expect(popup(['popup.html', 'chunks/popup.js']).ok).toBe(true);
    expect(popup(['popup.html', 'chunks/popup.js', 'assets/popup.css'])).toMatchObject({ ok: false, miss: 'missed by 1' });
    expect(popup(['popup.html', 'popup-prefetch.js', 'chunks/popup.js', 'chunks/shared.js'])).toMatchObject({ ok: false, miss: 'missed by 2' });
  });

  it('wants the form prerendered in popup.html and no stylesheet request', () => {
    const form =
      '<form><input type="text" id="title" value/><input type="text" inputmode="url" id="url" value/><select id="destination"></select>' +
      '<textarea rows="2" id="note"></textarea><input type="text" id="tags" value/><button type="submit" disabled class="primary">Save</button></form>';
    const page = (head: string, app: string) => `<html><head>${head}</head><body>\n<div id="app">${app}</div>\n</body></html>`;
    expect(judgePopupShell(page('<style>a{}</style>', form)).every((v) => v.ok)).toBe(true);
    const empty = judgePopupShell(page('<link rel="stylesheet" crossorigin href="/assets/popup.css">', ''));
    expect(empty.map((v) => [v.name, v.ok, v.measured])).toEqual([
      ['popup.html prerendered form', false, 'missing title, url, destination, note, tags, Save'],
      ['popup.html stylesheet requests', false, '1'],
    ]);
    expect(judgePopupShell(page('', form.replace('id="note"', 'id="other"')))[0]!.measured).toBe('missing note');
  });

  it('counts a measurement that did not run as a miss, with its error', () => {
    const verdicts = judgeReport(report({ errors: { save: 'the popup never got ready' } }));
    const save = verdicts.find((v) => v.name === 'save click → durable');
    expect(save).toMatchObject({ ok: false, miss: 'not measured: the popup never got ready' });
  });

  it('compares popup ready, load and heap with the blank page, and save with a bare IndexedDB add', () => {
    const mb = 1024 * 1024;
    const verdicts = judgeReport(
      report({
        popupReady: comparison(55, 45),
        popupLoad: comparison(55.5, 45),
        heap: { ...comparison(2.5 * mb + 1, 1 * mb), unit: 'bytes' },
        save: comparison(12.5, 10),
      }),
    );
    const byName = Object.fromEntries(verdicts.map((v) => [v.name, v]));
    expect(byName['popup ready − blank page']!.ok).toBe(true);
    expect(byName['popup load event − blank page']).toMatchObject({ ok: false, miss: 'missed by 0.5 ms' });
    expect(byName['popup heap − blank page']!.ok).toBe(false);
    expect(byName['save click → durable']).toMatchObject({ ok: false, miss: 'missed by 0.05×' });
    const atBudget = judgeReport(report({ heap: { ...comparison(2.5 * mb, 1 * mb), unit: 'bytes' }, save: comparison(12, 10) }));
    expect(atBudget.filter((v) => ['popup heap − blank page', 'save click → durable'].includes(v.name)).map((v) => v.ok)).toEqual([true, true]);
  });

  it('judges drain against 0.8× its pacing ceiling and each lookup ratio against 2×', () => {
    const perSec = summarize([150]);
    const verdicts = judgeReport(
      report({
        drain: {
          method: 'test',
          captures: 1000,
          destinations: 5,
          capturesPerSec: perSec,
          seconds: summarize([6.7]),
          enqueueMs: summarize([500]),
          perDestinationPerSec: {},
          pacingCeilingPerSec: 250,
          ratioToCeiling: 0.6,
          sandbox: { requests: 1000, created: 1000, duplicates: 0, invalid: 0 },
        },
        lookup: { method: 'test', sizes: [], ratios: { nextDueAt: 1.2, claimDueAny: 2.5 } },
      }),
    );
    const byName = Object.fromEntries(verdicts.map((v) => [v.name, v]));
    expect(byName['drain, production pacing']).toMatchObject({ ok: false, miss: 'missed by 0.20×', measured: '0.60× (150.0 of 250 captures/s)' });
    expect(byName['due-record lookup: nextDueAt']!.ok).toBe(true);
    expect(byName['due-record lookup: claimDueAny']!.ok).toBe(false);
  });
});

describe('measureBuild', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  it('counts static imports in the first load and lists each lazy import apart, nested ones too', () => {
    root = mkdtempSync(join(tmpdir(), 'keeplink-bench-test-'));
    write('popup.html', '<script type="module" src="/chunks/popup-AAAAAAAA.js"></script><link rel="stylesheet" href="/assets/popup-BBBBBBBB.css">');
    write('assets/popup-BBBBBBBB.css', 'body{margin:0}');
    write('chunks/popup-AAAAAAAA.js', 'import{a}from"./shared-CCCCCCCC.js";const l=()=>import("./save-DDDDDDDD.js");');
    write('chunks/shared-CCCCCCCC.js', 'export const a=1;');
    write('chunks/save-DDDDDDDD.js', 'import{a}from"./shared-CCCCCCCC.js";import{b}from"./schema-EEEEEEEE.js";const q=()=>import("./qr-FFFFFFFF.js");');
    write('chunks/schema-EEEEEEEE.js', 'export const b=2;');
    write('chunks/qr-FFFFFFFF.js', 'export const c=3;');
    write('background.js', 'console.log(1)');

    const { firstLoad, lazy } = measureBuild(root);
    expect(firstLoad.map((s) => [s.entry, s.files])).toEqual([
      ['popup', ['assets/popup-BBBBBBBB.css', 'chunks/popup-AAAAAAAA.js', 'chunks/shared-CCCCCCCC.js', 'popup.html']],
      ['background', ['background.js']],
    ]);
    expect(lazy.map((s) => [s.entry, s.files])).toEqual([
      ['popup lazy: save', ['chunks/save-DDDDDDDD.js', 'chunks/schema-EEEEEEEE.js']],
      ['popup lazy: qr', ['chunks/qr-FFFFFFFF.js']],
    ]);
    expect(firstLoad[0]!.gzip).toBeGreaterThan(0);
  });
});
