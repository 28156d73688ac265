/**
 * The 数字哨兵 strings (the kiosk screen and the owner's pairing), in both languages. They live apart from the
 * main catalog because only the kiosk and the venue owner's page need them: both load lazily, so these
 * strings never weigh on the panel's first load. Chinese types the keys; English must translate every one.
 */
import { useI18n } from './i18n-provider.tsx';
import type { Message } from './messages.ts';
import { fillMessage, type MessageValues } from './translate.ts';

export const kioskZh = {
  'kiosk.title': '数字哨兵',
  'kiosk.loading': '正在准备数字哨兵…',
  'kiosk.unpaired.title': '这台设备还不是数字哨兵',
  'kiosk.unpaired.body':
    '请场所负责人在自己的手机上登录随申码，打开「场所码申领」，在场所下点「设为数字哨兵」，再用这台设备扫描出现的二维码，或打开其中的链接。',
  'kiosk.revoked.title': '这台数字哨兵已被停用',
  'kiosk.revoked.body': '场所负责人已停用这台设备，本机已删除配对信息。如需继续使用，请重新配对。',
  'kiosk.pairFailed': '这个配对链接无效，请向场所负责人重新获取。',
  'kiosk.needsNetwork': '请联网打开一次，以确认配对和下载验证密钥。',
  'kiosk.serves': '服务场所',
  'kiosk.venueNumber': '场所编码 {number}',
  'kiosk.rule': '核验规则：{rule}',
  'kiosk.aim': '请出示随申码或纸质码，对准摄像头',
  'kiosk.camera.starting': '正在打开摄像头…',
  'kiosk.camera.retrying': '摄像头暂不可用，正在自动重试…',
  'kiosk.camera.denied': '没有摄像头权限。请在浏览器设置中允许本页使用摄像头。',
  'kiosk.logged': '已登记',
  'kiosk.notLogged': '未登记',
  'kiosk.counts': '本小时 通过 {hourPass} · 未通过 {hourFail}　今日 通过 {dayPass} · 未通过 {dayFail}',
  'kiosk.sync.pending': '{n} 条登记待上传',
  'kiosk.sync.offline': '离线：登记保存在本机，联网后自动上传',
  'kiosk.sync.done': '登记已全部上传',
  'kiosk.speak.pass': '{name}，通过',
  'kiosk.speak.fail': '{name}，未通过',
  'kiosk.speak.refused': '无法核验，请出示本人随申码',
  'kiosk.id.label': '身份证号（无码人员，可用读卡器）',
  'kiosk.id.submit': '查询',
  'kiosk.id.checking': '正在查询…',
  'kiosk.id.invalid': '身份证号不正确：应为18位，最后一位校验码要对。请核对后重新输入。',
  'kiosk.id.offline': '身份证号查询需要联网，现在离线。请访客出示随申码或纸质码。',
  'kiosk.id.unknown': '没有找到这个身份证号的登记信息。',
  'kiosk.id.limited': '查询太频繁，请稍后再试。',
  'kiosk.id.failed': '查询失败，请重试。',
  'kiosk.id.source': '身份证号查询',
  'kiosk.id.pcrAge': '{hours} 小时前',
  'kiosk.failed.code-colour': '码色不符',
  'kiosk.failed.pcr-negative': '核酸不符合要求',
  'kiosk.failed.antigen-negative': '抗原不符合要求',

  'kiosk.owner.title': '数字哨兵',
  'kiosk.owner.intro': '把一部备用手机或平板设为本场所入口的数字哨兵：它扫描访客的随申码、纸质码或身份证号，显示并播报是否通过，通过即登记到访。',
  'kiosk.owner.use': '设为数字哨兵',
  'kiosk.owner.label': '设备名称（如：东门平板）',
  'kiosk.owner.labelRequired': '请填写设备名称（最多32个字）',
  'kiosk.owner.create': '生成配对码',
  'kiosk.owner.creating': '正在生成…',
  'kiosk.owner.qr': '{label} 的数字哨兵配对二维码',
  'kiosk.owner.pairHint': '用要作为数字哨兵的设备扫描这个二维码，或在该设备上打开下面的链接。配对码只显示这一次，请勿拍照外传。',
  'kiosk.owner.done': '已完成配对',
  'kiosk.owner.list': '已配对的设备',
  'kiosk.owner.none': '还没有配对的设备。',
  'kiosk.owner.lastSeen': '最近在线：{time}',
  'kiosk.owner.neverSeen': '尚未上线',
  'kiosk.owner.revokedAt': '已停用（{time}）',
  'kiosk.owner.revoke': '停用',
  'kiosk.owner.revokeConfirm': '确定停用「{label}」吗？停用后它不能再核验和登记，需重新配对。',
  'kiosk.owner.revokeYes': '确定停用',
  'kiosk.owner.cancel': '取消',
  'kiosk.owner.ruleSet': '数字哨兵的核验规则',
  'kiosk.owner.ruleSaved': '已保存',
} as const;

export type KioskMessageKey = keyof typeof kioskZh;

