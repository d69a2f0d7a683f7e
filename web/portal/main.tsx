import '../shared/mobile-compat.js';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './PortalApp.js';

createRoot(document.getElementById('root')!).render(<PortalApp />);
