import { Button, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { type Me, get, post } from '../shared/api.js';
import { addTranslations, toggleLanguage } from '../shared/i18n.js';
import { ChangePassword } from './ChangePassword.js';
import { Inbox } from './Inbox.js';
import { stopLive } from './live.js';
import { Login } from './pages/Login.js';
import { SessionContext } from './session.js';

// Route-level code splitting: each screen loads when first opened.
const Intake = lazy(() => import('./pages/Intake.js'));
const Board = lazy(() => import('./pages/Board.js'));
const CasePage = lazy(() => import('./pages/CasePage.js'));
const Approvals = lazy(() => import('./pages/Approvals.js'));
const Search = lazy(() => import('./pages/Search.js'));
const Daily = lazy(() => import('./pages/Daily.js'));
const Weekly = lazy(() => import('./pages/Weekly.js'));
const Monthly = lazy(() => import('./pages/Monthly.js'));
const Quarterly = lazy(() => import('./pages/Quarterly.js'));
const Handover = lazy(() => import('./pages/Handover.js'));
const Admin = lazy(() => import('./pages/admin/AdminHome.js'));
const FollowUps = lazy(() => import('./pages/FollowUps.js'));
const Hotline = lazy(() => import('./pages/Hotline.js'));
const Quality = lazy(() => import('./pages/Quality.js'));
const Kpis = lazy(() => import('./pages/Kpis.js'));

const SUPERVISING = ['supervisor', 'project_manager', 'quality_officer', 'admin'];
const REVIEWING = ['supervisor', 'project_manager', 'quality_officer'];

addTranslations({ monthly: '月报', quarterly: '季报' }, { monthly: 'Monthly', quarterly: 'Quarterly' });
addTranslations({ handover: '交接班' }, { handover: 'Handover' });
addTranslations({ hotline: '总经理热线', quality: '品质管理', kpis: '指标看板' }, { hotline: 'GM hotline', quality: 'Quality office', kpis: 'KPIs' });
/** docs/kpis.md: an estate's supervisor and head, the quality office and the GM hotline read the figures. */
const KPI_READERS = [...REVIEWING, 'hotline_officer'];
/** R-GM-*, R-AR-2: the hotline, the quality office, estate heads and the department heads a dossier names (the server scopes the list). */
const HOTLINE_DESK = ['hotline_officer', 'quality_officer', 'project_manager', 'supervisor', 'engineering_manager', 'dispatcher'];
/** R-CP-3: the quality office, and each estate's supervisor and head for what concerns their estate (the server scopes the list). */
const QUALITY_DESK = ['quality_officer', 'project_manager', 'supervisor'];
/** R-SH-1: the desks that hand over at each shift change (the server checks the same roles). */
const HANDING_OVER = ['receptionist', 'night_duty', 'dispatcher', 'supervisor'];
const ADMINISTERING = ['admin'];
const FOLLOWING_UP = ['receptionist', 'night_duty', 'supervisor', 'project_manager'];

export function App() {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [estates, setEstates] = useState<{ id: string; name: string }[]>([]);
  const [estateId, setEstateId] = useState<string>('');
  const location = useLocation();

  const load = useCallback(async () => {
    try {
      const m = (await get<{ user: Me | null }>('/api/session')).user;
      if (!m) return setMe(null);
      const list = (await get<{ items: { id: string; name: string }[] }>('/api/estates')).items;
      setEstates(list);
      setEstateId((cur) => cur || localStorage.getItem('propdesk.estate') || list[0]?.id || '');
      setMe(m);
    } catch {
      setMe(null);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const session = useMemo(() => {
    if (!me) return null;
    const rolesHere = [...me.groupRoles, ...(me.estates.find((e) => e.estateId === estateId)?.roles ?? [])];
    return { me, estateId, rolesHere, setEstateId: (id: string) => { localStorage.setItem('propdesk.estate', id); setEstateId(id); } };
  }, [me, estateId]);

  if (me === undefined) return <Spin style={{ margin: 80 }} />;
  if (me === null || !session) return <Login onDone={load} />;
  const key = location.pathname.split('/')[1] || 'intake';
  const may = (roles: string[]) => session.rolesHere.some((r) => roles.includes(r));
  return (
    <SessionContext.Provider value={session}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>{t('appName')}</Typography.Title>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[key]}
            // minWidth 0: on a narrow screen the last items fold into 「…」 instead of pushing the account buttons off.
            style={{ flex: 1, minWidth: 0 }}
            items={[
              { key: 'intake', label: <Link to="/intake">{t('intake')}</Link> },
              { key: 'board', label: <Link to="/board">{t('board')}</Link> },
              { key: 'approvals', label: <Link to="/approvals">{t('approvals')}</Link> },
              ...(may(FOLLOWING_UP) ? [{ key: 'followups', label: <Link to="/followups">{t('followUps')}</Link> }] : []),
              { key: 'search', label: <Link to="/search">{t('search')}</Link> },
              // R-DY-2: the desk itself checks every order of the day came back; the supervisor signs.
              ...(may([...SUPERVISING, 'receptionist', 'night_duty']) ? [{ key: 'daily', label: <Link to="/daily">{t('daily')}</Link> }] : []),
              ...(may(HANDING_OVER) ? [{ key: 'handover', label: <Link to="/handover">{t('handover')}</Link> }] : []),
              ...(may(SUPERVISING) ? [{ key: 'weekly', label: <Link to="/weekly">{t('weekly')}</Link> }] : []),
              // R-MO-1 / R-QT-1: the server reads these to the supervisor, project manager and quality office only.
              ...(may(REVIEWING) ? [{ key: 'monthly', label: <Link to="/monthly">{t('monthly')}</Link> }, { key: 'quarterly', label: <Link to="/quarterly">{t('quarterly')}</Link> }] : []),
              ...(may(KPI_READERS) ? [{ key: 'kpis', label: <Link to="/kpis">{t('kpis')}</Link> }] : []),
              ...(may(HOTLINE_DESK) ? [{ key: 'hotline', label: <Link to="/hotline">{t('hotline')}</Link> }] : []),
              ...(may(QUALITY_DESK) ? [{ key: 'quality', label: <Link to="/quality">{t('quality')}</Link> }] : []),
              ...(may(ADMINISTERING) ? [{ key: 'admin', label: <Link to="/admin">{t('admin')}</Link> }] : []),
            ]}
          />
          <Space style={{ flexShrink: 0 }}>
            <Select aria-label="项目" value={estateId} style={{ width: 160 }} options={estates.map((e) => ({ value: e.id, label: e.name }))} onChange={session.setEstateId} />
            <Inbox />
            <Typography.Text style={{ color: '#fff' }}>{me.displayName}</Typography.Text>
            <Button size="small" onClick={toggleLanguage}>{t('switchLang')}</Button>
            <ChangePassword />
            <Button size="small" onClick={async () => { await post('/api/auth/logout'); stopLive(); setMe(null); }}>{t('logout')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin />}>
            <Routes>
              <Route path="/" element={<Navigate to="/intake" replace />} />
              <Route path="/intake" element={<Intake />} />
              <Route path="/board" element={<Board />} />
              <Route path="/cases/:id" element={<CasePage />} />
              <Route path="/approvals" element={<Approvals />} />
              <Route path="/search" element={<Search />} />
              <Route path="/followups" element={<FollowUps />} />
              <Route path="/daily" element={<Daily />} />
              <Route path="/handover" element={<Handover />} />
              <Route path="/hotline" element={<Hotline />} />
              <Route path="/quality" element={<Quality />} />
              <Route path="/kpis" element={<Kpis />} />
              <Route path="/weekly" element={<Weekly />} />
              <Route path="/monthly" element={<Monthly />} />
              <Route path="/quarterly" element={<Quarterly />} />
              <Route path="/admin/*" element={<Admin />} />
              <Route path="*" element={<Navigate to="/intake" replace />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </SessionContext.Provider>
  );
}
