// Issue 13's shared destination scenarios in Firefox ESR; test/e2e/self-hosted-shared.e2e.ts runs them in Chromium.
import { launchFirefoxDriver } from './harness/firefox';
import { selfHostedScenarios } from './scenarios/self-hosted';

selfHostedScenarios(() => launchFirefoxDriver());
