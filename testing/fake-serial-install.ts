/**
 * Run in the page before the app (page.addInitScript, bundled by testing/fake-serial-script.ts): Web Serial is
 * the test reader, and `window.fakeCardReader` and `window.fakeCards` are the test's hands on it.
 */
import { createFakeSerial } from './fake-serial-port.ts';
import { foreignCard, grandmaCard, wangCard } from './id-cards.ts';

const { serial, reader } = createFakeSerial({ chunk: 50, latencyMs: 8 });
Object.defineProperty(navigator, 'serial', { value: serial, configurable: true });
Object.assign(window, { fakeCardReader: reader, fakeCards: { grandma: grandmaCard, wang: wangCard, foreign: foreignCard } });
