// The vocabulary both json benchmarks build their lists from. Names chosen so that every rule of
// the default set fires somewhere: shared data, village certificates, commitments, missing legal
// basis, duplicates (申请表 twice), plain retained forms.
export const NAMES = [
  '居民身份证',
  '居民户口簿',
  '营业执照',
  '申请表',
  '亲属关系证明',
  '无房证明',
  '授权委托书',
  '现场照片',
  '结婚证',
  '收入证明',
  '法定代表人身份证明',
  '建设工程规划许可证',
  '申请表',
  '不动产权证书',
  '承诺书',
  '验收报告',
];
export const ISSUERS = [
  '公安机关',
  '某某村委会',
  '市场监督管理局',
  '申请人',
  '',
  '街道办事处',
  '不动产登记中心',
];
export const BASES = [
  '《中华人民共和国行政许可法》第三十一条',
  '无',
  '《安徽省实施办法》第十二条',
  '',
  '国务院令第412号',
];
