import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// zh-CN by default; en-US for English-speaking staff (the toggle stores the choice).
const resources = {
  'zh-CN': { translation: { appName: '物业报修投诉调度', login: '登录', logout: '退出', username: '用户名', password: '密码', intake: '受理', board: '调度看板', approvals: '审批', search: '案件查询', followUps: '待跟进', daily: '每日签核', weekly: '周汇总', admin: '系统管理', switchLang: 'English' } },
  'en-US': { translation: { appName: 'propdesk — repair & complaint desk', login: 'Sign in', logout: 'Sign out', username: 'Username', password: 'Password', intake: 'Intake', board: 'Dispatch board', approvals: 'Approvals', search: 'Search', followUps: 'Follow-ups', daily: 'Daily sign-off', weekly: 'Weekly summary', admin: 'Administration', switchLang: '中文' } },
};

i18n.use(initReactI18next).init({ resources, lng: localStorage.getItem('propdesk.lang') ?? 'zh-CN', fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });

export function toggleLanguage(): void {
  const next = i18n.language === 'zh-CN' ? 'en-US' : 'zh-CN';
  localStorage.setItem('propdesk.lang', next);
  void i18n.changeLanguage(next);
}

/**
 * Adds a screen's own strings (kept beside the screen, so screens never edit one shared table).
 * Keys are merged into the default namespace.
 */
export function addTranslations(zh: Record<string, string>, en: Record<string, string>): void {
  i18n.addResources('zh-CN', 'translation', zh);
  i18n.addResources('en-US', 'translation', en);
}

export default i18n;
