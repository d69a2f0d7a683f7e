import { Result, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { addTranslations } from '../../../shared/i18n.js';
import { useSession } from '../../session.js';
import CalendarTab from './CalendarTab.js';
import { CategoriesTab, PricesTab } from './CatalogTabs.js';
import EstateTab from './EstateTab.js';
import SlaTab from './SlaTab.js';
import StaffTab from './StaffTab.js';
import UnitsTab from './UnitsTab.js';
import AuditTab from './AuditTab.js';

addTranslations(
  { 'admin.estate': '项目', 'admin.units': '楼栋与房号', 'admin.staff': '部门与员工', 'admin.categories': '分类', 'admin.prices': '收费标准', 'admin.sla': 'SLA 时限', 'admin.calendar': '工作日历', 'admin.audit': '操作日志', 'admin.denied': '仅系统管理员可进入系统管理' },
  { 'admin.estate': 'Estate', 'admin.units': 'Buildings & units', 'admin.staff': 'Departments & staff', 'admin.categories': 'Categories', 'admin.prices': 'Price list', 'admin.sla': 'SLA times', 'admin.calendar': 'Working calendar', 'admin.audit': 'Set-up history', 'admin.denied': 'Only system administrators may open administration' },
);

const TABS = [
  ['estate', EstateTab],
  ['units', UnitsTab],
  ['staff', StaffTab],
  ['categories', CategoriesTab],
  ['prices', PricesTab],
  ['sla', SlaTab],
  ['calendar', CalendarTab],
  ['audit', AuditTab],
] as const;

/** Administration of the selected estate: one tab per area, each its own URL (/admin/units …). */
export default function AdminHome() {
  const { t } = useTranslation();
  const { rolesHere, estateId } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!rolesHere.includes('admin')) return <Result status="403" title={t('admin.denied')} />;
  const active = location.pathname.split('/')[2] || 'estate';
  return (
    <div>
      <Tabs activeKey={active} onChange={(k) => navigate(`/admin/${k}`)} items={TABS.map(([key]) => ({ key, label: t(`admin.${key}`) }))} />
      <Routes>
        <Route index element={<Navigate to="estate" replace />} />
        {TABS.map(([key, Screen]) => (
          <Route key={key} path={key} element={<Screen key={estateId} />} />
        ))}
        <Route path="*" element={<Navigate to="estate" replace />} />
      </Routes>
    </div>
  );
}
