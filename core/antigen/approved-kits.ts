import type { ApprovedKit } from '../contract/antigen.ts';
import { kitTemplates } from './kit-templates.ts';

/**
 * The approved-kit list the server starts with, served at GET /api/antigen-kits and cached by the app for
 * offline use. Makers are those whose self-test kits were approved in China in March–April 2022; the
 * GTINs are made up for this reference deployment (valid check digits, the 690–699 prefix of GS1 China)
 * and are replaced by the real list from the regulator's data in a real deployment.
 *
 * Each carries its cassette's template (kit-templates.ts). The first five stand for their makers' kits with
 * the project's generated cassette (the photos the tests draw); the six after them are the real makes of
 * the development photos (testing/images/real-kits/), under made-up GTINs, so that a photo of one of those
 * cassettes is read against its own geometry.
 */
const generated = kitTemplates.generated;
const real = (make: string) => kitTemplates[make];

export const defaultApprovedKits: readonly ApprovedKit[] = [
  { gtin: '06901234567892', product: '新型冠状病毒抗原检测试剂盒（胶体金法）', maker: '广州万孚生物技术股份有限公司', template: generated },
  { gtin: '06920000000012', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（乳胶法）', maker: '北京金沃夫生物工程科技有限公司', template: generated },
  { gtin: '06930000000011', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（胶体金法）', maker: '深圳华大因源医药科技有限公司', template: generated },
  { gtin: '06940000000010', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（胶体金法）', maker: '北京华科泰生物技术股份有限公司', template: generated },
  { gtin: '06950000000019', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（免疫层析法）', maker: '杭州奥泰生物技术股份有限公司', template: generated },
  { gtin: '06960000000018', product: '2019-nCoV IgG/IgM rapid test cassette', maker: 'AllTest (RDTScan reference photo)', template: real('alltest') },
  { gtin: '06960000000025', product: '2019-nCoV IgG/IgM rapid test cassette (phone photo)', maker: 'AllTest design (RDTScan phone photo)', template: real('ncov-phone') },
  { gtin: '06960000000032', product: 'COVID-19 IgG/IgM rapid test cassette (narrow, 1:5)', maker: 'Greenspring (RDTScan reference photo)', template: real('greenspring') },
  { gtin: '06960000000049', product: 'COVID-19 IgG/IgM rapid test cassette', maker: 'Realy Tech (RDTScan reference photo)', template: real('realytech') },
  { gtin: '06960000000056', product: 'COVID-19 antigen rapid test cassette', maker: 'JOYSBIO (RDTScan reference photo)', template: real('joysbio') },
  { gtin: '06960000000063', product: 'COVID-19 antigen rapid test cassette (landscape)', maker: 'RedPharm (RDTScan reference photo)', template: real('redpharm') },
];

/** The GTIN under which each real make of the development photos is approved here. */
export const realKitGtins: Record<string, string> = {
  alltest: '06960000000018',
  'ncov-phone': '06960000000025',
  greenspring: '06960000000032',
  realytech: '06960000000049',
  joysbio: '06960000000056',
  redpharm: '06960000000063',
};
