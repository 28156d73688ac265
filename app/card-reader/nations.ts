/**
 * The 民族 codes a resident ID card stores (GB 3304: 01–56, 97 other, 98 foreign-born Chinese citizen), with
 * the Chinese name printed on the card and the standard's romanisation, for the English screen.
 */
const names: readonly (readonly [string, string])[] = [
  ['汉', 'Han'], ['蒙古', 'Mongol'], ['回', 'Hui'], ['藏', 'Zang'], ['维吾尔', 'Uygur'], ['苗', 'Miao'], ['彝', 'Yi'],
  ['壮', 'Zhuang'], ['布依', 'Buyei'], ['朝鲜', 'Chosen'], ['满', 'Man'], ['侗', 'Dong'], ['瑶', 'Yao'], ['白', 'Bai'],
  ['土家', 'Tujia'], ['哈尼', 'Hani'], ['哈萨克', 'Kazak'], ['傣', 'Dai'], ['黎', 'Li'], ['傈僳', 'Lisu'], ['佤', 'Va'],
  ['畲', 'She'], ['高山', 'Gaoshan'], ['拉祜', 'Lahu'], ['水', 'Sui'], ['东乡', 'Dongxiang'], ['纳西', 'Naxi'],
  ['景颇', 'Jingpo'], ['柯尔克孜', 'Kirgiz'], ['土', 'Tu'], ['达斡尔', 'Daur'], ['仫佬', 'Mulao'], ['羌', 'Qiang'],
  ['布朗', 'Blang'], ['撒拉', 'Salar'], ['毛南', 'Maonan'], ['仡佬', 'Gelao'], ['锡伯', 'Xibe'], ['阿昌', 'Achang'],
  ['普米', 'Pumi'], ['塔吉克', 'Tajik'], ['怒', 'Nu'], ['乌孜别克', 'Uzbek'], ['俄罗斯', 'Russ'], ['鄂温克', 'Ewenki'],
  ['德昂', 'Deang'], ['保安', 'Bonan'], ['裕固', 'Yugur'], ['京', 'Gin'], ['塔塔尔', 'Tatar'], ['独龙', 'Derung'],
  ['鄂伦春', 'Oroqen'], ['赫哲', 'Hezhen'], ['门巴', 'Monba'], ['珞巴', 'Lhoba'], ['基诺', 'Jino'],
];

export interface Nation {
  code: string;
  zh: string;
  en: string;
}

/** The nation a two-digit code names, or null for a code the standard does not have. */
export function nationByCode(code: string): Nation | null {
  if (!/^\d{2}$/.test(code)) return null;
  const number = Number(code);
  if (number === 97) return { code, zh: '其他', en: 'Other' };
  if (number === 98) return { code, zh: '外国血统中国籍人士', en: 'Chinese citizen of foreign origin' };
  const entry = names[number - 1];
  return entry ? { code, zh: entry[0], en: entry[1] } : null;
}
