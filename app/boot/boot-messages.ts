/**
 * The few messages the boot module paints, in both languages, copied from the app's catalogue (i18n/messages.ts,
 * messages-en.ts) because the catalogue itself is several times the boot module's whole budget. A unit test
 * (boot-messages.test.ts) holds every one to the catalogue's text, so the two cannot drift apart.
 */
export const bootMessages = {
  zh: {
    'app.title': '随申码',
    'app.subtitle': '随申办 · 健康码',
    'lang.switch': 'English',
    'lang.switch.label': '切换到英文',
    'panel.settings': '设置',
    'panel.name': '姓名',
    'panel.idNumber': '证件号',
    'panel.clock': '当前时间',
    'panel.qr.label': '{name}的随申码：{colour}，{time}更新',
    'panel.refreshed': '数据更新于 {time}',
    'panel.code.offline': '离线出示：使用本机保存的凭证',
    'panel.travellerCheck': '离沪核验',
    'sync.offline': '离线',
    'colour.green': '绿码',
    'colour.yellow': '黄码',
    'colour.red': '红码',
    'colour.green.hint': '可正常通行',
    'colour.yellow.hint': '请配合核酸检测，暂缓进入公共场所',
    'colour.red.hint': '请立即联系社区，配合隔离管控',
  },
  en: {
    'app.title': 'Suishenma',
    'app.subtitle': 'Shanghai health code',
    'lang.switch': '中文',
    'lang.switch.label': 'Switch to Chinese',
    'panel.settings': 'Settings',
    'panel.name': 'Name',
    'panel.idNumber': 'ID number',
    'panel.clock': 'Current time',
    'panel.qr.label': 'Suishenma 随申码 of {name}: {colour}, refreshed {time}',
    'panel.refreshed': 'Data refreshed {time}',
    'panel.code.offline': 'Offline: shown from the credential kept on this phone',
    'panel.travellerCheck': 'Leaving Shanghai check',
    'sync.offline': 'Offline',
    'colour.green': 'Green code',
    'colour.yellow': 'Yellow code',
    'colour.red': 'Red code',
    'colour.green.hint': 'Free to move',
    'colour.yellow.hint': 'Please take a PCR test and avoid public places for now',
    'colour.red.hint': 'Contact your neighbourhood committee now and follow isolation rules',
  },
} as const;

export type BootLanguage = keyof typeof bootMessages;
export type BootMessageKey = keyof (typeof bootMessages)['zh'];

/** The message in `language` with `{name}` filled in (none of these has a plural form). */
export function bootText(language: BootLanguage, key: BootMessageKey, values: Record<string, string> = {}): string {
  return bootMessages[language][key].replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
