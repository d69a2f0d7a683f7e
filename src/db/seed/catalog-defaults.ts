/**
 * A starting catalogue for a new estate: the categories a desk picks from and a price list in
 * the shape of 有偿维修服务项目表及收费标准 (R-PAY-1). Prices are examples an estate edits.
 */
export const DEFAULT_CATEGORIES: { code: string; name: string; kinds: string[]; specialty: string }[] = [
  { code: 'WATER', name: '给排水（漏水、堵塞、水压）', kinds: ['repair', 'warranty'], specialty: 'water' },
  { code: 'ELEC', name: '电气（停电、跳闸、照明）', kinds: ['repair', 'warranty'], specialty: 'electricity' },
  { code: 'LIFT', name: '电梯', kinds: ['repair', 'complaint'], specialty: 'lift' },
  { code: 'GAS', name: '燃气', kinds: ['repair'], specialty: 'gas' },
  { code: 'DOOR', name: '门窗、门禁、锁具', kinds: ['repair', 'warranty'], specialty: 'door_window' },
  { code: 'CIVIL', name: '土建（墙面、地面、渗漏）', kinds: ['repair', 'warranty'], specialty: 'civil' },
  { code: 'PUBLIC', name: '公共设施', kinds: ['repair', 'inspection'], specialty: 'public_facility' },
  { code: 'CLEAN', name: '环境卫生', kinds: ['complaint', 'inspection', 'help'], specialty: 'service' },
  { code: 'SECURITY', name: '安全秩序', kinds: ['complaint', 'help', 'inspection'], specialty: 'service' },
  { code: 'ATTITUDE', name: '服务态度', kinds: ['complaint'], specialty: 'service' },
  { code: 'PARKING', name: '停车管理', kinds: ['complaint', 'inquiry', 'suggestion'], specialty: 'service' },
  { code: 'FEE', name: '收费咨询', kinds: ['inquiry', 'complaint'], specialty: 'service' },
  { code: 'OTHER', name: '其他', kinds: [], specialty: 'general' },
];

export const DEFAULT_PRICE_ITEMS: { code: string; name: string; unit: string; priceCents: number; labourOnly: boolean }[] = [
  { code: 'P001', name: '更换水龙头', unit: '个', priceCents: 3000, labourOnly: true },
  { code: 'P002', name: '疏通下水道（户内）', unit: '次', priceCents: 8000, labourOnly: true },
  { code: 'P003', name: '更换角阀', unit: '个', priceCents: 2500, labourOnly: true },
  { code: 'P004', name: '更换开关/插座面板', unit: '个', priceCents: 1500, labourOnly: true },
  { code: 'P005', name: '更换灯具', unit: '套', priceCents: 3000, labourOnly: true },
  { code: 'P006', name: '检修户内线路', unit: '次', priceCents: 5000, labourOnly: true },
  { code: 'P007', name: '更换门锁锁芯', unit: '个', priceCents: 4000, labourOnly: true },
  { code: 'P008', name: '马桶水箱配件更换', unit: '套', priceCents: 3500, labourOnly: true },
  { code: 'P009', name: '安装晾衣架', unit: '套', priceCents: 6000, labourOnly: true },
  { code: 'P010', name: '热水器安装', unit: '台', priceCents: 10000, labourOnly: true },
];
