import type { BrowserContextOptions } from '@playwright/test';

/**
 * The device every page runs on, both in playwright.config.ts and in the browsers the camera specs
 * launch themselves: a phone's screen and touch, in Chinese, sitting in New York so that every
 * Shanghai time shown is proven not to come from the device's zone.
 */
export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'America/New_York',
} satisfies BrowserContextOptions;
