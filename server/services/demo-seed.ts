/**
 * Demo citizens for `npm start`. The citizens are created once; their seeded records are rewritten at
 * every start with times relative to now, so citizen (a) always meets the leave-Shanghai rule and (b)
 * never does, however long ago the database was made. Records users add themselves are left alone.
 */
import type { CodeColour } from '../../core/contract/common.ts';
import { residentId, type IdentityDocument } from '../../core/identity/documents.ts';
import type { Stores } from '../storage/storage.ts';
import { shanghaiDay } from '../../core/shanghai-time.ts';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

interface DemoCitizen {
  id: string;
  phone: string;
  /** As the document writes it: a passport's Latin name in its own letters. */
  name: string;
  document: IdentityDocument;
  colour: CodeColour;
  guardianId: string | null;
  note: { zh: string; en: string };
  pcrHoursAgo: number[];
  antigenHoursAgo: number[];
  doses: number;
  itinerary: { city: string; daysAgo: number; risk: boolean }[];
}

export const demoCitizens: readonly DemoCitizen[] = [
  {
    id: 'demo-a',
    phone: '13800000001',
    name: '张小三',
    document: residentId('310101199001011234'),
    colour: 'green',
    guardianId: null,
    note: { zh: '符合离沪要求', en: 'Meets the leave-Shanghai rule' },
    pcrHoursAgo: [20, 68, 140],
    antigenHoursAgo: [3],
    doses: 3,
    itinerary: [
      { city: '上海市', daysAgo: 0, risk: false },
      { city: '苏州市', daysAgo: 5, risk: true },
      { city: '杭州市', daysAgo: 9, risk: false },
    ],
  },
  {
    id: 'demo-b',
    phone: '13800000002',
    name: '李四海',
    document: residentId('310104198502023457'),
    colour: 'green',
    guardianId: null,
    note: { zh: '核酸已超48小时', en: 'PCR older than 48 h' },
    pcrHoursAgo: [60, 130],
    antigenHoursAgo: [30],
    doses: 2,
    itinerary: [{ city: '上海市', daysAgo: 0, risk: false }],
  },
  {
    id: 'demo-c',
    phone: '13800000003',
    name: '王五',
    document: residentId('310105197803035672'),
    colour: 'yellow',
    guardianId: null,
    note: { zh: '黄码', en: 'Yellow code' },
    pcrHoursAgo: [100],
    antigenHoursAgo: [],
    doses: 2,
    itinerary: [
      { city: '上海市', daysAgo: 0, risk: false },
      { city: '吉林市', daysAgo: 11, risk: true },
    ],
  },
  {
    id: 'demo-d',
    phone: '13800000004',
    name: '赵六六',
    document: residentId('310106196604047891'),
    colour: 'red',
    guardianId: null,
    note: { zh: '红码', en: 'Red code' },
    pcrHoursAgo: [30],
    antigenHoursAgo: [10],
    doses: 3,
    itinerary: [{ city: '上海市', daysAgo: 0, risk: false }],
  },
  {
    id: 'demo-e',
    phone: '13800000005',
    name: '陈七',
    document: residentId('310107200005052344'),
    colour: 'green',
    guardianId: null,
    note: { zh: '未接种疫苗', en: 'Not vaccinated' },
    pcrHoursAgo: [40],
    antigenHoursAgo: [],
    doses: 0,
    itinerary: [],
  },
  {
    id: 'demo-f',
    phone: '13800000006',
    name: '张阿婆',
    document: residentId('310101194206064564'),
    colour: 'green',
    guardianId: 'demo-a',
    note: { zh: '老人，张*三的家人', en: 'Elderly, family of 张*三' },
    pcrHoursAgo: [26],
    antigenHoursAgo: [],
    doses: 2,
    itinerary: [{ city: '上海市', daysAgo: 0, risk: false }],
  },
  // Holders of other documents (core/identity/): in April 2022 随申码 was issued to foreign residents by
  // passport and to Hong Kong and Macao residents by their 回乡证 too.
  {
    id: 'demo-g',
    phone: '13800000007',
    // The passport testing/mrz-documents.ts draws first: the kiosk's MRZ reader finds her.
    name: 'SMITH OLIVIA ROSE',
    document: { type: 'passport', number: '925076473', country: 'GBR' },
    colour: 'green',
    guardianId: null,
    note: { zh: '外籍居民，凭护照', en: 'Foreign resident, by passport' },
    pcrHoursAgo: [18, 66],
    antigenHoursAgo: [],
    doses: 2,
    itinerary: [{ city: '上海市', daysAgo: 0, risk: false }],
  },
  {
    id: 'demo-h',
    phone: '13800000008',
    name: '陈嘉欣',
    document: { type: 'hk-macau-permit', number: 'H60123478' },
    colour: 'green',
    guardianId: null,
    note: { zh: '香港居民，凭回乡证', en: 'Hong Kong resident, by Home Return Permit' },
    pcrHoursAgo: [30],
    antigenHoursAgo: [5],
    doses: 3,
    itinerary: [
      { city: '上海市', daysAgo: 0, risk: false },
      { city: '深圳市', daysAgo: 6, risk: false },
    ],
  },
];

const manufacturers = ['北京科兴中维', '北京生物', '北京科兴中维'];
const sites = ['徐汇区斜土街道社区卫生服务中心', '徐汇区斜土街道社区卫生服务中心', '黄浦区外滩街道接种点'];

export async function seedDemo({ citizens, records }: Pick<Stores, 'citizens' | 'records'>, now = Date.now()): Promise<void> {
  for (const [order, citizen] of demoCitizens.entries()) {
    await citizens.upsert({
      id: citizen.id,
      phone: citizen.phone,
      name: citizen.name,
      document: citizen.document,
      colour: citizen.colour,
      colourSince: new Date(now - 2 * day).toISOString(),
      guardianId: citizen.guardianId,
      demo: { order: order + 1, note: citizen.note },
    });
    for (let dose = 1; dose <= citizen.doses; dose++) {
      await records.putVaccination(citizen.id, {
        id: `${citizen.id}-dose-${dose}`,
        dose,
        date: shanghaiDay(now - (400 - dose * 60) * day),
        manufacturer: manufacturers[dose - 1] ?? '北京生物',
        site: sites[dose - 1] ?? '徐汇区斜土街道社区卫生服务中心',
      });
    }
    for (const [index, hoursAgo] of citizen.pcrHoursAgo.entries()) {
      const sampledAt = now - hoursAgo * hour;
      await records.putPcrTest(citizen.id, {
        id: `${citizen.id}-pcr-${index + 1}`,
        sampledAt: new Date(sampledAt).toISOString(),
        reportedAt: new Date(sampledAt + 9 * hour > now ? now : sampledAt + 9 * hour).toISOString(),
        result: 'negative',
        institution: '上海市徐汇区中心医院',
      });
    }
    for (const [index, hoursAgo] of citizen.antigenHoursAgo.entries()) {
      const testedAt = new Date(now - hoursAgo * hour).toISOString();
      await records.putAntigenTest(
        citizen.id,
        { id: `${citizen.id}-antigen-${index + 1}`, testedAt, result: 'negative', kit: '万孚', lot: 'W2022031', trust: 'self-verified' },
        testedAt,
      );
    }
    for (const [index, stop] of citizen.itinerary.entries()) {
      await records.putItineraryStop(citizen.id, {
        id: `${citizen.id}-stop-${index + 1}`,
        city: stop.city,
        date: shanghaiDay(now - stop.daysAgo * day),
        risk: stop.risk,
      });
    }
  }
}
