import type { Queryable } from '../client.js';
import { type BuiltEstate, type EstateSpec, buildEstate } from './estate-builder.js';

export const DEMO_PASSWORD = 'demo1234';

/** One login per role, as listed in the README. */
export const DEMO_LOGINS = [
  { username: 'reception', role: 'receptionist', label: '客服接待员' },
  { username: 'night', role: 'night_duty', label: '夜间值班' },
  { username: 'dispatcher', role: 'dispatcher', label: '工程部调度/班长' },
  { username: 'tech1', role: 'technician', label: '维修工（工程部）' },
  { username: 'tech2', role: 'technician', label: '维修工（工程部）' },
  { username: 'guard1', role: 'technician', label: '保安员（保安部）' },
  { username: 'supervisor', role: 'supervisor', label: '客服主管' },
  { username: 'engmgr', role: 'engineering_manager', label: '工程部经理' },
  { username: 'pm', role: 'project_manager', label: '项目经理' },
  { username: 'finance', role: 'finance', label: '财务' },
  { username: 'quality', role: 'quality_officer', label: '集团品质管理（全部项目）' },
  { username: 'hotline', role: 'hotline_officer', label: '总经理热线专员（全部项目）' },
  { username: 'admin', role: 'admin', label: '系统管理员（全部项目）' },
  { username: 'resident', role: 'resident', label: '业户 张先生（1-1-101）' },
] as const;

function unitsOf(building: number, entrances: number, floors: number, perFloor: number) {
  const out: { code: string; entrance: string; floor: number; room: string }[] = [];
  for (let e = 1; e <= entrances; e++)
    for (let f = 1; f <= floors; f++)
      for (let r = 1; r <= perFloor; r++) {
        const room = `${f}${String(r).padStart(2, '0')}`;
        out.push({ code: `${building}-${e}-${room}`, entrance: String(e), floor: f, room });
      }
  return out;
}

/** 阳光花园: a small but complete estate for the demo and for trying things out. */
export const demoEstateSpec = (code = 'YH', name = '阳光花园', prefix = 'YH', loginSuffix = ''): EstateSpec => ({
  code,
  name,
  casePrefix: prefix,
  households: 360,
  catalog: true,
  buildings: [1, 2, 3].map((b) => ({ code: String(b), name: `${b}号楼`, units: unitsOf(b, 2, 15, 4) })).concat([
    { code: 'P', name: '公共区域', units: [] },
  ]),
  departments: [
    { code: 'CS', name: '客服部' },
    { code: 'ENG', name: '工程部' },
    { code: 'SEC', name: '保安部' },
    { code: 'CLN', name: '保洁部' },
  ],
  residents: [
    { unit: '1-1-101', name: '张先生', relation: 'owner', phones: ['13800000001'], login: `resident${loginSuffix}` },
    { unit: '1-1-101', name: '李女士', relation: 'family', phones: ['13800000002'] },
    { unit: '2-1-502', name: '王先生', relation: 'owner', phones: ['13900000003', '02088886666'] },
    { unit: '3-2-1203', name: '陈女士', relation: 'tenant', phones: ['13700000004'] },
  ],
  staff: [
    { username: `reception${loginSuffix}`, displayName: '刘晓燕', roles: ['receptionist'], department: 'CS' },
    { username: `night${loginSuffix}`, displayName: '周强', roles: ['night_duty'], department: 'CS' },
    { username: `dispatcher${loginSuffix}`, displayName: '赵建国', roles: ['dispatcher'], department: 'ENG' },
    { username: `tech1${loginSuffix}`, displayName: '孙师傅', roles: ['technician'], department: 'ENG', phone: '13600000011' },
    { username: `tech2${loginSuffix}`, displayName: '吴师傅', roles: ['technician'], department: 'ENG', phone: '13600000012' },
    { username: `guard1${loginSuffix}`, displayName: '郑队长', roles: ['technician'], department: 'SEC' },
    { username: `supervisor${loginSuffix}`, displayName: '钱主管', roles: ['supervisor'], department: 'CS' },
    { username: `engmgr${loginSuffix}`, displayName: '冯经理', roles: ['engineering_manager'], department: 'ENG' },
    { username: `pm${loginSuffix}`, displayName: '陈经理', roles: ['project_manager'] },
    { username: `finance${loginSuffix}`, displayName: '褚会计', roles: ['finance'] },
  ],
});

/** Group-level users (see every estate). */
export const demoGroupStaff: EstateSpec['staff'] = [
  { username: 'quality', displayName: '卫品质', roles: [], groupRoles: ['quality_officer'] },
  { username: 'hotline', displayName: '蒋专员', roles: [], groupRoles: ['hotline_officer'] },
  { username: 'admin', displayName: '管理员', roles: [], groupRoles: ['admin'] },
];

/** Seeds the demo estate and the group users. */
export async function seedDemo(db: Queryable): Promise<BuiltEstate> {
  const spec = demoEstateSpec();
  spec.staff.push(...demoGroupStaff);
  return buildEstate(db, spec, DEMO_PASSWORD);
}
