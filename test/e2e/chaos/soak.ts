// The chaos scenario as a long soak outside CI: `npx tsx test/e2e/chaos/soak.ts --captures 1000 [--seed N] [--kills K]`.
// Prints the figures and the checks as JSON on stdout (progress on stderr); exits 1 when a check fails.
import { parseArgs } from 'node:util';
import { runChaos } from './run';
import type { ChaosChecks } from './verdict';

function failedChecks(checks: ChaosChecks): string[] {
  return Object.entries(checks).flatMap(([name, value]) => {
    if (Array.isArray(value)) return value.length > 0 ? [name] : [];
    const badge = value as ChaosChecks['badge'];
    return badge.shown === badge.expected ? [] : [name];
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      captures: { type: 'string', default: '1000' },
      seed: { type: 'string' },
      kills: { type: 'string' },
      'alarm-slack-ms': { type: 'string' },
      'alarm-waits': { type: 'string' },
      'timeout-s': { type: 'string' },
    },
  });
  const captures = Number(values.captures);
  if (!Number.isInteger(captures) || captures < 5) throw new Error('--captures must be an integer of at least 5');
  const number = (raw: string | undefined) => (raw === undefined ? undefined : Number(raw));
  const result = await runChaos({
    captures,
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
    ...(values.kills === undefined ? {} : { kills: Number(values.kills) }),
    ...(values['alarm-slack-ms'] === undefined ? {} : { alarmSlackMs: Number(values['alarm-slack-ms']) }),
    ...(values['alarm-waits'] === undefined ? {} : { alarmWaits: Number(values['alarm-waits']) }),
    // Generous by default: 1,000 captures under 35 % faults take a few minutes.
    timeoutMs: (number(values['timeout-s']) ?? Math.max(180, captures)) * 1000,
    log: (line) => console.error(`[chaos] ${line}`),
  });
  const failed = failedChecks(result.checks);
  console.log(JSON.stringify({ passed: failed.length === 0, failedChecks: failed, ...result }, null, 2));
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
