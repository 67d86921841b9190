// Issue 11's parity scenarios in Chromium; test/e2e/parity.firefox.ts runs the same ones in Firefox ESR.
import { launchChromiumDriver } from './harness/chromium-driver';
import { parityScenarios } from './scenarios/parity';

parityScenarios(() => launchChromiumDriver(), { answersPermissionPrompts: false });
