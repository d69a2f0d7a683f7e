import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { currentLang } from '../shared/i18n.js';
import { App } from './App.js';
import './styles.css';

/** Ant Design's own texts (pagination, date pickers, empty tables) follow the language toggle. */
function Locale({ children }: { children: ReactNode }) {
  useTranslation();
  return (
    <ConfigProvider locale={currentLang() === 'en-US' ? enUS : zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1668dc' }, components: { Menu: { itemPaddingInline: 10 } } }}>
      {children}
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <Locale>
    <AntApp>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </AntApp>
  </Locale>,
);
