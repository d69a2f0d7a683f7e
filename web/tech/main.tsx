import '../shared/mobile-compat.js';
import { createRoot } from 'react-dom/client';
import '../shared/i18n.js';
import { MobileLocale } from '../shared/MobileLang.js';
import { TechApp } from './TechApp.js';

createRoot(document.getElementById('root')!).render(<MobileLocale><TechApp /></MobileLocale>);
