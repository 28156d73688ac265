import type { ApprovedKit } from '../contract/antigen.ts';

/**
 * The approved-kit list the server starts with, served at GET /api/antigen-kits and cached by the app for
 * offline use. Makers are those whose self-test kits were approved in China in March–April 2022; the
 * GTINs are made up for this reference deployment (valid check digits, the 690–699 prefix of GS1 China)
 * and are replaced by the real list from the regulator's data in a real deployment.
 */
export const defaultApprovedKits: readonly ApprovedKit[] = [
  { gtin: '06901234567892', product: '新型冠状病毒抗原检测试剂盒（胶体金法）', maker: '广州万孚生物技术股份有限公司' },
  { gtin: '06920000000012', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（乳胶法）', maker: '北京金沃夫生物工程科技有限公司' },
  { gtin: '06930000000011', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（胶体金法）', maker: '深圳华大因源医药科技有限公司' },
  { gtin: '06940000000010', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（胶体金法）', maker: '北京华科泰生物技术股份有限公司' },
  { gtin: '06950000000019', product: '新型冠状病毒（2019-nCoV）抗原检测试剂盒（免疫层析法）', maker: '杭州奥泰生物技术股份有限公司' },
];
