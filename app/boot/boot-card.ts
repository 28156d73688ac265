/**
 * The code card as plain DOM, in the same markup and classes as the panel's React tree above its tabs
 * (shell/home-page.tsx, features/health-code-panel/components/health-code-card.tsx, ui/live-clock.tsx,
 * ui/qr-svg.tsx), so that the app's stylesheet lays both out alike and the hand-over moves nothing.
 */
import { formatClock, formatDateTime, formatDay } from '../i18n/shanghai-clock.ts';
import type { KeptProfile } from '../offline/kept-code.ts';
import { quietZone, type QrShape } from '../ui/qr-shape.ts';
import { bootText, type BootLanguage, type BootMessageKey } from './boot-messages.ts';

type Child = Node | string;

function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function svg(tag: string, attrs: Record<string, string>): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  return element;
}

const colourIcons = { green: '✓', yellow: '!', red: '✕' } as const;

export interface BootCardInput {
  profile: KeptProfile;
  shape: QrShape;
  signedAt: number;
  language: BootLanguage;
  offline: boolean;
}

/** The card's tree, and a function that sets its clock to a time (called every second until the hand-over). */
export function bootCard({ profile, shape, signedAt, language, offline }: BootCardInput): { element: HTMLElement; setClock: (now: number) => void } {
  const t = (key: BootMessageKey, values?: Record<string, string>) => bootText(language, key, values);
  const other = language === 'zh' ? 'en' : 'zh';
  const colourName = t(`colour.${profile.colour}`);
  const side = String(shape.size + 2 * quietZone);

  const qr = svg('svg', { class: `code-qr code-qr--${profile.colour}`, role: 'img', viewBox: `0 0 ${side} ${side}`, 'shape-rendering': 'crispEdges' });
  qr.setAttribute('aria-label', t('panel.qr.label', { name: profile.maskedName, colour: colourName, time: formatDateTime(signedAt, true) }));
  qr.append(svg('rect', { width: side, height: side, class: 'code-qr__background' }), svg('path', { d: shape.path, class: 'code-qr__modules' }));

  const day = h('span', { class: 'live-clock__day' });
  const time = h('time', { class: 'live-clock__time' });
  const setClock = (now: number) => {
    day.textContent = formatDay(now);
    time.textContent = formatClock(now, true);
    time.setAttribute('datetime', new Date(now).toISOString());
  };

  const card = h(
    'section',
    { class: `code-card code-card--${profile.colour}`, 'aria-labelledby': 'boot-code-title' },
    h('h1', { id: 'boot-code-title', class: 'code-card__title' }, t('app.title')),
    h(
      'dl',
      { class: 'code-card__identity' },
      h('div', {}, h('dt', {}, t('panel.name')), h('dd', {}, profile.maskedName)),
      h('div', {}, h('dt', {}, t('panel.idNumber')), h('dd', {}, profile.maskedIdNumber)),
    ),
    h('p', { class: 'live-clock', 'aria-label': t('panel.clock') }, day, ' ', time),
    h('div', { class: 'code-card__qr-slot' }, qr),
    h('p', { class: 'code-card__colour' }, h('span', { class: 'colour-icon', 'aria-hidden': 'true' }, colourIcons[profile.colour]), h('span', {}, colourName)),
    h('p', { class: 'code-card__hint' }, t(`colour.${profile.colour}.hint`)),
    h('p', { class: 'code-card__refreshed' }, t('panel.refreshed', { time: formatDateTime(profile.updatedAt, true) })),
    ...(offline ? [h('p', { class: 'code-card__offline' }, t('panel.code.offline'))] : []),
    h('a', { href: `/traveller-check?who=${encodeURIComponent(profile.id)}`, class: 'button button--secondary code-card__travel' }, t('panel.travellerCheck')),
  );

  const element = h(
    'div',
    { class: 'home' },
    h(
      'header',
      { class: 'top-bar' },
      h('span', { class: 'top-bar__brand' }, t('app.subtitle')),
      // Before the app has loaded the switch cannot act; it is drawn so that nothing moves when the app's replaces it.
      h(
        'button',
        { type: 'button', class: 'button button--ghost language-toggle' },
        h('span', { lang: other === 'zh' ? 'zh-CN' : 'en' }, t('lang.switch')),
        ' ',
        h('span', { class: 'visually-hidden' }, t('lang.switch.label')),
      ),
      h('a', { href: '/settings', class: 'button button--ghost' }, t('panel.settings')),
    ),
    h(
      'main',
      { class: 'page page--panel' },
      // The sync line's place: what it will say (how fresh, what waits) is the app's to know.
      h('div', { class: 'sync-status' }, offline ? h('span', { class: 'sync-status__offline' }, t('sync.offline')) : ' '),
      card,
    ),
  );
  return { element, setClock };
}
