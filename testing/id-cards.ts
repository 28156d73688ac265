/**
 * Cards to place on the test reader (testing/fake-serial-port.ts): the demo citizens' own resident ID cards,
 * so a card read at the kiosk looks up someone the demo server knows, and one card of each other layout.
 */
import type { ForeignCardText, ResidentCardText } from '../app/card-reader/card-text.ts';

/** 张阿婆, the demo dependant with no smartphone: the person a card reader at the door is for. */
export const grandmaCard: ResidentCardText = {
  kind: 'resident-id',
  name: '张阿婆',
  sex: 'female',
  nation: { code: '01', zh: '汉', en: 'Han' },
  birthDate: '1942-06-06',
  address: '上海市黄浦区南京东路100弄3号',
  idNumber: '310101194206064564',
  issuer: '上海市公安局黄浦分局',
  validFrom: '2012-03-01',
  validUntil: null,
  permitNumber: null,
  issueCount: null,
};

/** 王五, whose code is yellow: a card that reads fine and a visitor who does not pass. */
export const wangCard: ResidentCardText = {
  ...grandmaCard,
  name: '王五',
  sex: 'male',
  birthDate: '1978-03-03',
  address: '上海市长宁区天山路1号',
  idNumber: '310105197803035672',
  issuer: '上海市公安局长宁分局',
  validFrom: '2018-05-20',
  validUntil: '2038-05-20',
};

export const foreignCard: ForeignCardText = {
  kind: 'foreign-permanent-resident',
  englishName: 'SMITH, JOHN WILLIAM',
  chineseName: '史密斯',
  sex: 'male',
  number: 'USA310080123459',
  nationality: 'USA',
  birthDate: '1980-01-23',
  validFrom: '2018-03-01',
  validUntil: '2028-03-01',
  version: '2017',
};
