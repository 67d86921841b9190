// Renders a bench report as the plain-text table `npm run bench` prints (also pasted in the README).
import type { BudgetVerdict } from './budgets';
import { LOOKUP_OPERATIONS } from './lookup-operations';
import type { BenchReport, Comparison } from './report';
import type { Summary } from './stats';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;

function spread(summary: Summary, unit: (n: number) => string): string {
  return `${unit(summary.median)} [${unit(summary.min)}–${unit(summary.max)}]`;
}

function rows(lines: string[][]): string {
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  return lines.map((line) => line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

function comparisonRow(name: string, figure: Comparison, unit: (n: number) => string): string[] {
  const sign = figure.difference >= 0 ? '+' : '−';
  return [
    name,
    spread(figure.subject, unit),
    `${figure.baselineName} ${spread(figure.baseline, unit)}`,
    `${figure.ratio.toFixed(2)}×`,
    `${sign}${unit(Math.abs(figure.difference))}`,
    String(figure.subject.runs.length),
  ];
}

export function formatReport(report: BenchReport, verdicts: readonly BudgetVerdict[]): string {
  const out: string[] = [];
  const env = report.environment;
  out.push(
    `Keeplink bench — ${report.createdAt}, ${env.chromium}, Node ${env.node}, ${env.cpus} CPUs, ` +
      `load average ${env.loadAverage.join(' → ')}, ${report.durationSeconds.toFixed(0)} s`,
  );

  if (report.sizes) {
    out.push('\nBundle sizes (first load = static imports; gzip -9)');
    const sizeRows = [['entry', 'gzip', 'raw', 'files']];
    for (const size of [...report.sizes.firstLoad, ...report.sizes.lazy]) sizeRows.push([size.entry, kb(size.gzip), kb(size.raw), String(size.files.length)]);
    out.push(rows(sizeRows));
  }

  const timing = [['measure (median [min–max])', 'Keeplink', 'baseline (same run)', 'ratio', 'diff', 'runs']];
  if (report.popupReady) timing.push(comparisonRow('popup ready: nav start → ready', report.popupReady, (n) => ms(n)));
  if (report.popupLoad) timing.push(comparisonRow('popup load: nav start → load event', report.popupLoad, (n) => ms(n)));
  if (report.heap) timing.push(comparisonRow('popup JS heap', report.heap, mb));
  if (report.save) timing.push(comparisonRow('save: click → IndexedDB commit', report.save, (n) => ms(n, 2)));
  if (report.wake) timing.push(comparisonRow('worker wake: menu click → durable', report.wake, (n) => ms(n)));
  if (timing.length > 1) out.push('\nTimings\n' + rows(timing));
  for (const [name, figure] of Object.entries(report.popupReady?.milestones ?? {})) out.push(`  ${name}: ${spread(figure, (n) => ms(n))}`);
  for (const [name, figure] of Object.entries(report.save?.milestones ?? {})) out.push(`  ${name}: ${spread(figure, (n) => ms(n, 2))}`);
  if (report.wake) {
    const w = report.wake;
    out.push(
      `  wake split (median): worker start ${ms(w.workerStartMs.median)}, modules + dispatch ${ms(w.moduleAndDispatchMs.median)}, ` +
        `save ${ms(w.saveMs.median)}`,
    );
  }

  if (report.drain) {
    const d = report.drain;
    const perSec = (n: number) => `${n.toFixed(1)}/s`;
    out.push(`\nDrain: ${d.captures} captures over ${d.destinations} destinations, ${d.capturesPerSec.runs.length} runs`);
    const drainRows = [
      ['measure', 'median [min–max]', 'note'],
      ['worker, production pacing', spread(d.capturesPerSec, perSec), `${d.ratioToCeiling.toFixed(2)}× the pacing ceiling of ${d.pacingCeilingPerSec}/s`],
      ['  seconds to drain', spread(d.seconds, (n) => `${n.toFixed(2)} s`), `enqueueMany ${ms(d.enqueueMs.median)}`],
    ];
    for (const [provider, figure] of Object.entries(d.perDestinationPerSec)) drainRows.push([`  ${provider}`, spread(figure, perSec), '']);
    if (d.unpaced) drainRows.push(['same flush, rate cap lifted', spread(d.unpaced.capturesPerSec, perSec), 'lab page, own database']);
    if (d.outboxOnly) drainRows.push(['outbox claim + settle only', spread(d.outboxOnly.capturesPerSec, perSec), 'no network: IndexedDB ceiling']);
    if (d.requestsOnly) drainRows.push(['requests only, same lanes', spread(d.requestsOnly.capturesPerSec, perSec), 'no outbox, no pacing: network + sandbox ceiling']);
    out.push(rows(drainRows));
    out.push(`  sandbox: ${d.sandbox.requests} requests, ${d.sandbox.created} created, ${d.sandbox.duplicates} duplicates, ${d.sandbox.invalid} invalid (last run)`);
  }

  if (report.lookup) {
    const l = report.lookup;
    out.push('\nDue-record lookup (per call, median [min–max]) by delivered records in history');
    const lookupRows = [['operation', ...l.sizes.map((s) => String(s.history)), 'ratio']];
    for (const op of LOOKUP_OPERATIONS) {
      lookupRows.push([op, ...l.sizes.map((s) => spread(s[op], (n) => ms(n, 3))), `${(l.ratios[op] ?? NaN).toFixed(2)}×`]);
    }
    lookupRows.push(['(reference) full scan', ...l.sizes.map((s) => ms(s.fullScanMs)), '']);
    out.push(rows(lookupRows));
  }

  for (const [name, error] of Object.entries(report.errors)) out.push(`\n${name} FAILED: ${error}`);

  out.push('\nBudgets (issue 12; ratios on this machine)');
  out.push(rows(verdicts.map((v) => [v.ok ? 'ok' : 'MISS', v.name, v.measured, v.budget, v.miss ?? ''])));
  return out.join('\n');
}
