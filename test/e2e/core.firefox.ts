// Issue 11's core scenarios in Firefox ESR (puppeteer-core over WebDriver BiDi); core.e2e.ts runs them in Chromium.
import { launchFirefoxDriver } from './harness/firefox';
import { coreScenarios } from './scenarios/core';

coreScenarios(() => launchFirefoxDriver());