export const kioskEn = {
  'kiosk.title': 'Digital sentinel',
  'kiosk.loading': 'Getting the digital sentinel ready…',
  'kiosk.unpaired.title': 'This device is not a digital sentinel yet',
  'kiosk.unpaired.body':
    'The venue owner signs in to Suishenma on their own phone, opens the venue code page and taps “Use a device as 数字哨兵” under the venue, then scans the code shown with this device or opens its link here.',
  'kiosk.revoked.title': 'This digital sentinel was switched off',
  'kiosk.revoked.body': 'The venue owner revoked this device and it has forgotten its pairing. Pair it again to go on using it.',
  'kiosk.pairFailed': 'This pairing link is not valid. Ask the venue owner for a new one.',
  'kiosk.needsNetwork': 'Open this page once with a network, to confirm the pairing and download the signing keys.',
  'kiosk.serves': 'Serving',
  'kiosk.venueNumber': 'Venue number {number}',
  'kiosk.rule': 'Rule: {rule}',
  'kiosk.aim': 'Hold your Suishenma or paper code up to the camera',
  'kiosk.camera.starting': 'Opening the camera…',
  'kiosk.camera.retrying': 'The camera is unavailable; retrying by itself…',
  'kiosk.camera.denied': 'No camera permission. Allow this page to use the camera in the browser settings.',
  'kiosk.logged': 'Visit logged',
  'kiosk.notLogged': 'Not logged',
  'kiosk.counts': 'This hour: {hourPass} passed · {hourFail} failed   Today: {dayPass} passed · {dayFail} failed',
  'kiosk.sync.pending': { one: '{n} visit waiting to upload', other: '{n} visits waiting to upload' },
  'kiosk.sync.offline': 'Offline: visits are kept on this device and upload when the network returns',
  'kiosk.sync.done': 'All visits uploaded',
  'kiosk.speak.pass': '{name}, pass',
  'kiosk.speak.fail': '{name}, fail',
  'kiosk.speak.refused': 'Cannot check this code. Please show your own Suishenma.',
  'kiosk.id.label': 'ID number (visitors with no code; a card reader works too)',
  'kiosk.id.submit': 'Look up',
  'kiosk.id.checking': 'Looking up…',
  'kiosk.id.invalid': 'This ID number is wrong: it has 18 characters and the last one must check out. Please check it and type it again.',
  'kiosk.id.offline': 'Looking up an ID number needs the network, and this device is offline. Ask the visitor for a Suishenma or paper code.',
  'kiosk.id.unknown': 'No one is registered with this ID number.',
  'kiosk.id.limited': 'Too many lookups; please try again shortly.',
  'kiosk.id.failed': 'The lookup failed; please try again.',
  'kiosk.id.source': 'ID number lookup',
  'kiosk.id.pcrAge': '{hours} h ago',
  'kiosk.failed.code-colour': 'Code colour not allowed',
  'kiosk.failed.pcr-negative': 'PCR does not meet the rule',
  'kiosk.failed.antigen-negative': 'Antigen does not meet the rule',

  'kiosk.owner.title': 'Digital sentinel (数字哨兵)',
  'kiosk.owner.intro':
    'Make a spare phone or tablet the digital sentinel at your entrance: it scans visitors’ Suishenma, paper codes or ID numbers, shows and says whether they pass, and logs each pass as a visit.',
  'kiosk.owner.use': 'Use a device as 数字哨兵',
  'kiosk.owner.label': 'Device name (e.g. east gate tablet)',
  'kiosk.owner.labelRequired': 'Enter a device name (at most 32 characters)',
  'kiosk.owner.create': 'Make a pairing code',
  'kiosk.owner.creating': 'Making…',
  'kiosk.owner.qr': 'Pairing code of the digital sentinel {label}',
  'kiosk.owner.pairHint': 'Scan this code with the device that will be the sentinel, or open the link below on it. It is shown only this once: do not photograph or share it.',
  'kiosk.owner.done': 'Paired',
  'kiosk.owner.list': 'Paired devices',
  'kiosk.owner.none': 'No devices paired yet.',
  'kiosk.owner.lastSeen': 'Last seen {time}',
  'kiosk.owner.neverSeen': 'Not online yet',
  'kiosk.owner.revokedAt': 'Revoked ({time})',
  'kiosk.owner.revoke': 'Revoke',
  'kiosk.owner.revokeConfirm': 'Revoke “{label}”? It will no longer check or log visitors, and would need pairing again.',
  'kiosk.owner.revokeYes': 'Revoke',
  'kiosk.owner.cancel': 'Cancel',
  'kiosk.owner.ruleSet': 'Rule the digital sentinel checks',
  'kiosk.owner.ruleSaved': 'Saved',
} as const satisfies Record<KioskMessageKey, Message>;

/** `t` for the kiosk strings, in the language the app is shown in. */
export function useKioskText(): (key: KioskMessageKey, values?: MessageValues) => string {
  const { language } = useI18n();
  const catalog: Record<KioskMessageKey, Message> = language === 'zh' ? kioskZh : kioskEn;
  return (key, values) => fillMessage(language, catalog[key], values);
}
