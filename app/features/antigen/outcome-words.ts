/**
 * Why a self-test was refused or sent to review, in plain words: a short title and one next step, in
 * Chinese and English, for every refusal code the server answers an upload with and every reason the strip
 * reader gives. Both languages sit here (not in the main catalogs) so that the antigen tab loads them only
 * when it has something to explain; the codes behind them stay available as `detail` for staff.
 */
import type { AntigenRefusal, AntigenResult, StripReason } from '../../../core/contract/antigen.ts';
import type { StripResult } from '../../../core/antigen/strip-reader.ts';
import type { Language } from '../../i18n/messages.ts';

export interface Words {
  title: string;
  next: string;
}
export type Bilingual = Record<Language, Words>;

const words = (zhTitle: string, zhNext: string, enTitle: string, enNext: string): Bilingual => ({
  zh: { title: zhTitle, next: zhNext },
  en: { title: enTitle, next: enNext },
});

const scanFirst = words('认不出是哪种试剂盒', '请先扫描试剂盒上的条码，再拍检测卡', 'We couldn’t tell which kit this is', 'Scan the barcode on the kit box first, then photograph the cassette');

export const refusalWords: Record<AntigenRefusal, Bilingual> = {
  kit_unknown: words('试剂盒不在备案名单中', '请扫描试剂盒上的条码；仍不行请换一盒已备案的试剂', 'This kit is not on the approved list', 'Scan the barcode on the kit box; if it still fails, use an approved kit'),
  kit_expired: words('试剂盒已过期', '请换一盒未过期的试剂重新检测', 'This kit had expired', 'Test again with a kit that has not expired'),
  kit_serial_used: words('这个试剂盒已用过', '一个试剂盒只能上传一次结果，请用新的试剂盒检测', 'This kit was already used', 'One kit gives one result — test again with a new kit'),
  photo_reused: words('照片已用过', '这张照片已用于一次检测，请为这次检测重新拍一张', 'This photo was already used for a test', 'Take a new photo of this test'),
  invalid_body: words('填写的内容有误', '请核对检测时间和试剂盒条码后重新上传', 'Something on the form was not right', 'Check the test time and the kit barcode, then upload again'),
  unsupported_media_type: words('照片无法读取', '请重新拍一张检测卡照片后上传', 'The photo could not be read', 'Take a new photo of the cassette and upload again'),
  bad_request: words('上传未被接收', '请重新填写并上传', 'The upload was not accepted', 'Fill in the form again and upload it'),
};

export const readerWords: Record<StripReason, Bilingual> = {
  'no-cassette': words('没看到检测卡', '把检测卡平放在素色桌面上，占满取景框，再拍一次', 'We couldn’t find the cassette', 'Lay the cassette flat on a plain table, fill the frame, and try again'),
  'cassette-shape': words('没看到试剂盒窗口', '把检测卡平放，占满取景框，再拍一次', 'We couldn’t find the test window', 'Lay the cassette flat, fill the frame, and try again'),
  'well-end': words('分不清检测卡的方向', '把整张检测卡拍进来，包括圆形加样孔那一端', 'We couldn’t tell which way the cassette lies', 'Show the whole cassette, including the end with the round sample well'),
  'no-reference': words('这种试剂盒暂不能自动识别', '照常上传即可，工作人员会查看照片', 'This kit cannot be read automatically yet', 'Upload as usual; a reviewer will check the photo'),
  'not-this-kit': words('检测卡与扫描的试剂盒不符', '请扫描这盒试剂的条码，并拍同一盒里的检测卡', 'The cassette does not match the kit scanned', 'Scan this kit’s barcode and photograph the cassette from the same box'),
  'stray-colour': words('检测窗口里有杂色', '在光线均匀处正对检测卡重拍，避开反光和阴影', 'There are marks in the test window', 'Retake in even light from straight above, without glare or shadow'),
  't-without-c': words('没有 C 线，检测无效', '没有 C 线的检测无效，请用新的试剂盒重新检测', 'No C line: the test is invalid', 'A test without a C line is invalid — test again with a new kit'),
  'faint-t': words('T 线很淡，看不清', '在明亮处重拍；只要看得到 T 线，就请按阳性处理', 'The T line is too faint to read', 'Retake in bright light; if you can see any T line, treat it as positive'),
  'no-line': words('没看到检测线', '到说明书规定的时间后，在明亮处重拍', 'We couldn’t see any line', 'Wait the time the kit’s leaflet says, then retake in bright light'),
  clutter: words('窗口附近颜色太杂', '把检测卡放在素色桌面上重拍', 'Too many marks around the window', 'Put the cassette on a plain surface and retake'),
  'marks-apart': words('认不出检测线', '靠近一点，正对检测卡重拍', 'We couldn’t make out the lines', 'Come a little closer and retake from straight above'),
  'one-line': words('只看到一条线，分不清是 C 还是 T', '请先扫描试剂盒上的条码，再拍检测卡', 'One line, and we can’t tell C from T', 'Scan the barcode on the kit box first, then photograph the cassette'),
  'no-kit-matches': scanFirst,
  'kits-disagree': scanFirst,
  'not-drawn': words('照片打不开', '请重新拍照，或换一张照片', 'The photo could not be opened', 'Take the photo again, or choose another'),
};

export const reviewWords = {
  review: words('待人工复核', '工作人员会查看您的照片，复核前不计入离沪等核验', 'Waiting for a reviewer', 'A reviewer will check your photo; your code does not change until then'),
  disagrees: words('照片与所选结果不一致', '请核对所选结果；结果按您选择的保存，待人工复核', 'The photo shows another result', 'Check the result you chose; it is kept as chosen and a reviewer will look'),
} satisfies Record<string, Bilingual>;

/** The label of the toggle that shows the technical detail behind the words, for staff. */
export const detailsLabel: Record<Language, string> = { zh: '详情', en: 'Details' };

export interface Explained {
  words: Bilingual;
  /** What the server or the reader said, for staff. */
  detail: string;
}

// Keyed by the contract's list (a Record of it), so the words themselves say which codes are the antigen checks'.
const isRefusal = (code: string): code is AntigenRefusal => Object.hasOwn(refusalWords, code);

/** An upload the server refused, as the outbox keeps it (`code: message`). A code not of the antigen checks reads as not accepted. */
export function explainRefusal(rejected: string): Explained & { code: AntigenRefusal } {
  const code = rejected.split(':', 1)[0]?.trim() ?? '';
  const known = isRefusal(code) ? code : 'bad_request';
  return { code: known, words: refusalWords[known], detail: rejected };
}

/**
 * What the reader's opinion means for an upload with `declared`: null when the strip agrees (it will be
 * verified) or nothing is declared yet to compare; otherwise why it will wait for a reviewer.
 */
export function explainReading(reading: StripResult, declared: AntigenResult | null): Explained | null {
  const detail = [reading.reason, reading.detail, `C ${strength(reading.control)} T ${strength(reading.test)}`].filter(Boolean).join(' · ');
  if (reading.result === 'unreadable') return { words: reading.reason ? readerWords[reading.reason] : reviewWords.review, detail };
  if (declared === null || reading.result === declared) return null;
  // A strip read as invalid because it has T without C says so; any other difference is the citizen's to check.
  return { words: reading.reason ? readerWords[reading.reason] : reviewWords.disagrees, detail };
}

const strength = (value: number | null) => (value === null ? '–' : value.toFixed(3));
