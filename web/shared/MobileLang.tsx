import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang, toggleLanguage } from './i18n.js';

/** antd-mobile's own texts (pickers, dialogs) in the chosen language; re-renders the page on a switch. */
export function MobileLocale({ children }: { children: ReactNode }) {
  useTranslation();
  return <ConfigProvider locale={currentLang() === 'en-US' ? enUS : zhCN}>{children}</ConfigProvider>;
}

/** The phone pages' language switch (kept like the console's, in localStorage). */
export function LangSwitch() {
  const { t } = useTranslation();
  return (
    <button type="button" onClick={toggleLanguage} style={{ border: '1px solid #d9d9d9', borderRadius: 4, background: '#fff', color: '#1677ff', fontSize: 12, padding: '2px 6px' }}>
      {t('switchLang')}
    </button>
  );
}
