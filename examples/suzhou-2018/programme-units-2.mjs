// The programme's other units, part 2 of 2 (programme-units.mjs).

export const PROGRAMME_UNITS_2 = [
  {
    name: '市烟草专卖局',
    layout: 'flat',
    items: [
      ['烟草专卖零售许可证新办', '行政许可', 'tobacco'],
      ['烟草专卖零售许可证延续', '行政许可', 'tobacco', 'renew'],
      ['烟草专卖零售许可证变更', '行政许可', 'tobacco', 'change'],
      ['烟草专卖零售许可证停业', '行政许可', 'tobaccoPause'],
      ['烟草专卖零售许可证歇业', '行政许可', 'tobacco', 'cancel'],
      ['烟草专卖零售许可证补办', '行政许可', 'tobacco', 'replace'],
    ],
  },
  {
    name: '市邮政管理局',
    layout: 'footers',
    items: [
      ['快递业务经营许可', '行政许可', 'courier'],
      ['快递业务经营许可变更', '行政许可', 'courier', 'change'],
      ['快递末端网点备案', '行政备案', 'courierPoint'],
      ['邮政普遍服务营业场所撤销审批', '行政许可', 'postOffice'],
    ],
  },
  {
    name: '市外事侨务办公室',
    layout: 'no-proposal',
    items: [
      ['因公出国（境）审批', '行政许可', 'officialTrip'],
      ['华侨回国定居审批', '行政许可', 'overseasReturn'],
      ['归侨侨眷身份确认', '行政确认', 'returnedChinese'],
      ['外国人来宿邀请函件办理', '公共服务', 'invitation'],
    ],
  },
  {
    name: '市人民政府台湾事务办公室',
    layout: 'minimal',
    items: [
      ['台湾同胞投资企业确认', '行政确认', 'taiwanInvest'],
      ['台胞台属身份确认', '行政确认', 'taiwanFamily'],
    ],
  },
  {
    name: '市红十字会',
    layout: 'minimal',
    items: [
      ['遗体（角膜）捐献登记', '公共服务', 'bodyDonation'],
      ['造血干细胞捐献者登记', '公共服务', 'stemCell'],
      ['人道救助申请', '行政给付', 'redCrossAid'],
    ],
  },
  {
    name: '市科学技术协会',
    layout: 'minimal',
    items: [
      ['科普教育基地认定', '行政确认', 'scienceBase'],
      ['市级学会成立审查', '其他行政权力', 'societyReview'],
    ],
  },
  {
    name: '市总工会',
    layout: 'no-proposal',
    items: [
      ['基层工会法人资格登记', '行政确认', 'unionReg'],
      ['困难职工帮扶救助', '行政给付', 'workerAid'],
      ['职工法律援助申请', '公共服务', 'workerLegalAid'],
      ['金秋助学', '行政给付', 'unionStudentAid'],
    ],
  },
  {
    name: '共青团宿州市委员会',
    layout: 'minimal',
    items: [
      ['青年志愿者注册', '公共服务', 'volunteer'],
      ['希望工程助学申请', '行政给付', 'hopeProject'],
    ],
  },
  {
    name: '市妇女联合会',
    layout: 'minimal',
    items: [
      ['贫困母亲救助', '行政给付', 'motherAid'],
      ['妇女儿童维权投诉', '公共服务', 'womenRights'],
    ],
  },
  {
    name: '市供销合作社',
    layout: 'minimal',
    items: [
      ['基层供销合作社设立审核', '其他行政权力', 'coopShop'],
      ['农资连锁经营网点备案', '行政备案', 'farmSupply'],
    ],
  },
  {
    name: '市公安消防支队',
    layout: 'police',
    items: [
      ['公众聚集场所投入使用、营业前消防安全检查', '行政许可', 'fireCheck'],
      ['建设工程消防验收', '行政许可', 'fireAcceptance'],
      ['建设工程竣工验收消防备案', '行政备案', 'fireFiling'],
      ['大型群众性活动消防安全检查', '行政许可', 'eventFire'],
      ['建设工程消防设计审核', '行政许可', 'fireDesignReview'],
      ['消防技术服务机构资质初审', '行政许可', 'fireServiceQual'],
    ],
  },
  {
    name: '市地方税务局',
    layout: 'flat',
    items: [
      ['发票领用', '公共服务', 'invoice'],
      ['税收优惠备案', '行政备案', 'taxRelief'],
      ['纳税人存款账户账号报告', '公共服务', 'taxAccount'],
      ['退（抵）税申请', '行政给付', 'taxRefund'],
      ['个人所得税完税证明开具', '公共服务', 'taxProof'],
      ['延期申报核准', '行政许可', 'taxDelay'],
      ['房产税、城镇土地使用税困难减免', '行政确认', 'propertyTaxRelief'],
      ['契税申报', '公共服务', 'deedTax'],
      ['注销税务登记', '行政确认', 'taxDeregister'],
      ['跨区域涉税事项报告', '公共服务', 'crossRegionTax'],
    ],
  },
  {
    name: '市地震局',
    layout: 'minimal',
    items: [
      ['建设工程抗震设防要求确定', '行政许可', 'quakeDesign'],
      ['地震监测设施和观测环境保护范围内建设工程审核', '行政许可', 'quakeStation'],
    ],
  },
  {
    name: '市机构编制委员会办公室',
    layout: 'two-row',
    items: [
      ['事业单位法人设立登记', '行政许可', 'publicInst'],
      ['事业单位法人变更登记', '行政许可', 'publicInst', 'change'],
      ['事业单位法人注销登记', '行政许可', 'publicInst', 'cancel'],
      ['事业单位法人年度报告公示', '公共服务', 'publicInstReport'],
      ['事业单位法人证书补领', '公共服务', 'publicInst', 'replace'],
    ],
  },
  {
    name: '市人民政府法制办公室',
    layout: 'aliases',
    items: [
      ['行政复议申请受理', '行政裁决', 'adminReview'],
      ['行政执法证件申领', '其他行政权力', 'lawEnforcementCard'],
      ['规范性文件备案审查建议受理', '公共服务', 'normReview'],
    ],
  },
  {
    name: '市信访局',
    layout: 'minimal',
    items: [
      ['信访事项受理', '公共服务', 'petition'],
      ['信访事项复查', '其他行政权力', 'petitionReview'],
    ],
  },
  {
    name: '市人民政府金融工作办公室',
    layout: 'rich',
    items: [
      ['小额贷款公司设立初审', '行政许可', 'microLoan'],
      ['小额贷款公司变更初审', '行政许可', 'microLoan', 'change'],
      ['融资担保公司设立初审', '行政许可', 'guaranteeCo'],
      ['企业上市挂牌奖励', '行政奖励', 'listingReward'],
    ],
  },
  {
    name: '市人民政府国有资产监督管理委员会',
    layout: 'minimal',
    items: [
      ['国有产权登记', '行政确认', 'stateAssetReg'],
      ['国有资产评估项目备案', '行政备案', 'assetValuation'],
    ],
  },
  {
    name: '市农业机械管理局',
    layout: 'sheet-name',
    items: [
      ['联合收割机跨区作业证发放', '公共服务', 'crossHarvest'],
      ['农业机械事故责任认定', '行政确认', 'machineAccident'],
      ['农机专业合作社认定', '行政确认', 'machineCoop'],
    ],
  },
  {
    name: '市扶贫开发工作办公室',
    layout: 'minimal',
    items: [
      ['扶贫小额信贷贴息', '行政给付', 'povertyLoan'],
      ['雨露计划职业教育补助', '行政给付', 'rainDew'],
      ['贫困户产业发展补助', '行政给付', 'povertyIndustry'],
      ['扶贫龙头企业认定', '行政确认', 'povertyLeader'],
    ],
  },
  {
    name: '市老龄工作委员会办公室',
    layout: 'minimal',
    items: [
      ['老年人优待证办理', '公共服务', 'seniorCard'],
      ['百岁老人长寿补贴', '行政给付', 'centenarian'],
    ],
  },
  {
    name: '市公路管理局',
    layout: 'footers',
    items: [
      ['公路建筑控制区内埋设管线审批', '行政许可', 'roadPipe'],
      ['跨越、穿越公路修建桥梁等设施审批', '行政许可', 'roadCross'],
      ['公路增设平面交叉道口审批', '行政许可', 'roadJunction'],
      ['超限车辆通行公路桥梁审批', '行政许可', 'bridgePass'],
      ['路产损坏赔（补）偿', '其他行政权力', 'roadRescue'],
    ],
  },
  {
    name: '市港航管理局',
    layout: 'no-proposal',
    items: [
      ['船舶进出港报告', '公共服务', 'shipReport'],
      ['港口岸线使用审核', '行政许可', 'shoreline'],
      ['内河船舶船员培训许可初审', '行政许可', 'crewTraining'],
      ['港口设施保安证书核发初审', '行政许可', 'harbourWork'],
    ],
  },
  {
    name: '市道路运输管理局',
    layout: 'flat',
    items: [
      ['道路运输驾驶员继续教育', '公共服务', 'driverEducation'],
      ['机动车驾驶员培训教练车审验', '行政确认', 'coachCar'],
      ['道路客运班线变更', '行政许可', 'routeChange'],
      ['包车客运标志牌核发', '行政许可', 'charterSign'],
      ['客运站站级核定', '行政确认', 'busStationGrade'],
    ],
  },
  {
    name: '市殡葬管理所',
    layout: 'minimal',
    items: [
      ['遗体火化', '公共服务', 'cremation'],
      ['骨灰寄存', '公共服务', 'ashes'],
      ['惠民殡葬基本服务费减免', '行政给付', 'funeralRelief'],
    ],
  },
  {
    name: '市社会福利院',
    layout: 'minimal',
    items: [
      ['特困人员集中供养入院', '公共服务', 'welfareHome'],
      ['社会老人自费入住', '公共服务', 'nursingStay'],
    ],
  },
];
