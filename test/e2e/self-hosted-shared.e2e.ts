// Issue 13's shared destination scenarios in Chromium; test/e2e/self-hosted.firefox.ts runs the same ones in Firefox ESR.
import { launchChromiumDriver } from './harness/chromium-driver';
import { selfHostedScenarios } from './scenarios/self-hosted';

selfHostedScenarios(() => launchChromiumDriver());
