import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// zh-CN by default; en-US for English-speaking staff (the toggle stores the choice).
const resources = {
  'zh-CN': { translation: { appName: '物业报修投诉调度', login: '登录', logout: '退出', username: '用户名', password: '密码', intake: '受理', board: '调度看板', approvals: '审批', search: '案件查询', followUps: '待跟进', daily: '每日签核', weekly: '周汇总', admin: '系统管理', switchLang: 'English' } },
  'en-US': { translation: { appName: 'propdesk — repair & complaint desk', login: 'Sign in', logout: 'Sign out', username: 'Username', password: 'Password', intake: 'Intake', board: 'Dispatch board', approvals: 'Approvals', search: 'Search', followUps: 'Follow-ups', daily: 'Daily sign-off', weekly: 'Weekly summary', admin: 'Administration', switchLang: '中文' } },
};

/** Where the chosen language is kept: one key for the console and the phone pages (same origin). */
export const LANG_KEY = 'propdesk.lang';
export type Lang = 'zh-CN' | 'en-US';
const stored = (): Lang => {
  try {
    return localStorage.getItem(LANG_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

i18n.use(initReactI18next).init({ resources, lng: stored(), fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
const markDocument = (lng: string) => { if (typeof document !== 'undefined') document.documentElement.lang = lng; };
markDocument(i18n.language);
i18n.on('languageChanged', markDocument);

/** The language in use: 'en-US' or 'zh-CN' (the default). */
export const currentLang = (): Lang => (i18n.language === 'en-US' ? 'en-US' : 'zh-CN');

/** Switches the language and keeps the choice for the next visit. */
export function setLanguage(lng: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lng);
}

export function toggleLanguage(): void {
  setLanguage(currentLang() === 'zh-CN' ? 'en-US' : 'zh-CN');
}

/**
 * Adds a screen's own strings (kept beside the screen, so screens never edit one shared table).
 * Keys are merged into the default namespace.
 */
export function addTranslations(zh: Record<string, string>, en: Record<string, string>): void {
  i18n.addResources('zh-CN', 'translation', zh);
  i18n.addResources('en-US', 'translation', en);
}

/** Adds a nested table of strings (`{ tech: { title: … } }` → `t('tech.title')`), merged deeply. */
export function addBundle(zh: Record<string, unknown>, en: Record<string, unknown>): void {
  i18n.addResourceBundle('zh-CN', 'translation', zh, true, true);
  i18n.addResourceBundle('en-US', 'translation', en, true, true);
}

export default i18n;

const inline = new Set<string>();
/**
 * A string written in place in both languages, `L('记录', 'Log')`: registered under a key made from
 * the Chinese text and answered in the current language. The screen calls useTranslation() so a
 * language switch re-renders it.
 */
export function L(zh: string, en: string): string {
  let h = 5381;
  // Both texts make the key: the same Chinese may need different English (派工单: Work order / Work orders).
  for (const c of `${zh}\u0000${en}`) h = ((h * 33) ^ c.codePointAt(0)!) >>> 0;
  const key = `txt_${h.toString(36)}_${zh.length}`;
  if (!inline.has(key)) {
    inline.add(key);
    addTranslations({ [key]: zh }, { [key]: en });
  }
  return i18n.t(key);
}
