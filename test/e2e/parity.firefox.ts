// Issue 11's parity scenarios in Firefox ESR; test/e2e/parity.e2e.ts runs the same ones in Chromium.
import { launchFirefoxDriver } from './harness/firefox';
import { parityScenarios } from './scenarios/parity';

parityScenarios(() => launchFirefoxDriver(), { answersPermissionPrompts: true });
