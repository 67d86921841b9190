// Issue 11's core scenarios in Chromium; test/e2e/core.firefox.ts runs the same ones in Firefox ESR.
import { launchChromiumDriver } from './harness/chromium-driver';
import { coreScenarios } from './scenarios/core';

coreScenarios(() => launchChromiumDriver());
