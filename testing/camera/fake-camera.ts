/**
 * A Chromium whose camera is a video file: the fake capture device plays the .y4m in a loop and the
 * camera permission is granted, so the app's real getUserMedia → frame loop → WASM decoder path runs.
 * These flags apply per browser process, hence a launch of its own rather than the shared browser.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { findChromium } from '../browser/find-chromium.ts';
import { phone } from '../browser/phone.ts';

export async function launchWithCamera(y4mPath: string): Promise<Browser> {
  const choice = findChromium();
  return chromium.launch({
    executablePath: choice.executablePath,
    args: [...choice.args, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4mPath}`],
  });
}

export function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, ...phone, permissions: ['camera'] });
}
