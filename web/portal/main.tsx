import '../shared/mobile-compat.js';
import { createRoot } from 'react-dom/client';
import '../shared/i18n.js';
import { MobileLocale } from '../shared/MobileLang.js';
import { PortalApp } from './PortalApp.js';

createRoot(document.getElementById('root')!).render(<MobileLocale><PortalApp /></MobileLocale>);
